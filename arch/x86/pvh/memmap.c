/* SPDX-License-Identifier: BSD-2-Clause */
/* The PVH memory map (hvm_start_info.memmap_paddr): how much RAM the kernel may use. */
#include <arch/pvh.h>

/*
 * The kernel maps RAM 1:1 from pfn 0 and hands [first free, end) to one allocator, so it
 * uses the RAM region that starts at 0, joined with the RAM regions that continue it
 * without a gap (Xen may list adjacent regions separately). RAM past a hole (above the
 * MMIO hole below 4 GiB) is not used.
 */
unsigned long pvh_ram_pages(const struct hvm_memmap_table_entry *map, unsigned int n,
                            unsigned long max_pfn)
{
    uint64_t end = 0;
    bool grew = true;

    while (grew) {
        grew = false;
        for (unsigned int i = 0; i < n; i++) {
            const struct hvm_memmap_table_entry *e = &map[i];

            if (e->type != XEN_HVM_MEMMAP_TYPE_RAM || e->addr > end || e->addr + e->size <= end)
                continue;
            end = e->addr + e->size;
            grew = true;
        }
    }
    end >>= PAGE_SHIFT;
    return end < max_pfn ? (unsigned long)end : max_pfn;
}
