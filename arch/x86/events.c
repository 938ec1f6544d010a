/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where events enter and how they are masked. PV: Xen calls our upcall entry and the mask is
 * vcpu_info.evtchn_upcall_mask. PVH: Xen injects the callback vector, gated by RFLAGS.IF
 * (arch/x86/pvh/traps.c). The event code in kernel/ sees only these functions.
 */
#include <kernel.h>
#include <events.h>
#include <hypervisor.h>
#include <arch/mode.h>
#include <arch/pvh.h>

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

void arch_init_event_entry(void)
{
    if (x86_pvh)
        return pvh_init_event_entry();
    register_callback(CALLBACKTYPE_event, hypervisor_callback);
    register_callback(CALLBACKTYPE_failsafe, failsafe_callback);
}

unsigned long local_irq_save(void)
{
    struct vcpu_info *v = this_vcpu();
    unsigned long flags;

    if (x86_pvh)
        return pvh_irq_save();
    flags = v->evtchn_upcall_mask;
    v->evtchn_upcall_mask = 1;
    barrier();
    return flags;
}

/*
 * Re-enabling events: anything that became pending while masked is delivered now by any
 * hypercall, since Xen checks for pending upcalls on every return to the guest.
 */
void local_irq_restore(unsigned long flags)
{
    struct vcpu_info *v = this_vcpu();

    if (x86_pvh)
        return pvh_irq_restore(flags);
    barrier();
    v->evtchn_upcall_mask = flags;
    barrier();
    if (!flags && v->evtchn_upcall_pending)
        HYPERVISOR_xen_version(XENVER_version, NULL);
}

void local_irq_disable(void)
{
    (void)local_irq_save();
}

void local_irq_enable(void)
{
    local_irq_restore(0);
}

int irqs_disabled(void)
{
    return x86_pvh ? pvh_irqs_disabled() : this_vcpu()->evtchn_upcall_mask;
}

/* PV: SCHEDOP_block enables events and checks for pending ones atomically. */
void block_events_enabled(void)
{
    if (x86_pvh)
        return pvh_block();
    HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    local_irq_disable();
}
