/* SPDX-License-Identifier: BSD-2-Clause */
/* hello: greets, reads a name typed on the console, and exits with the name's length. */
#include <console.h>
#include <kernel.h>
#include <string.h>

int main(void)
{
    char name[128];
    int len;

    printk("Hello from a Mini-OS application!\n");
    printk("What is your name? ");
    len = console_read_line(name, sizeof(name));
    if (len < 0) {
        printk("\nhello: cannot read the console: %d\n", len);
        return 255;
    }
    printk("\nHello, %s! Exiting with %d, the length of your name.\n", name, len);
    return len;
}
