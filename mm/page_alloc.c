/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel's page allocator (a buddy allocator over all free RAM) and init_mm. */
#include <kernel.h>
#include <events.h>
#include <fmt.h>
#include <mm.h>
#include <string.h>
#include <arch/mm.h>
#include "buddy.h"
#include "mm_internal.h"

static struct buddy pages;

const char *mm_caller_name(void *addr, char *buf, size_t size)
{
    unsigned long off;
    const char *name = symbol_lookup((unsigned long)addr, &off);

    if (name)
        snprintf(buf, size, "%s+%#lx", name, off);
    else
        snprintf(buf, size, "%p", addr);
    return buf;
}

unsigned long mm_lock(void)
{
    return local_irq_save();
}

void mm_unlock(unsigned long flags)
{
    local_irq_restore(flags);
}

void page_alloc_init(unsigned long start, unsigned long end)
{
    unsigned long state_pages = (end + PAGE_SIZE - 1) >> PAGE_SHIFT;

    ASSERT(start + state_pages < end);
    buddy_init(&pages, VIRT_START, end, pfn_to_virt(start));
    buddy_add_range(&pages, start + state_pages, end);
}

void *alloc_pages_for(unsigned int order, void *caller, bool quiet)
{
    unsigned long flags = mm_lock();
    unsigned long pfn = buddy_alloc(&pages, order);
    char name[MM_CALLER_LEN];

    mm_unlock(flags);
    if (pfn != BUDDY_NONE)
        return pfn_to_virt(pfn);
    if (!quiet)
        printk("alloc_pages(order %u) from %s: out of memory (%lu pages free)\n", order,
               mm_caller_name(caller, name, sizeof(name)), pages.nr_free);
    return NULL;
}

void *alloc_pages(unsigned int order)
{
    return alloc_pages_for(order, __builtin_return_address(0), false);
}

void free_pages_for(void *p, unsigned int order, void *caller)
{
    unsigned long flags = mm_lock();
    unsigned long pfn = virt_to_pfn(p);
    enum buddy_error e = BUDDY_OUT_OF_RANGE;
    char name[MM_CALLER_LEN];

    if (((unsigned long)p & ~PAGE_MASK) == 0)
        e = buddy_free(&pages, pfn, order);
    mm_unlock(flags);
    if (e == BUDDY_OK)
        return;
    if (e == BUDDY_WRONG_ORDER)
        panic("free_pages(%p, order %u) from %s: block was allocated with order %d", p, order,
              mm_caller_name(caller, name, sizeof(name)), buddy_block_order(&pages, pfn));
    panic("free_pages(%p, order %u) from %s: %s", p, order,
          mm_caller_name(caller, name, sizeof(name)), buddy_error_string(e));
}

void free_pages(void *p, unsigned int order)
{
    free_pages_for(p, order, __builtin_return_address(0));
}

unsigned long free_page_count(void)
{
    return pages.nr_free;
}

unsigned long total_page_count(void)
{
    return pages.nr_managed;
}

void init_mm(void)
{
    unsigned long end, start = arch_map_ram(&end);

    page_alloc_init(start, end);
    arch_protect_kernel();
    vmap_init();
    printk("MM: %lu pages mapped, first free pfn %#lx, %lu pages (%lu KiB) free\n", end, start,
           free_page_count(), free_page_count() << (PAGE_SHIFT - 10));
}
