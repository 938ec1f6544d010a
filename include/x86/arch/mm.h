/* SPDX-License-Identifier: BSD-2-Clause */
/* What mm/ needs from the x86 page-table code: the virtual layout and mapping primitives. */
#ifndef MINIOS_ARCH_MM_H
#define MINIOS_ARCH_MM_H

#include <hypervisor.h>

/*
 * RAM is mapped 1:1 from virtual 0, up to RAM_MAX_PFN. On x86_64 the map_frames area lies
 * at 1 TiB (its own L4 slot) and reserved anonymous memory (mm/anon.c) at 2 TiB, 64 GiB of
 * address space. On x86_32, below the hypervisor hole (0xf5800000 for a PAE guest of a
 * 64-bit Xen), 1 GiB of anonymous memory sits at 0xa0000000 and the map_frames area right
 * above it; RAM beyond 2.5 GiB is not mapped, and [0xf0000000, the hole) stays unmapped.
 */
#ifdef __x86_64__
#define VMAP_START  0x10000000000UL
#define ANON_START  0x20000000000UL
#define ANON_PAGES  (1UL << 24)
#define RAM_MAX_PFN (VMAP_START >> PAGE_SHIFT)
#else
#define VMAP_START  0xe0000000UL
#define ANON_START  0xa0000000UL
#define ANON_PAGES  (1UL << 18)
#define RAM_MAX_PFN (ANON_START >> PAGE_SHIFT)
#endif
/* 256 MiB of mapping area: plenty for grant and device mappings. */
#define VMAP_PAGES 65536UL

/*
 * Map every page of RAM 1:1, taking page-table pages from the memory right after Xen's
 * bootstrap region. Returns the first pfn free for the page allocator; *end_pfn gets the
 * number of pfns mapped.
 */
unsigned long arch_map_ram(unsigned long *end_pfn);
/*
 * Unmap page 0 and the boot stack's guard page, make text and rodata read-only, and every
 * mapping but text non-executable.
 */
void arch_protect_kernel(void);
/* _PAGE_NX when the CPU has it (every mapping made here carries it but text), else 0. */
pte_t arch_pte_nx(void);
/* The page-table entry mapping va: 0, or -ENOENT when nothing is mapped there. */
int arch_page_pte(unsigned long va, pte_t *pte);

/*
 * Grant mappings at va: the host_addr Xen wants in GNTTABOP_(un)map_grant_ref (PV: va
 * itself; PVH: a guest-physical address, for Xen maps grants into our physical space),
 * and what to do once Xen mapped it there (PVH: map va to that address). 0 or -errno.
 */
uint64_t arch_grant_host_addr(unsigned long va);
int arch_grant_mapped(unsigned long va, uint64_t host_addr, bool readonly);
/* Whether va is mapped (for tests: given-back pages and guard pages are not). */
bool arch_page_mapped(unsigned long va);
/* Make sure page tables exist for [va, va + n pages) so Xen can map grants there. */
int arch_prepare_area(unsigned long va, unsigned long n);
/* Map mfns[i * stride] of dom at va + i pages, never executable. On failure nothing stays mapped. */
int arch_map_frames(unsigned long va, const unsigned long *mfns, unsigned long n,
                    unsigned long stride, domid_t dom, pte_t prot);
/* Map (or replace the mapping at) one page, never executable, and flush it from the TLB. */
int arch_map_page(unsigned long va, unsigned long mfn, pte_t prot);
/* Clear whatever is mapped in [va, va + n pages) and flush the TLB. */
int arch_unmap_area(unsigned long va, unsigned long n);

#endif
