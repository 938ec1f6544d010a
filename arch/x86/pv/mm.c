/* SPDX-License-Identifier: BSD-2-Clause */
/* PV page tables (Xen's, changed by hypercall): map all RAM 1:1, protect the image, map frames. */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <arch/mm.h>
#include <arch/pv.h>

/* 4-level tables on x86_64; 3-level PAE on x86_32, whose top level has only 4 entries. */
#ifdef __x86_64__
#define PT_LEVELS 4
#else
#define PT_LEVELS 3
#endif
#define PT_ENTRIES 512UL
#define L1_SPAN    (PT_ENTRIES * PAGE_SIZE)
/* Runtime mmu_update batches live on the stack: keep them small. */
#define MAP_BATCH 64

extern char _etext[], _rodata[], _erodata[], _end[], boot_stack_guard[];

typedef unsigned long (*pt_alloc_t)(void);

/* [ram_first_free, ram_end): the pfns unmap_page/remap_page may touch. */
static unsigned long ram_first_free, ram_end;
static unsigned long boot_next_pfn;
/* One L1 table's worth of updates, for mapping RAM at boot. */
static mmu_update_t boot_batch[PT_ENTRIES];
/* _PAGE_NX if the CPU (as Xen presents it) has it, else 0: set on every non-code mapping. */
static pte_t pte_nx;

/* CPUID through Xen's forced-emulation prefix: the feature set Xen gives this guest. */
static void xen_cpuid(uint32_t leaf, uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    __asm__ __volatile__(".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e\n\tcpuid"
                         : "=a"(*eax), "=b"(*ebx), "=c"(*ecx), "=d"(*edx)
                         : "0"(leaf), "2"(0));
}

static void detect_nx(void)
{
    uint32_t max, b, c, d;

    xen_cpuid(0x80000000, &max, &b, &c, &d);
    if (max >= 0x80000001) {
        xen_cpuid(0x80000001, &max, &b, &c, &d);
        if (d & (1u << 20))
            pte_nx = _PAGE_NX;
    }
    if (!pte_nx)
        printk("MM: the CPU has no NX bit: data, heap and stacks stay executable\n");
}

pte_t pv_pte_nx(void)
{
    return pte_nx;
}

static unsigned long pt_index(unsigned long va, int level)
{
    return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

/* Protection of an entry pointing at a table of the level below. */
static pte_t table_prot(int level)
{
#ifdef __x86_64__
    return _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY;
#else
    /* PAE page-directory-pointer entries must not carry any other bit. */
    if (level == 3)
        return _PAGE_PRESENT;
    return _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY;
#endif
}

static pte_t pfn_pte(unsigned long pfn, pte_t prot)
{
    return ((pte_t)pfn_to_mfn(pfn) << PAGE_SHIFT) | prot;
}

/* Machine address of a 1:1-mapped byte: what mmu_update wants for a table entry. */
static uint64_t machine_addr(const void *va)
{
    return ((uint64_t)virt_to_mfn(va) << PAGE_SHIFT) | ((unsigned long)va & ~PAGE_MASK);
}

static pte_t *table_of(pte_t entry)
{
    return pfn_to_virt(mfn_to_pfn((unsigned long)((entry & PTE_MFN_MASK) >> PAGE_SHIFT)));
}

/*
 * Hook a new, zeroed table into *entry. Xen accepts a page as a page table only while we
 * hold no writable mapping of it, so its 1:1 mapping becomes read-only first.
 */
static int new_table(pte_t *entry, int level, pt_alloc_t alloc)
{
    unsigned long pfn = alloc();
    void *va;
    mmu_update_t req;
    int rc;

    if (!pfn)
        return -ENOMEM;
    va = pfn_to_virt(pfn);
    memset(va, 0, PAGE_SIZE);
    rc = HYPERVISOR_update_va_mapping((unsigned long)va, pfn_pte(pfn, PTE_KERNEL_RO), UVMF_INVLPG);
    if (rc)
        panic("making page table %#lx read-only: %d", pfn, rc);
    req.ptr = machine_addr(entry) | MMU_NORMAL_PT_UPDATE;
    req.val = pfn_pte(pfn, table_prot(level));
    rc = HYPERVISOR_mmu_update(&req, 1, NULL, DOMID_SELF);
    if (rc)
        panic("hooking level-%d page table %#lx in: %d", level - 1, pfn, rc);
    return 0;
}

/* The L1 table covering va; missing tables are made with alloc, or NULL if alloc is NULL. */
static pte_t *l1_table(unsigned long va, pt_alloc_t alloc)
{
    pte_t *table = (pte_t *)start_info.pt_base;

    for (int level = PT_LEVELS; level > 1; level--) {
        pte_t *entry = &table[pt_index(va, level)];

        if (!(*entry & _PAGE_PRESENT) && (!alloc || new_table(entry, level, alloc)))
            return NULL;
        table = table_of(*entry);
    }
    return table;
}

static bool is_mapped(unsigned long va)
{
    pte_t *l1 = l1_table(va, NULL);

    return l1 && (l1[pt_index(va, 1)] & _PAGE_PRESENT);
}

/*
 * Page tables for mapping RAM come from the pages right after the bootstrap region. We map
 * in ascending order and each L1 maps 512 pages, so the next page is always mapped already
 * (Xen guarantees 512 KiB of mapped padding to start with).
 */
static unsigned long boot_alloc_pt(void)
{
    unsigned long pfn = boot_next_pfn++;

    ASSERT(pfn < ram_end && is_mapped((unsigned long)pfn_to_virt(pfn)));
    return pfn;
}

static unsigned long runtime_alloc_pt(void)
{
    void *p = alloc_page();

    return p ? virt_to_pfn(p) : 0;
}

/* Map the absent pages of [pfn, end), which lie under one L1 table. */
static void map_ram_l1(unsigned long pfn, unsigned long end)
{
    unsigned long va = (unsigned long)pfn_to_virt(pfn);
    pte_t *l1 = l1_table(va, boot_alloc_pt);
    unsigned int n = 0;
    int rc;

    if (!l1)
        panic("mapping RAM at %#lx: no page table", va);
    for (; pfn < end; pfn++, va += PAGE_SIZE) {
        pte_t *entry = &l1[pt_index(va, 1)];

        /* Keep what is there: the bootstrap mapping and our shared_info page. */
        if (*entry & _PAGE_PRESENT)
            continue;
        boot_batch[n].ptr = machine_addr(entry) | MMU_NORMAL_PT_UPDATE;
        boot_batch[n].val = pfn_pte(pfn, PTE_KERNEL_RW | pte_nx);
        n++;
    }
    rc = n ? HYPERVISOR_mmu_update(boot_batch, n, NULL, DOMID_SELF) : 0;
    if (rc)
        panic("mapping RAM below pfn %#lx: %d", end, rc);
}

/*
 * Xen's bootstrap region holds, in order: our image, the p2m list, start_info, the xenstore
 * and console rings (domU), the bootstrap page tables and a one-page stack. We left that
 * stack at _start, but skipping it costs one page and relies on no layout detail.
 */
static unsigned long first_free_pfn(void)
{
    unsigned long pt_pfn = virt_to_pfn(start_info.pt_base);
    unsigned long image_end = virt_to_pfn(_end + PAGE_SIZE - 1);
    unsigned long p2m_end = virt_to_pfn(
        start_info.mfn_list + start_info.nr_pages * sizeof(unsigned long) + PAGE_SIZE - 1);

    ASSERT(pt_pfn >= image_end && pt_pfn >= p2m_end);
    return pt_pfn + start_info.nr_pt_frames + 1;
}

unsigned long pv_map_ram(unsigned long *end_pfn)
{
    unsigned long pfn, next;

    detect_nx();
    ram_end = MIN(start_info.nr_pages, RAM_MAX_PFN);
    if (ram_end < start_info.nr_pages)
        printk("MM: mapping only the first %lu of %lu pages\n", ram_end, start_info.nr_pages);
    boot_next_pfn = first_free_pfn();
    for (pfn = 0; pfn < ram_end; pfn = next) {
        next = MIN(ALIGN_DOWN(pfn, PT_ENTRIES) + PT_ENTRIES, ram_end);
        map_ram_l1(pfn, next);
    }
    ram_first_free = boot_next_pfn;
    *end_pfn = ram_end;
    return boot_next_pfn;
}

static void set_page(unsigned long va, pte_t pte, const char *what)
{
    int rc = HYPERVISOR_update_va_mapping(va, pte, UVMF_INVLPG);

    if (rc)
        panic("%s at %#lx: %d", what, va, rc);
}

/*
 * Add NX to every present mapping of [va, end) that lacks it, keeping frame and flags:
 * what Xen mapped for us at boot (image data, p2m, start_info, page tables, padding).
 */
static void set_nx_range(unsigned long va, unsigned long end)
{
    unsigned int n = 0;
    int rc;

    for (; va < end; va += PAGE_SIZE) {
        pte_t *l1 = l1_table(va, NULL);
        pte_t *entry = l1 ? &l1[pt_index(va, 1)] : NULL;

        if (!entry || !(*entry & _PAGE_PRESENT) || (*entry & _PAGE_NX))
            continue;
        boot_batch[n].ptr = machine_addr(entry) | MMU_NORMAL_PT_UPDATE;
        boot_batch[n].val = *entry | _PAGE_NX;
        if (++n == PT_ENTRIES) {
            rc = HYPERVISOR_mmu_update(boot_batch, n, NULL, DOMID_SELF);
            if (rc)
                panic("setting NX below %#lx: %d", va, rc);
            n = 0;
        }
    }
    rc = n ? HYPERVISOR_mmu_update(boot_batch, n, NULL, DOMID_SELF) : 0;
    if (rc)
        panic("setting NX below %#lx: %d", end, rc);
}

/*
 * W^X: only text is executable, and it is read-only; rodata is read-only and NX, and
 * everything else (data, bss, stacks, heap, all other RAM) is writable and NX.
 */
void pv_protect_kernel(void)
{
    /* Page 0 holds only the boot entry: without it a NULL dereference faults. */
    set_page(0, 0, "unmapping page 0");
    /* The hypercall page and text. */
    for (unsigned long va = PAGE_SIZE; va < (unsigned long)_etext; va += PAGE_SIZE)
        set_page(va, pfn_pte(virt_to_pfn(va), PTE_KERNEL_RO), "write-protecting text");
    for (unsigned long va = (unsigned long)_rodata; va < (unsigned long)_erodata; va += PAGE_SIZE)
        set_page(va, pfn_pte(virt_to_pfn(va), PTE_KERNEL_RO | pte_nx), "protecting rodata");
    if (pte_nx)
        set_nx_range(ALIGN_UP((unsigned long)_erodata, PAGE_SIZE),
                     (unsigned long)pfn_to_virt(ram_end));
    /* Below the boot (idle) stack: an overflow faults instead of running into bss. */
    set_page((unsigned long)boot_stack_guard, 0, "unmapping the boot stack guard page");
}

int pv_page_pte(unsigned long va, pte_t *pte)
{
    pte_t *l1 = l1_table(va, NULL);

    if (!l1 || !(l1[pt_index(va, 1)] & _PAGE_PRESENT))
        return -ENOENT;
    *pte = l1[pt_index(va, 1)];
    return 0;
}

static bool is_free_ram(void *va)
{
    unsigned long pfn = virt_to_pfn(va);

    return ((unsigned long)va & ~PAGE_MASK) == 0 && pfn >= ram_first_free && pfn < ram_end;
}

int pv_unmap_page(void *va)
{
    if (!is_free_ram(va))
        return -EINVAL;
    return HYPERVISOR_update_va_mapping((unsigned long)va, 0, UVMF_INVLPG);
}

int pv_remap_page(void *va)
{
    if (!is_free_ram(va))
        return -EINVAL;
    return HYPERVISOR_update_va_mapping(
        (unsigned long)va, pfn_pte(virt_to_pfn(va), PTE_KERNEL_RW | pte_nx), UVMF_INVLPG);
}

int pv_prepare_area(unsigned long va, unsigned long n)
{
    unsigned long end = va + n * PAGE_SIZE;

    for (; va < end; va = ALIGN_DOWN(va, L1_SPAN) + L1_SPAN)
        if (!l1_table(va, runtime_alloc_pt))
            return -ENOMEM;
    return 0;
}

/* Apply the batch, emptying it. */
static int flush_batch(mmu_update_t *batch, unsigned int *n, domid_t dom)
{
    int rc = *n ? HYPERVISOR_mmu_update(batch, *n, NULL, dom) : 0;

    *n = 0;
    return rc;
}

int pv_map_frames(unsigned long va, const unsigned long *mfns, unsigned long n,
                  unsigned long stride, domid_t dom, pte_t prot)
{
    mmu_update_t batch[MAP_BATCH];
    unsigned int k = 0;
    int rc = 0;

    for (unsigned long i = 0; i < n && !rc; i++) {
        unsigned long page = va + i * PAGE_SIZE;
        pte_t *l1 = l1_table(page, runtime_alloc_pt);

        if (!l1) {
            rc = -ENOMEM;
            break;
        }
        batch[k].ptr = machine_addr(&l1[pt_index(page, 1)]) | MMU_NORMAL_PT_UPDATE;
        batch[k].val = ((pte_t)mfns[i * stride] << PAGE_SHIFT) | prot | pte_nx;
        if (++k == MAP_BATCH || i + 1 == n)
            rc = flush_batch(batch, &k, dom);
    }
    /* Part of a failed batch may have been applied: clear the whole (fresh) range. */
    if (rc)
        pv_unmap_area(va, n);
    return rc;
}

int pv_map_page(unsigned long va, unsigned long mfn, pte_t prot)
{
    return HYPERVISOR_update_va_mapping(va, ((pte_t)mfn << PAGE_SHIFT) | prot | pte_nx,
                                        UVMF_INVLPG);
}

int pv_unmap_area(unsigned long va, unsigned long n)
{
    mmu_update_t batch[MAP_BATCH];
    struct mmuext_op flush = {.cmd = MMUEXT_TLB_FLUSH_LOCAL};
    unsigned int k = 0;
    int rc = 0, rc2;

    for (unsigned long i = 0; i < n; i++) {
        unsigned long page = va + i * PAGE_SIZE;
        pte_t *l1 = l1_table(page, NULL);

        if (!l1 || !(l1[pt_index(page, 1)] & _PAGE_PRESENT))
            continue;
        batch[k].ptr = machine_addr(&l1[pt_index(page, 1)]) | MMU_NORMAL_PT_UPDATE;
        batch[k].val = 0;
        if (++k == MAP_BATCH && (rc2 = flush_batch(batch, &k, DOMID_SELF)) && !rc)
            rc = rc2;
    }
    if ((rc2 = flush_batch(batch, &k, DOMID_SELF)) && !rc)
        rc = rc2;
    /* mmu_update leaves stale TLB entries behind; one flush covers the whole range. */
    if ((rc2 = HYPERVISOR_mmuext_op(&flush, 1, NULL, DOMID_SELF)) && !rc)
        rc = rc2;
    return rc;
}

bool pv_page_mapped(unsigned long va)
{
    return is_mapped(va);
}
