/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The default application: after the start-of-day dump, print the system time once a
 * second, as users of this kind of kernel expect. It runs until the domain is shut down.
 */
#include <kernel.h>
#include <sched.h>
#include <time.h>

int app_main(void)
{
    for (;;) {
        struct timeval tv;

        gettimeofday(&tv, NULL);
        printk("T(s=%lld us=%06ld)\n", (long long)tv.tv_sec, tv.tv_usec);
        msleep(1000);
    }
    return 0;
}
