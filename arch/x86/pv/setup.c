/* SPDX-License-Identifier: BSD-2-Clause */
/* Start of day in PV mode: map Xen's shared_info frame and describe start_info. */
#include <kernel.h>
#include <hypervisor.h>
#include <arch/pv.h>
#include <arch/setup.h>

/* A page of our image whose mapping is replaced by Xen's shared_info frame. */
static char shared_info_page[PAGE_SIZE] __aligned(PAGE_SIZE);

void pv_init_shared_info(void)
{
    pte_t pte = (start_info.shared_info & PAGE_MASK) | PTE_KERNEL_RW;
    int rc = HYPERVISOR_update_va_mapping((unsigned long)shared_info_page, pte, UVMF_INVLPG);

    if (rc)
        panic("mapping shared_info at %#lx: %d", start_info.shared_info, rc);
    shared_info = (shared_info_t *)shared_info_page;
}

void pv_print_start_info(void)
{
    const start_info_t *si = &start_info;

    printk("start_info: %p\n", (void *)&start_info);
    printk("  magic:        %.32s\n", si->magic);
    printk("  nr_pages:     %lu (%lu MiB)\n", si->nr_pages, si->nr_pages >> (20 - PAGE_SHIFT));
    printk("  shared_info:  %#lx (mapped at %p)\n", si->shared_info, (void *)shared_info);
    printk("  flags:        %#x\n", si->flags);
    printk("  pt_base:      %#lx\n", si->pt_base);
    printk("  nr_pt_frames: %lu\n", si->nr_pt_frames);
    printk("  mfn_list:     %#lx\n", si->mfn_list);
    printk("  mod_start:    %#lx\n", si->mod_start);
    printk("  mod_len:      %lu\n", si->mod_len);
    printk("  cmd_line:     \"%s\"\n", kernel_cmdline());
    printk("  store:        mfn %#lx, event channel %u\n", (unsigned long)si->store_mfn,
           si->store_evtchn);
    printk("  console:      mfn %#lx, event channel %u\n", (unsigned long)si->console.domU.mfn,
           si->console.domU.evtchn);
}
