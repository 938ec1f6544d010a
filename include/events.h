/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event channels (2-level ABI): binding ports to handlers, sending, masking, and the
 * event mask that stands in for an interrupt flag in a PV guest.
 */
#ifndef MINIOS_EVENTS_H
#define MINIOS_EVENTS_H

#include <stdint.h>
#include <hypervisor.h>
#include <arch/traps.h>

typedef void (*evtchn_handler_t)(evtchn_port_t port, struct pt_regs *regs, void *data);

/* Mask every port and register the upcall and failsafe entry points with Xen. */
void init_events(void);

/* Attach a handler to an already allocated port and unmask it. 0 or -EINVAL/-EBUSY. */
int evtchn_bind(evtchn_port_t port, evtchn_handler_t handler, void *data);
/* Detach the handler and mask the port (the port stays open). */
void evtchn_unbind(evtchn_port_t port);

/* Allocate and bind in one call; each returns 0 and sets *port, or -errno from Xen. */
int evtchn_bind_virq(uint32_t virq, evtchn_handler_t handler, void *data, evtchn_port_t *port);
int evtchn_bind_interdomain(domid_t remote_dom, evtchn_port_t remote_port, evtchn_handler_t handler,
                            void *data, evtchn_port_t *port);
int evtchn_alloc_unbound(domid_t remote_dom, evtchn_handler_t handler, void *data,
                         evtchn_port_t *port);

/* Unbind (if bound) and close the port in Xen. */
int evtchn_close(evtchn_port_t port);
int evtchn_send(evtchn_port_t port);
void evtchn_mask(evtchn_port_t port);
void evtchn_unmask(evtchn_port_t port);
void evtchn_clear(evtchn_port_t port);

/* Block until port is pending (or timeout_ns of system time passes; 0 waits forever). */
int evtchn_poll(evtchn_port_t port, uint64_t timeout_ns);

/* Events masked = "interrupts off". Save returns the previous mask to give to restore. */
unsigned long local_irq_save(void);
void local_irq_restore(unsigned long flags);
void local_irq_disable(void);
void local_irq_enable(void);
int irqs_disabled(void);
/* Called with events masked: enable them and block until one is pending, atomically (no
 * wake-up is lost in between); returns with events masked again. */
void block_events_enabled(void);
/* Tell Xen where to deliver events (called once by init_events). */
void arch_init_event_entry(void);

#endif
