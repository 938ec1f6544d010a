/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PVH start of day: find Xen (cpuid) and have it fill our hypercall page, read
 * hvm_start_info and the HVM params, and describe them to the kernel as the start_info
 * it knows: frame numbers in it are guest frames (PVH has no p2m), the console and
 * xenstore pages sit at their own guest-physical address. shared_info and the grant table
 * are placed into our physical space with XENMEM_add_to_physmap.
 */
#include <kernel.h>
#include <hypervisor.h>
#include <string.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <arch/mm.h>
#include <arch/mode.h>
#include <arch/pvh.h>
#include <arch/setup.h>

#define XEN_CPUID_FIRST 0x40000000
#define XEN_CPUID_LAST  0x40010000
#define MAX_MEMMAP      32

bool x86_pvh;
unsigned long pvh_first_free_pfn;

void start_kernel(start_info_t *si) __noreturn;
void pvh_start_kernel(uint32_t hvm_start_info_pa) __noreturn;

static start_info_t boot_info;
static const struct hvm_start_info *hsi;
static struct hvm_memmap_table_entry memmap[MAX_MEMMAP];
static unsigned int memmap_entries;
static char shared_info_page[PAGE_SIZE] __aligned(PAGE_SIZE);

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ __volatile__("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "0"(leaf), "2"(0));
}

/* Xen's cpuid leaves: their base, found by the "XenVMMXenVMM" signature (it moves with Viridian). */
static uint32_t xen_cpuid_base(void)
{
    for (uint32_t base = XEN_CPUID_FIRST; base < XEN_CPUID_LAST; base += 0x100) {
        uint32_t a, sig[3];

        cpuid(base, &a, &sig[0], &sig[1], &sig[2]);
        if (!memcmp(sig, "XenVMMXenVMM", 12) && a - base >= 2)
            return base;
    }
    return 0;
}

/* Leaf base+2 names the MSR; writing our page's address to it makes Xen fill the page. */
static bool init_hypercall_page(void)
{
    uint32_t base = xen_cpuid_base(), pages, msr, c, d;

    if (!base)
        return false;
    cpuid(base + 2, &pages, &msr, &c, &d);
    __asm__ __volatile__("wrmsr" ::"c"(msr), "a"((uint32_t)(unsigned long)hypercall_page), "d"(0));
    return true;
}

static uint64_t hvm_param(uint32_t index)
{
    struct xen_hvm_param p = {.domid = DOMID_SELF, .index = index};
    int rc = hcall(hvm_op, HVMOP_get_param, &p, 0, 0, 0);

    if (rc)
        panic("HVMOP_get_param %u: %d", index, rc);
    return p.value;
}

static unsigned long end_pfn_of(uint64_t pa, uint64_t size)
{
    return (unsigned long)((pa + size + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/* Xen puts hvm_start_info and what it points to after our image: memory starts after all. */
static unsigned long first_free_pfn(void)
{
    extern char _end[];
    unsigned long pfn = end_pfn_of((unsigned long)_end, 0);
    const struct hvm_modlist_entry *mods = (const void *)(unsigned long)hsi->modlist_paddr;

    pfn = MAX(pfn, end_pfn_of((unsigned long)hsi, sizeof(*hsi)));
    if (hsi->cmdline_paddr)
        pfn = MAX(pfn, end_pfn_of(hsi->cmdline_paddr, strlen((char *)hsi->cmdline_paddr) + 1));
    if (hsi->memmap_paddr)
        pfn = MAX(pfn, end_pfn_of(hsi->memmap_paddr, hsi->memmap_entries * sizeof(memmap[0])));
    if (hsi->nr_modules) {
        pfn = MAX(pfn, end_pfn_of(hsi->modlist_paddr, hsi->nr_modules * sizeof(*mods)));
        for (uint32_t i = 0; i < hsi->nr_modules; i++)
            pfn = MAX(pfn, end_pfn_of(mods[i].paddr, mods[i].size));
    }
    return pfn;
}

/* The start_info the kernel reads, from hvm_start_info and the HVM params. */
static void fill_boot_info(start_info_t *si)
{
    const struct hvm_modlist_entry *mods = (const void *)(unsigned long)hsi->modlist_paddr;

    strlcpy((char *)si->magic, "xen-3.0-x86_64 (PVH)", sizeof(si->magic));
    memmap_entries = MIN(hsi->memmap_entries, (uint32_t)MAX_MEMMAP);
    if (hsi->version >= 1 && hsi->memmap_paddr)
        memcpy(memmap, (void *)(unsigned long)hsi->memmap_paddr,
               memmap_entries * sizeof(memmap[0]));
    else
        memmap_entries = 0;
    si->nr_pages = pvh_ram_pages(memmap, memmap_entries, RAM_MAX_PFN);
    si->flags = hsi->flags;
    if (hsi->cmdline_paddr)
        strlcpy((char *)si->cmd_line, (char *)hsi->cmdline_paddr, sizeof(si->cmd_line));
    if (hsi->nr_modules) {
        si->mod_start = mods[0].paddr;
        si->mod_len = mods[0].size;
    }
    si->store_mfn = hvm_param(HVM_PARAM_STORE_PFN);
    si->store_evtchn = (uint32_t)hvm_param(HVM_PARAM_STORE_EVTCHN);
    si->console.domU.mfn = hvm_param(HVM_PARAM_CONSOLE_PFN);
    si->console.domU.evtchn = (uint32_t)hvm_param(HVM_PARAM_CONSOLE_EVTCHN);
    pvh_first_free_pfn = first_free_pfn();
}

void pvh_start_kernel(uint32_t hvm_start_info_pa)
{
    x86_pvh = true;
    hsi = (const struct hvm_start_info *)(unsigned long)hvm_start_info_pa;
    /* Without hypercalls there is no way to say anything: stop where xl shows the vcpu. */
    if (hsi->magic != XEN_HVM_START_MAGIC_VALUE || !init_hypercall_page())
        for (;;)
            __asm__ __volatile__("cli; hlt");
    fill_boot_info(&boot_info);
    start_kernel(&boot_info);
}

static void add_to_physmap(unsigned int space, unsigned long idx, unsigned long gpfn)
{
    struct xen_add_to_physmap xatp = {
        .domid = DOMID_SELF, .space = space, .idx = idx, .gpfn = gpfn};
    long rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);

    if (rc)
        panic("XENMEM_add_to_physmap space %u idx %lu at gfn %#lx: %ld", space, idx, gpfn, rc);
}

/*
 * shared_info replaces the frame of a page of our image. The grant table's frames go just
 * above our RAM, where nothing else is: GNTTABOP_setup_table then reports those guest
 * frames and the kernel maps them as on PV.
 */
void pvh_init_shared_info(void)
{
    struct gnttab_query_size q = {.dom = DOMID_SELF};
    int rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1);

    add_to_physmap(XENMAPSPACE_shared_info, 0, virt_to_pfn(shared_info_page));
    shared_info = (shared_info_t *)shared_info_page;
    if (rc || q.status != GNTST_okay)
        panic("gnttab: query_size: rc %d status %d", rc, q.status);
    for (uint32_t i = 0; i < q.max_nr_frames; i++)
        add_to_physmap(XENMAPSPACE_grant_table, i, start_info.nr_pages + i);
}

void pvh_print_start_info(void)
{
    const start_info_t *si = &start_info;

    printk("  hvm_start_info: %p, version %u, flags %#x\n", (void *)hsi, hsi->version, hsi->flags);
    printk("  magic:        %.32s\n", si->magic);
    printk("  memory map:   %u entries\n", memmap_entries);
    for (unsigned int i = 0; i < memmap_entries; i++)
        printk("    %012llx-%012llx type %u\n", (unsigned long long)memmap[i].addr,
               (unsigned long long)(memmap[i].addr + memmap[i].size - 1), memmap[i].type);
    printk("  nr_pages:     %lu (%lu MiB of RAM from 0)\n", si->nr_pages,
           si->nr_pages >> (20 - PAGE_SHIFT));
    printk("  shared_info:  gfn %#lx\n", virt_to_pfn(shared_info));
    printk("  first free:   gfn %#lx\n", pvh_first_free_pfn);
    printk("  cmd_line:     \"%s\"\n", kernel_cmdline());
    printk("  store:        gfn %#lx, event channel %u\n", (unsigned long)si->store_mfn,
           si->store_evtchn);
    printk("  console:      gfn %#lx, event channel %u\n", (unsigned long)si->console.domU.mfn,
           si->console.domU.evtchn);
}
