/* SPDX-License-Identifier: BSD-2-Clause */
/* hello: greets, reads a name typed on the console, and exits with the name's length. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char name[128];
    size_t len;

    printf("Hello from a Mini-OS application!\n");
    printf("What is your name? ");
    fflush(stdout);
    if (!fgets(name, sizeof(name), stdin)) {
        printf("\nhello: nothing read from the console\n");
        return 255;
    }
    len = strcspn(name, "\r\n");
    name[len] = '\0';
    printf("\nHello, %s! Exiting with %zu, the length of your name.\n", name, len);
    return (int)len;
}
