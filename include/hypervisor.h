/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Typed hypercall wrappers and the two pages Xen shares with us (start_info, shared_info).
 * Every wrapper returns Xen's result: 0 or a negative errno (include/errno.h values).
 */
#ifndef MINIOS_HYPERVISOR_H
#define MINIOS_HYPERVISOR_H

#include <stdint.h>
#include <stddef.h>
#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/event_channel.h>
#include <xen/callback.h>
#include <xen/memory.h>
#include <xen/grant_table.h>
#include <xen/vcpu.h>
#include <xen/version.h>
#include <arch/atomic.h>
#include <arch/hypercall.h>
#include <arch/page.h>

/* A copy of start_info taken at boot (Xen's page lies in memory we reuse). */
extern start_info_t start_info;
extern shared_info_t *shared_info;

#define hcall(op, a1, a2, a3, a4, a5)                                           \
    arch_hypercall(__HYPERVISOR_##op, (unsigned long)(a1), (unsigned long)(a2), \
                   (unsigned long)(a3), (unsigned long)(a4), (unsigned long)(a5))

static inline int HYPERVISOR_sched_op(int cmd, void *arg)
{
    return hcall(sched_op, cmd, arg, 0, 0, 0);
}

static inline int HYPERVISOR_event_channel_op(int cmd, void *arg)
{
    return hcall(event_channel_op, cmd, arg, 0, 0, 0);
}

static inline int HYPERVISOR_set_trap_table(const trap_info_t *table)
{
    return hcall(set_trap_table, table, 0, 0, 0, 0);
}

static inline int HYPERVISOR_callback_op(int cmd, const void *arg)
{
    return hcall(callback_op, cmd, arg, 0, 0, 0);
}

static inline int HYPERVISOR_console_io(int cmd, int count, const char *str)
{
    return hcall(console_io, cmd, count, str, 0, 0);
}

static inline long HYPERVISOR_memory_op(unsigned int cmd, void *arg)
{
    return hcall(memory_op, cmd, arg, 0, 0, 0);
}

static inline int HYPERVISOR_grant_table_op(unsigned int cmd, void *uop, unsigned int count)
{
    return hcall(grant_table_op, cmd, uop, count, 0, 0);
}

static inline int HYPERVISOR_vcpu_op(int cmd, int vcpu, void *arg)
{
    return hcall(vcpu_op, cmd, vcpu, arg, 0, 0);
}

static inline int HYPERVISOR_xen_version(int cmd, void *arg)
{
    return hcall(xen_version, cmd, arg, 0, 0, 0);
}

static inline int HYPERVISOR_mmu_update(mmu_update_t *req, unsigned int count, unsigned int *done,
                                        domid_t dom)
{
    return hcall(mmu_update, req, count, done, dom, 0);
}

static inline int HYPERVISOR_mmuext_op(struct mmuext_op *op, unsigned int count, unsigned int *done,
                                       domid_t dom)
{
    return hcall(mmuext_op, op, count, done, dom, 0);
}

static inline int HYPERVISOR_update_va_mapping(unsigned long va, pte_t pte, unsigned long flags)
{
#ifdef __x86_64__
    return hcall(update_va_mapping, va, pte, flags, 0, 0);
#else
    return hcall(update_va_mapping, va, (uint32_t)pte, (uint32_t)(pte >> 32), flags, 0);
#endif
}

static inline int HYPERVISOR_set_timer_op(uint64_t deadline_ns)
{
#ifdef __x86_64__
    return hcall(set_timer_op, deadline_ns, 0, 0, 0, 0);
#else
    return hcall(set_timer_op, (uint32_t)deadline_ns, (uint32_t)(deadline_ns >> 32), 0, 0, 0);
#endif
}

/* The vcpu_info of the (only) vcpu we run on. */
static inline struct vcpu_info *this_vcpu(void)
{
    return &shared_info->vcpu_info[0];
}

#endif
