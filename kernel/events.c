/* SPDX-License-Identifier: BSD-2-Clause */
/* Event channels, 2-level ABI: upcall demultiplexing, port binding and the event mask. */
#include <kernel.h>
#include <events.h>
#include <arch/atomic.h>

/* 2-level ABI: one selector word of BITS_PER_LONG bits, each selecting a word of ports. */
#define BITS     BITS_PER_LONG
#define NR_PORTS (BITS * BITS)

struct port_binding {
    evtchn_handler_t handler;
    void *data;
};

static struct port_binding bindings[NR_PORTS];

void init_events(void)
{
    for (unsigned int i = 0; i < ARRAY_SIZE(shared_info->evtchn_mask); i++)
        shared_info->evtchn_mask[i] = ~0UL;
    /* Where Xen delivers events: our upcall entry (arch/x86/events.c). */
    arch_init_event_entry();
}

static void dispatch(evtchn_port_t port, struct pt_regs *regs)
{
    struct port_binding *b = &bindings[port];

    /* Clear before calling, so an event arriving during the handler is seen again. */
    sync_clear_bit(port, shared_info->evtchn_pending);
    if (b->handler) {
        b->handler(port, regs, b->data);
        return;
    }
    printk("events: port %u fired with no handler; masking it\n", port);
    evtchn_mask(port);
}

/*
 * Entered from the upcall with events masked. Loop until no new selector bits appear so
 * that back-to-back events on the same or other ports are all handled in this upcall.
 */
void do_hypervisor_callback(struct pt_regs *regs)
{
    struct vcpu_info *v = this_vcpu();

    while (v->evtchn_upcall_pending) {
        unsigned long sel;

        v->evtchn_upcall_pending = 0;
        sel = xchg_ulong(&v->evtchn_pending_sel, 0);
        while (sel) {
            unsigned int i = first_bit(sel);
            unsigned long pending;

            sel &= ~(1UL << i);
            pending = shared_info->evtchn_pending[i] & ~shared_info->evtchn_mask[i];
            while (pending) {
                unsigned int j = first_bit(pending);

                pending &= ~(1UL << j);
                dispatch(i * BITS + j, regs);
            }
        }
    }
}

int evtchn_bind(evtchn_port_t port, evtchn_handler_t handler, void *data)
{
    if (port >= NR_PORTS || !handler)
        return -EINVAL;
    if (bindings[port].handler)
        return -EBUSY;
    bindings[port].data = data;
    bindings[port].handler = handler;
    evtchn_unmask(port);
    return 0;
}

void evtchn_unbind(evtchn_port_t port)
{
    if (port >= NR_PORTS)
        return;
    evtchn_mask(port);
    bindings[port].handler = NULL;
    bindings[port].data = NULL;
}

static int bind_new_port(int rc, evtchn_port_t port, evtchn_handler_t handler, void *data,
                         evtchn_port_t *out)
{
    if (rc)
        return rc;
    rc = evtchn_bind(port, handler, data);
    if (rc) {
        struct evtchn_close close = {.port = port};

        HYPERVISOR_event_channel_op(EVTCHNOP_close, &close);
        return rc;
    }
    *out = port;
    return 0;
}

int evtchn_bind_virq(uint32_t virq, evtchn_handler_t handler, void *data, evtchn_port_t *port)
{
    struct evtchn_bind_virq op = {.virq = virq, .vcpu = 0};
    int rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &op);

    return bind_new_port(rc, op.port, handler, data, port);
}

int evtchn_bind_interdomain(domid_t remote_dom, evtchn_port_t remote_port, evtchn_handler_t handler,
                            void *data, evtchn_port_t *port)
{
    struct evtchn_bind_interdomain op = {.remote_dom = remote_dom, .remote_port = remote_port};
    int rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &op);

    return bind_new_port(rc, op.local_port, handler, data, port);
}

int evtchn_alloc_unbound(domid_t remote_dom, evtchn_handler_t handler, void *data,
                         evtchn_port_t *port)
{
    struct evtchn_alloc_unbound op = {.dom = DOMID_SELF, .remote_dom = remote_dom};
    int rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &op);

    return bind_new_port(rc, op.port, handler, data, port);
}

int evtchn_close(evtchn_port_t port)
{
    struct evtchn_close op = {.port = port};

    evtchn_unbind(port);
    return HYPERVISOR_event_channel_op(EVTCHNOP_close, &op);
}

int evtchn_send(evtchn_port_t port)
{
    struct evtchn_send op = {.port = port};

    return HYPERVISOR_event_channel_op(EVTCHNOP_send, &op);
}

void evtchn_mask(evtchn_port_t port)
{
    sync_set_bit(port, shared_info->evtchn_mask);
}

void evtchn_clear(evtchn_port_t port)
{
    sync_clear_bit(port, shared_info->evtchn_pending);
}

/*
 * Unmasking a port that is already pending must raise the upcall ourselves: Xen only
 * notifies on the transition to pending, which happened while the port was masked.
 */
void evtchn_unmask(evtchn_port_t port)
{
    struct vcpu_info *v = this_vcpu();

    sync_clear_bit(port, shared_info->evtchn_mask);
    if (test_bit(port, shared_info->evtchn_pending) &&
        !sync_test_and_set_bit(port / BITS, &v->evtchn_pending_sel)) {
        v->evtchn_upcall_pending = 1;
        if (!irqs_disabled())
            local_irq_restore(0);
    }
}

int evtchn_poll(evtchn_port_t port, uint64_t timeout_ns)
{
    struct sched_poll poll = {.nr_ports = 1, .timeout = timeout_ns};

    set_xen_guest_handle(poll.ports, &port);
    return HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
}
