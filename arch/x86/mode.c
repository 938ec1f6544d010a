/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The x86 entry points that differ by mode, each choosing arch/x86/pv or arch/x86/pvh:
 * start of day (arch/setup.h), exceptions (arch/traps.h), page tables (arch/mm.h) and
 * event delivery (include/events.h). This is the one file that asks; the PVH ones
 * exist only in the 64-bit kernel; in the 32-bit one x86_pvh is constant false.
 */
#include <kernel.h>
#include <events.h>
#include <mm.h>
#include <arch/mm.h>
#include <arch/mode.h>
#include <arch/pv.h>
#include <arch/pvh.h>
#include <arch/setup.h>
#include <arch/traps.h>

void init_shared_info(void)
{
    if (x86_pvh)
        pvh_init_shared_info();
    else
        pv_init_shared_info();
}

void arch_print_start_info(void)
{
    if (x86_pvh)
        pvh_print_start_info();
    else
        pv_print_start_info();
}

void init_traps(void)
{
    if (x86_pvh)
        pvh_init_traps();
    else
        pv_init_traps();
}

unsigned long arch_fault_address(void)
{
    return x86_pvh ? pvh_fault_address() : pv_fault_address();
}

unsigned long arch_map_ram(unsigned long *end_pfn)
{
    return x86_pvh ? pvh_map_ram(end_pfn) : pv_map_ram(end_pfn);
}

void arch_protect_kernel(void)
{
    if (x86_pvh)
        pvh_protect_kernel();
    else
        pv_protect_kernel();
}

int unmap_page(void *va)
{
    return x86_pvh ? pvh_set_page(va, false) : pv_unmap_page(va);
}

int remap_page(void *va)
{
    return x86_pvh ? pvh_set_page(va, true) : pv_remap_page(va);
}

pte_t arch_pte_nx(void)
{
    return x86_pvh ? pvh_pte_nx() : pv_pte_nx();
}

int arch_page_pte(unsigned long va, pte_t *pte)
{
    return x86_pvh ? pvh_page_pte(va, pte) : pv_page_pte(va, pte);
}

bool arch_page_mapped(unsigned long va)
{
    return x86_pvh ? pvh_page_mapped(va) : pv_page_mapped(va);
}

int arch_prepare_area(unsigned long va, unsigned long n)
{
    return x86_pvh ? pvh_prepare_area(va, n) : pv_prepare_area(va, n);
}

int arch_map_frames(unsigned long va, const unsigned long *mfns, unsigned long n,
                    unsigned long stride, domid_t dom, pte_t prot)
{
    if (x86_pvh)
        return pvh_map_frames(va, mfns, n, stride, dom, prot);
    return pv_map_frames(va, mfns, n, stride, dom, prot);
}

int arch_map_page(unsigned long va, unsigned long mfn, pte_t prot)
{
    if (x86_pvh)
        return pvh_map_frames(va, &mfn, 1, 1, DOMID_SELF, prot);
    return pv_map_page(va, mfn, prot);
}

int arch_unmap_area(unsigned long va, unsigned long n)
{
    return x86_pvh ? pvh_unmap_area(va, n) : pv_unmap_area(va, n);
}

uint64_t arch_grant_host_addr(unsigned long va)
{
    return x86_pvh ? pvh_grant_host_addr(va) : va;
}

int arch_grant_mapped(unsigned long va, uint64_t host_addr, bool readonly)
{
    unsigned long gfn = (unsigned long)(host_addr >> PAGE_SHIFT);

    if (!x86_pvh)
        return 0;
    return pvh_map_frames(va, &gfn, 1, 1, DOMID_SELF, readonly ? PTE_KERNEL_RO : PTE_KERNEL_RW);
}

void arch_init_event_entry(void)
{
    if (x86_pvh)
        pvh_init_event_entry();
    else
        pv_init_event_entry();
}

unsigned long local_irq_save(void)
{
    return x86_pvh ? pvh_irq_save() : pv_irq_save();
}

void local_irq_restore(unsigned long flags)
{
    if (x86_pvh)
        pvh_irq_restore(flags);
    else
        pv_irq_restore(flags);
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
    return x86_pvh ? pvh_irqs_disabled() : pv_irqs_disabled();
}

void block_events_enabled(void)
{
    if (x86_pvh)
        pvh_block();
    else
        pv_block();
}
