/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PV events: Xen calls our upcall entry (registered with callback_op) and "masked" is
 * vcpu_info.evtchn_upcall_mask, which Xen honours before every upcall.
 */
#include <kernel.h>
#include <events.h>
#include <hypervisor.h>
#include <arch/pv.h>

extern char hypervisor_callback[], failsafe_callback[];

static void register_callback(uint16_t type, void *entry)
{
    struct callback_register cb = {.type = type};
    int rc;

#ifdef __x86_64__
    cb.address = (unsigned long)entry;
#else
    cb.address.cs = FLAT_KERNEL_CS;
    cb.address.eip = (unsigned long)entry;
#endif
    rc = HYPERVISOR_callback_op(CALLBACKOP_register, &cb);
    if (rc)
        panic("registering callback type %u: %d", type, rc);
}

void pv_init_event_entry(void)
{
    register_callback(CALLBACKTYPE_event, hypervisor_callback);
    register_callback(CALLBACKTYPE_failsafe, failsafe_callback);
}

unsigned long pv_irq_save(void)
{
    struct vcpu_info *v = this_vcpu();
    unsigned long flags = v->evtchn_upcall_mask;

    v->evtchn_upcall_mask = 1;
    barrier();
    return flags;
}

/*
 * Re-enabling events: anything that became pending while masked is delivered now by any
 * hypercall, since Xen checks for pending upcalls on every return to the guest.
 */
void pv_irq_restore(unsigned long flags)
{
    struct vcpu_info *v = this_vcpu();

    barrier();
    v->evtchn_upcall_mask = flags;
    barrier();
    if (!flags && v->evtchn_upcall_pending)
        HYPERVISOR_xen_version(XENVER_version, NULL);
}

int pv_irqs_disabled(void)
{
    return this_vcpu()->evtchn_upcall_mask;
}

/* SCHEDOP_block enables events and checks for pending ones atomically. */
void pv_block(void)
{
    HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    pv_irq_save();
}
