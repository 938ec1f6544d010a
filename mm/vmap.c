/* SPDX-License-Identifier: BSD-2-Clause */
/* The map_frames area: a bitmap of its pages, first fit, and the arch code doing the mapping. */
#include <kernel.h>
#include <mm.h>
#include <arch/mm.h>
#include "mm_internal.h"

static unsigned long used[VMAP_PAGES / BITS_PER_LONG];

static bool page_used(unsigned long i)
{
    return used[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG));
}

static void mark(unsigned long first, unsigned long n, bool set)
{
    for (unsigned long i = first; i < first + n; i++) {
        if (set)
            used[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
        else
            used[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
    }
}

/* First index of n free pages, marked used, or VMAP_PAGES if there is no such run. */
static unsigned long take_range(unsigned long n)
{
    unsigned long run = 0;

    for (unsigned long i = 0; i < VMAP_PAGES; i++) {
        run = page_used(i) ? 0 : run + 1;
        if (run == n) {
            mark(i + 1 - n, n, true);
            return i + 1 - n;
        }
    }
    return VMAP_PAGES;
}

void vmap_init(void)
{
    /* The area must not overlap the 1:1 RAM mapping. */
    ASSERT(total_page_count() < VMAP_START >> PAGE_SHIFT);
}

static void *area_for(unsigned long n, void *caller, const char *what)
{
    unsigned long flags = mm_lock();
    unsigned long first = n ? take_range(n) : VMAP_PAGES;
    char name[MM_CALLER_LEN];
    int rc;

    mm_unlock(flags);
    if (first == VMAP_PAGES) {
        printk("%s(%lu pages) from %s: no room in the mapping area\n", what, n,
               mm_caller_name(caller, name, sizeof(name)));
        return NULL;
    }
    rc = arch_prepare_area(VMAP_START + first * PAGE_SIZE, n);
    if (rc) {
        printk("%s(%lu pages) from %s: page tables: %d\n", what, n,
               mm_caller_name(caller, name, sizeof(name)), rc);
        flags = mm_lock();
        mark(first, n, false);
        mm_unlock(flags);
        return NULL;
    }
    return (void *)(VMAP_START + first * PAGE_SIZE);
}

void *alloc_map_area(unsigned long n)
{
    return area_for(n, __builtin_return_address(0), "alloc_map_area");
}

void *map_frames(const unsigned long *mfns, unsigned long n, unsigned long stride, domid_t dom,
                 pte_t prot)
{
    void *caller = __builtin_return_address(0);
    void *va = area_for(n, caller, "map_frames");
    char name[MM_CALLER_LEN];
    unsigned long flags;
    int rc;

    if (!va)
        return NULL;
    rc = arch_map_frames((unsigned long)va, mfns, n, stride, dom, prot);
    if (!rc)
        return va;
    printk("map_frames(%lu frames of domain %u, first mfn %#lx) from %s: %d\n", n, dom, mfns[0],
           mm_caller_name(caller, name, sizeof(name)), rc);
    flags = mm_lock();
    mark(((unsigned long)va - VMAP_START) >> PAGE_SHIFT, n, false);
    mm_unlock(flags);
    return NULL;
}

int unmap_frames(void *va, unsigned long n)
{
    unsigned long addr = (unsigned long)va, first = (addr - VMAP_START) >> PAGE_SHIFT;
    unsigned long flags;
    int rc;

    if (addr < VMAP_START || (addr & ~PAGE_MASK) || n == 0 || first >= VMAP_PAGES ||
        n > VMAP_PAGES - first)
        return -EINVAL;
    for (unsigned long i = first; i < first + n; i++)
        if (!page_used(i))
            return -EINVAL;
    rc = arch_unmap_area(addr, n);
    flags = mm_lock();
    mark(first, n, false);
    mm_unlock(flags);
    return rc;
}
