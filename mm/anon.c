/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Anonymous memory spent only when written (minimal copy-on-write): a reservation maps
 * every page to one shared zero page, read-only; the first write to a page faults and
 * the fault handler maps a private zeroed page there instead.
 */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <arch/mm.h>
#include "mm_internal.h"

static void *zero_page;
static unsigned long zero_mfn;
/* Reservations are carved from the area by a bump pointer: it is far larger than RAM. */
static unsigned long next_free = ANON_START;
static unsigned long touched;

static int init_zero_page(void)
{
    if (zero_page)
        return 0;
    zero_page = alloc_page();
    if (!zero_page)
        return -ENOMEM;
    memset(zero_page, 0, PAGE_SIZE);
    zero_mfn = virt_to_mfn(zero_page);
    return 0;
}

void *anon_reserve(unsigned long n)
{
    unsigned long flags, va;
    int rc;

    if (!ANON_PAGES || n == 0 || init_zero_page())
        return NULL;
    flags = mm_lock();
    va = next_free;
    if (n > (ANON_START + ANON_PAGES * PAGE_SIZE - va) / PAGE_SIZE)
        va = 0;
    else
        next_free += n * PAGE_SIZE;
    mm_unlock(flags);
    if (!va) {
        printk("anon_reserve(%lu pages): no room left in the area\n", n);
        return NULL;
    }
    /* Stride 0: every page maps the zero page. */
    rc = arch_map_frames(va, &zero_mfn, n, 0, DOMID_SELF, PTE_KERNEL_RO);
    if (rc) {
        printk("anon_reserve(%lu pages): mapping the zero page: %d\n", n, rc);
        return NULL;
    }
    return (void *)va;
}

static bool in_area(unsigned long va)
{
    return va - ANON_START < next_free - ANON_START;
}

int anon_release(void *p, unsigned long n)
{
    unsigned long va = (unsigned long)p;

    if (!in_area(va) || (va & ~PAGE_MASK) || n > (next_free - va) / PAGE_SIZE)
        return -EINVAL;
    for (unsigned long i = 0; i < n; i++) {
        pte_t pte;

        if (arch_page_pte(va + i * PAGE_SIZE, &pte) || !(pte & _PAGE_RW))
            continue;
        arch_unmap_area(va + i * PAGE_SIZE, 1);
        free_page(mfn_to_virt((unsigned long)((pte & PTE_MFN_MASK) >> PAGE_SHIFT)));
        touched--;
    }
    return arch_unmap_area(va, n);
}

unsigned long anon_pages_written(void)
{
    return touched;
}

int mm_handle_fault(unsigned long addr, unsigned long error_code)
{
    unsigned long va = addr & PAGE_MASK;
    void *page;
    int rc;

    /* Only a write to a present page of a reservation: the zero page, read-only. */
    if (!in_area(addr) || (error_code & 3) != 3)
        return -EFAULT;
    page = alloc_pages_for(0, (void *)addr, true);
    if (!page) {
        printk("Out of memory on the first write to reserved memory at %#lx "
               "(%lu pages written so far, none free)\n",
               addr, touched);
        return -ENOMEM;
    }
    memset(page, 0, PAGE_SIZE);
    rc = arch_map_page(va, virt_to_mfn(page), PTE_KERNEL_RW);
    if (rc) {
        free_page(page);
        return rc;
    }
    touched++;
    return 0;
}
