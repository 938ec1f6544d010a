/* SPDX-License-Identifier: BSD-2-Clause */
/* Page sizes, PTE bits and the pseudo-physical <-> machine <-> virtual conversions. */
#ifndef MINIOS_ARCH_PAGE_H
#define MINIOS_ARCH_PAGE_H

#include <stdint.h>
#include <arch/mode.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define _PAGE_PRESENT  0x001ULL
#define _PAGE_RW       0x002ULL
#define _PAGE_USER     0x004ULL
#define _PAGE_ACCESSED 0x020ULL
#define _PAGE_DIRTY    0x040ULL
#define _PAGE_PSE      0x080ULL
#define _PAGE_NX       (1ULL << 63)
/* The machine frame address bits of a page-table entry. */
#define PTE_MFN_MASK 0x000ffffffffff000ULL

#ifdef __x86_64__
/* A 64-bit PV kernel runs in ring 3, so its own mappings must be user-accessible. */
#define PTE_KERNEL_RW (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_KERNEL_RO (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#else
#define PTE_KERNEL_RW (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_KERNEL_RO (_PAGE_PRESENT | _PAGE_ACCESSED)
#endif

typedef uint64_t pte_t;

/* The image is linked at virtual 0 and RAM is mapped 1:1 above it. */
#define VIRT_START 0UL

/*
 * pseudo-physical frame -> machine frame, from start_info's mfn_list (PV). In PVH the frames
 * we hand to Xen and backends are guest frames: there is no table, both ways are identity.
 */
extern unsigned long *phys_to_machine_mapping;

#define pfn_to_mfn(pfn) (x86_pvh ? (unsigned long)(pfn) : phys_to_machine_mapping[(pfn)])
#define mfn_to_pfn(mfn) (x86_pvh ? (unsigned long)(mfn) : machine_to_phys_mapping[(mfn)])
/* Record that pfn is now backed by mfn (the balloon): nothing to record in PVH. */
#define set_pfn_to_mfn(pfn, mfn)                    \
    do {                                            \
        if (!x86_pvh)                               \
            phys_to_machine_mapping[(pfn)] = (mfn); \
    } while (0)
#define virt_to_pfn(va)  (((unsigned long)(va)-VIRT_START) >> PAGE_SHIFT)
#define pfn_to_virt(pfn) ((void *)(VIRT_START + ((unsigned long)(pfn) << PAGE_SHIFT)))
#define virt_to_mfn(va)  pfn_to_mfn(virt_to_pfn(va))
#define mfn_to_virt(mfn) pfn_to_virt(mfn_to_pfn(mfn))

#endif
