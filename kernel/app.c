/* SPDX-License-Identifier: BSD-2-Clause */
/* The default application: what a user sees after the start-of-day dump. */
#include <kernel.h>

int app_main(void)
{
    printk("Hello from Mini-OS\n");
    return 0;
}
