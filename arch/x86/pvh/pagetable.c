/* SPDX-License-Identifier: BSD-2-Clause */
/* 4-level x86_64 page tables written directly (PVH): walk, make missing tables, set entries. */
#include <errno.h>
#include <arch/pvh.h>

#define PT_LEVELS  4
#define PT_ENTRIES 512UL
#define PTE_ADDR   0x000ffffffffff000ULL
/* An entry pointing at a table: the leaf entries decide the real protection. */
#define PTE_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)

static unsigned long pt_index(unsigned long va, int level)
{
    return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

pte_t *pt_entry(const struct pt_ops *ops, uint64_t root, unsigned long va, bool alloc)
{
    pte_t *table = ops->table(root);

    for (int level = PT_LEVELS; level > 1; level--) {
        pte_t *entry = &table[pt_index(va, level)];

        if (!(*entry & _PAGE_PRESENT)) {
            uint64_t pa = alloc ? ops->alloc() : 0;

            if (!pa)
                return NULL;
            *entry = pa | PTE_TABLE;
        }
        /* A 2 MiB or 1 GiB page has no table below it: we never make those here. */
        if (*entry & _PAGE_PSE)
            return NULL;
        table = ops->table(*entry & PTE_ADDR);
    }
    return &table[pt_index(va, 1)];
}

int pt_set(const struct pt_ops *ops, uint64_t root, unsigned long va, uint64_t pa, pte_t prot)
{
    pte_t *entry = pt_entry(ops, root, va, prot != 0);

    if (!entry)
        return prot ? -ENOMEM : 0;
    *entry = prot ? (pa & PTE_ADDR) | prot : 0;
    return 0;
}
