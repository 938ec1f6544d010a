/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console demo: echoes each line typed in `xl console` (the characters appear as they are
 * typed, then the whole line), and says hello on every extra console (xl.cfg "channel").
 */
#include <kernel.h>
#include <console.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include "demo.h"

#define LINE_MAX_LEN 128

/* Greet device/console/1 if there is one, and echo whatever arrives on it. */
static void extra_console(void *arg)
{
    struct consfront *c;
    char buf[64];
    long n;
    int rc = consfront_open(1, &c, SECONDS(10));

    if (rc) {
        if (rc != -ENOENT)
            printk("console-demo: extra console 1: %s (%s)\n", strerror_name(rc),
                   strerror_desc(rc));
        return;
    }
    printk("console-demo: extra console 1 '%s' connected\n", consfront_name(c));
    consfront_write(c, "hello from mini-os\r\n", 20);
    while ((n = consfront_read(c, buf, sizeof(buf), 0)) > 0)
        consfront_write(c, buf, n);
    printk("console-demo: extra console 1 closed: %ld\n", n);
    consfront_close(c);
}

void demo_console(void *arg)
{
    char line[LINE_MAX_LEN];

    if (!create_thread("console-extra", extra_console, NULL))
        printk("console-demo: cannot start the extra-console thread\n");
    console_set_echo(true);
    printk("console-demo: type a line and press Enter: it is echoed back\n");
    for (;;) {
        int n = console_read_line(line, sizeof(line));

        if (n == -ENODEV) {
            printk("console-demo: this console has no input\n");
            return;
        }
        if (n == -EMSGSIZE)
            printk("console-demo: line longer than %u bytes, cut\n", LINE_MAX_LEN - 1);
        else if (n < 0)
            printk("console-demo: read error %s (%s)\n", strerror_name(n), strerror_desc(n));
        printk("console-demo: you typed '%s' (%zu bytes)\n", line, strlen(line));
    }
}
