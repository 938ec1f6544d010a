/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The default application, what users of `xl create -c` expect: after the start-of-day
 * dump, one thread per configured device (disk read/verify loop, incoming packets,
 * framebuffer drawing, keyboard and console echo) and the system time once a second.
 */
#include <kernel.h>
#include <sched.h>
#include <time.h>
#include "demo.h"

/* Options a driver has not added to Config.mk yet count as disabled. */

/* A disabled option folds its entry to NULL, so its demo need not be linked in. */
#define DEMO(option, fn) (IS_ENABLED(option) ? (fn) : NULL)

static const struct {
    const char *name;
    void (*fn)(void *);
} demos[] = {
    {"console-demo", DEMO(CONFIG_CONSFRONT, demo_console)},
    {"blkfront-demo", DEMO(CONFIG_BLKFRONT, demo_blkfront)},
    /* With TCP/IP the vifs belong to lwIP; without, the raw frame printer has them. */
    {"netfront-demo", DEMO(CONFIG_NETFRONT && !CONFIG_LWIP, demo_netfront)},
    {"net-demo", DEMO(CONFIG_LWIP, demo_net)},
    {"fbfront-demo", DEMO(CONFIG_FBFRONT, demo_fbfront)},
    {"kbdfront-demo", DEMO(CONFIG_KBDFRONT, demo_kbdfront)},
};

int app_main(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(demos); i++)
        if (demos[i].fn && !create_thread(demos[i].name, demos[i].fn, NULL))
            printk("demo: cannot start thread %s\n", demos[i].name);

    for (;;) {
        struct timeval tv;

        gettimeofday(&tv, NULL);
        printk("T(s=%lld us=%06ld)\n", (long long)tv.tv_sec, tv.tv_usec);
        msleep(1000);
    }
    return 0;
}
