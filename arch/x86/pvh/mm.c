/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PVH page tables: our own, written directly. RAM is mapped 1:1 with 4 KiB pages (so single
 * pages can be unmapped and write-protected), Xen's console and xenstore pages at their own
 * guest-physical address, and the mapping area on demand. Frame numbers are guest frames.
 */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <arch/mm.h>
#include <arch/pvh.h>

#define PT_ENTRIES 512UL
#define L1_SPAN    (PT_ENTRIES * PAGE_SIZE)
/*
 * Xen maps grants into our physical space: the mapping area's pages get guest-physical
 * twins in the top 256 MiB below 1 TiB (40 address bits, what the emulated CPU reports),
 * far above any RAM, Xen's special pages and the grant-table frames.
 */
#define GRANT_GPA_BASE ((1ULL << 40) - VMAP_PAGES * PAGE_SIZE)

#define MSR_EFER 0xc0000080
#define EFER_NXE (1U << 11)
#define CPUID_NX (1U << 20) /* leaf 0x80000001, edx */

extern char _etext[], _rodata[], _erodata[], boot_stack_guard[];

static uint64_t root;
/* _PAGE_NX once EFER.NXE is on (the CPU has NX), else 0: on every mapping but text. */
static pte_t pte_nx;
static unsigned long boot_next_pfn, ram_first_free, ram_end;

/* Every table lies in RAM, which is mapped 1:1 (first by the boot tables, then by ours). */
static pte_t *table_at(uint64_t pa)
{
    return (pte_t *)(unsigned long)pa;
}

/* Before the page allocator: the pages after Xen's start-of-day data. */
static uint64_t boot_alloc(void)
{
    unsigned long pfn = boot_next_pfn++;

    if (pfn >= ram_end)
        return 0;
    memset(pfn_to_virt(pfn), 0, PAGE_SIZE);
    return (uint64_t)pfn << PAGE_SHIFT;
}

static uint64_t runtime_alloc(void)
{
    void *p = alloc_page();

    if (!p)
        return 0;
    memset(p, 0, PAGE_SIZE);
    return (uint64_t)virt_to_pfn(p) << PAGE_SHIFT;
}

static const struct pt_ops boot_ops = {table_at, boot_alloc};
static const struct pt_ops runtime_ops = {table_at, runtime_alloc};

static void flush_page(unsigned long va)
{
    __asm__ __volatile__("invlpg (%0)" ::"r"(va) : "memory");
}

/* Text stays executable (we run it as the new tables take over); pvh_protect_kernel then
 * makes it read-only and everything else keeps NX. */
static void map_boot(unsigned long pfn, const char *what)
{
    pte_t nx = pfn < virt_to_pfn((unsigned long)_etext + PAGE_SIZE - 1) ? 0 : pte_nx;

    if (pt_set(&boot_ops, root, (unsigned long)pfn_to_virt(pfn), (uint64_t)pfn << PAGE_SHIFT,
               PTE_KERNEL_RW | nx))
        panic("PVH: no memory for the page tables mapping %s", what);
}

/* Our own CPU's NX: turn it on in EFER (our job here; Xen's in PV). */
static void enable_nx(void)
{
    uint32_t a, b, c, d, lo, hi;

    __asm__ __volatile__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "0"(0x80000000U), "2"(0));
    if (a < 0x80000001U)
        return;
    __asm__ __volatile__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "0"(0x80000001U), "2"(0));
    if (!(d & CPUID_NX))
        return;
    __asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(MSR_EFER));
    __asm__ __volatile__("wrmsr" ::"c"(MSR_EFER), "a"(lo | EFER_NXE), "d"(hi));
    pte_nx = _PAGE_NX;
}

pte_t pvh_pte_nx(void)
{
    return pte_nx;
}

unsigned long pvh_map_ram(unsigned long *end_pfn)
{
    enable_nx();
    if (!pte_nx)
        printk("MM: the CPU has no NX bit: data, heap and stacks stay executable\n");
    ram_end = start_info.nr_pages;
    boot_next_pfn = pvh_first_free_pfn;
    root = boot_alloc();
    if (!root)
        panic("PVH: no memory for page tables");
    for (unsigned long pfn = 0; pfn < ram_end; pfn++)
        map_boot(pfn, "RAM");
    map_boot(start_info.console.domU.mfn, "the console ring");
    map_boot(start_info.store_mfn, "the xenstore ring");
    __asm__ __volatile__("mov %0, %%cr3" ::"r"(root) : "memory");
    ram_first_free = boot_next_pfn;
    *end_pfn = ram_end;
    return boot_next_pfn;
}

static void set_kernel_page(unsigned long va, pte_t prot)
{
    pt_set(&runtime_ops, root, va, va - VIRT_START, prot);
    flush_page(va);
}

/* W^X as in PV: text read-only and executable, rodata read-only, the rest NX (mapped so). */
void pvh_protect_kernel(void)
{
    set_kernel_page(0, 0);
    for (unsigned long va = PAGE_SIZE; va < (unsigned long)_etext; va += PAGE_SIZE)
        set_kernel_page(va, PTE_KERNEL_RO);
    for (unsigned long va = (unsigned long)_rodata; va < (unsigned long)_erodata; va += PAGE_SIZE)
        set_kernel_page(va, PTE_KERNEL_RO | pte_nx);
    set_kernel_page((unsigned long)boot_stack_guard, 0);
}

int pvh_page_pte(unsigned long va, pte_t *pte)
{
    pte_t *entry = pt_entry(&runtime_ops, root, va, false);

    if (!entry || !(*entry & _PAGE_PRESENT))
        return -ENOENT;
    *pte = *entry;
    return 0;
}

int pvh_set_page(void *va, bool present)
{
    unsigned long pfn = virt_to_pfn(va);

    if (((unsigned long)va & ~PAGE_MASK) || pfn < ram_first_free || pfn >= ram_end)
        return -EINVAL;
    set_kernel_page((unsigned long)va, present ? PTE_KERNEL_RW | pte_nx : 0);
    return 0;
}

int pvh_prepare_area(unsigned long va, unsigned long n)
{
    unsigned long end = va + n * PAGE_SIZE;

    for (; va < end; va = ALIGN_DOWN(va, L1_SPAN) + L1_SPAN)
        if (!pt_entry(&runtime_ops, root, va, true))
            return -ENOMEM;
    return 0;
}

/* Our own frames only: another domain's would first need XENMEM_add_to_physmap_batch. */
int pvh_map_frames(unsigned long va, const unsigned long *gfns, unsigned long n,
                   unsigned long stride, domid_t dom, pte_t prot)
{
    if (dom != DOMID_SELF)
        return -EOPNOTSUPP;
    for (unsigned long i = 0; i < n; i++) {
        unsigned long page = va + i * PAGE_SIZE;

        if (pt_set(&runtime_ops, root, page, (uint64_t)gfns[i * stride] << PAGE_SHIFT,
                   prot | pte_nx)) {
            pvh_unmap_area(va, i);
            return -ENOMEM;
        }
        flush_page(page);
    }
    return 0;
}

int pvh_unmap_area(unsigned long va, unsigned long n)
{
    for (unsigned long i = 0; i < n; i++) {
        unsigned long page = va + i * PAGE_SIZE;
        pte_t *entry = pt_entry(&runtime_ops, root, page, false);

        if (entry && (*entry & _PAGE_PRESENT)) {
            *entry = 0;
            flush_page(page);
        }
    }
    return 0;
}

bool pvh_page_mapped(unsigned long va)
{
    pte_t *entry = pt_entry(&runtime_ops, root, va, false);

    return entry && (*entry & _PAGE_PRESENT);
}

uint64_t pvh_grant_host_addr(unsigned long va)
{
    ASSERT(va >= VMAP_START && va < VMAP_START + VMAP_PAGES * PAGE_SIZE);
    return GRANT_GPA_BASE + (va - VMAP_START);
}
