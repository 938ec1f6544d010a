/* SPDX-License-Identifier: BSD-2-Clause */
/* Start of day on x86 PV: keep start_info, map shared_info, and describe both. */
#include <kernel.h>
#include <hypervisor.h>
#include <string.h>
#include <arch/mode.h>
#include <arch/pvh.h>
#include <arch/setup.h>

start_info_t start_info;
shared_info_t *shared_info;
unsigned long *phys_to_machine_mapping;

/* A page of our image whose mapping is replaced by Xen's shared_info frame. */
static char shared_info_page[PAGE_SIZE] __aligned(PAGE_SIZE);

void init_start_info(const start_info_t *si)
{
    memcpy(&start_info, si, sizeof(start_info));
    start_info.cmd_line[sizeof(start_info.cmd_line) - 1] = '\0';
    phys_to_machine_mapping = (unsigned long *)start_info.mfn_list;
}

void init_shared_info(void)
{
    pte_t pte = (start_info.shared_info & PAGE_MASK) | PTE_KERNEL_RW;
    int rc;

    if (x86_pvh)
        return pvh_init_shared_info();
    rc = HYPERVISOR_update_va_mapping((unsigned long)shared_info_page, pte, UVMF_INVLPG);
    if (rc)
        panic("mapping shared_info at %#lx: %d", start_info.shared_info, rc);
    shared_info = (shared_info_t *)shared_info_page;
}

const char *kernel_cmdline(void)
{
    return (const char *)start_info.cmd_line;
}

static void print_xen_version(void)
{
    xen_extraversion_t extra;
    int version = HYPERVISOR_xen_version(XENVER_version, NULL);

    if (HYPERVISOR_xen_version(XENVER_extraversion, extra))
        extra[0] = '\0';
    extra[sizeof(extra) - 1] = '\0';
    printk("Xen version %d.%d%s\n", version >> 16, version & 0xffff, extra);
}

void print_start_of_day(void)
{
    const start_info_t *si = &start_info;

    printk("Xen Mini-OS (" ARCH_NAME ") booting\n");
    print_xen_version();
    if (x86_pvh)
        return pvh_print_start_of_day();
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
