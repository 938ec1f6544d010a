/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo application's threads, one per device frontend (kernel/demo/NAME.c). */
#ifndef MINIOS_DEMO_H
#define MINIOS_DEMO_H

void demo_console(void *arg);
void demo_blkfront(void *arg);
void demo_netfront(void *arg);
void demo_fbfront(void *arg);
void demo_kbdfront(void *arg);

#endif
