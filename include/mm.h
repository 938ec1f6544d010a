/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory: the page allocator, the heap, and mappings of frames that are not our RAM.
 * Allocation failures return NULL after printing what could not be allocated and by whom.
 */
#ifndef MINIOS_MM_H
#define MINIOS_MM_H

#include <stddef.h>
#include <stdint.h>
#include <hypervisor.h>

/*
 * Map all of the domain's memory, hand the free part to the page allocator, unmap page 0
 * and make text read-only.
 */
void init_mm(void);

/* 2^order contiguous, page-aligned, 1:1-mapped pages, or NULL. */
void *alloc_pages(unsigned int order);
void free_pages(void *p, unsigned int order);
/* The smallest order whose block holds bytes: PAGE_SIZE << order >= bytes. */
static inline unsigned int bytes_to_order(size_t bytes)
{
    unsigned int order = 0;

    while ((PAGE_SIZE << order) < bytes)
        order++;
    return order;
}
#define alloc_page() alloc_pages(0)
#define free_page(p) free_pages((p), 0)
/* Pages currently free in the page allocator (tests compare it before and after). */
unsigned long free_page_count(void);
unsigned long total_page_count(void);

/* The heap. free() and realloc() check the block's guards and report the caller. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
/* align must be a power of two; free the result with free(). */
void *memalign(size_t align, size_t size);

/*
 * Map n machine frames (mfns[i * stride]) of domain dom into the mapping area with the
 * given PTE protection bits (e.g. PTE_KERNEL_RW); NULL if the area or Xen refuses.
 */
void *map_frames(const unsigned long *mfns, unsigned long n, unsigned long stride, domid_t dom,
                 pte_t prot);
/* A free, page-aligned range of n pages in the mapping area, with nothing mapped yet. */
void *alloc_map_area(unsigned long n);
/* Unmap n pages at va in the mapping area and release the range. 0 or -errno. */
int unmap_frames(void *va, unsigned long n);

/*
 * Anonymous memory spent only when written: n pages that read as zeros (all mapping one
 * shared zero page, read-only) until a write faults in a private zeroed page. Page tables
 * for the range are allocated at once (8 bytes per page). NULL if there is no room, or on
 * x86_32. Out of memory on a first write is reported and crashes the domain.
 */
void *anon_reserve(unsigned long n);
/* Release n pages of a reservation from p; written pages go back. 0 or -EINVAL. */
int anon_release(void *p, unsigned long n);
/* Pages of reservations written so far (each holds a private page). */
unsigned long anon_pages_written(void);
/* A page fault at addr: 0 if it was a first write to reserved memory, now mapped; -errno. */
int mm_handle_fault(unsigned long addr, unsigned long error_code);

/* Remove / restore the 1:1 mapping of one page of RAM (thread stack guard pages). */
int unmap_page(void *va);
int remap_page(void *va);

#endif
