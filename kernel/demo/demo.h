/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo application's threads, one per device frontend (kernel/demo/NAME.c). */
#ifndef MINIOS_DEMO_H
#define MINIOS_DEMO_H

#include <stdbool.h>

void demo_console(void *arg);
void demo_blkfront(void *arg);
void demo_netfront(void *arg);
void demo_net(void *arg);
void demo_fbfront(void *arg);
void demo_kbdfront(void *arg);

/* Pointer input kbdfront-demo hands to fbfront-demo, which draws the cursor and squares. */
void demo_fb_pointer(int x, int y, bool absolute);
void demo_fb_button(unsigned int code, bool pressed);

#endif
