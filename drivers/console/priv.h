/* SPDX-License-Identifier: BSD-2-Clause */
/* State the primary console's output (console.c) and input (input.c) halves share. */
#ifndef MINIOS_CONSOLE_PRIV_H
#define MINIOS_CONSOLE_PRIV_H

#include <hypervisor.h>
#include <xen/io/console.h>

/* The primary console ring (NULL for dom0, which uses console_io) and its port. */
extern struct xencons_interface *console_ring;
extern evtchn_port_t console_port;
extern unsigned long console_in_bytes, console_bad_index;

/*
 * Move typed bytes from the ring into the input buffer, as far as it has room, and wake
 * readers. Any context; events must be masked (handlers, or under local_irq_save).
 */
void console_pull_input(void);

#endif
