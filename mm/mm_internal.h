/* SPDX-License-Identifier: BSD-2-Clause */
/* Interfaces between the files of mm/: callers named in messages, locking, page allocation. */
#ifndef MINIOS_MM_INTERNAL_H
#define MINIOS_MM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* "function+0x1f" for a return address, or its hex value outside our text. */
const char *mm_caller_name(void *addr, char *buf, size_t size);
#define MM_CALLER_LEN 96

/* The allocators are called from event handlers too: they run with events masked. */
unsigned long mm_lock(void);
void mm_unlock(unsigned long flags);

/*
 * alloc_pages on behalf of caller. quiet: the heap prints its own out-of-memory message
 * (naming malloc's caller and size), so the page allocator must not print one too.
 */
void *alloc_pages_for(unsigned int order, void *caller, bool quiet);
void free_pages_for(void *p, unsigned int order, void *caller);

/* Hand pfns [start, end) to the page allocator (its own state comes out of them first). */
void page_alloc_init(unsigned long start, unsigned long end);
/* Set up the map_frames area bookkeeping. */
void vmap_init(void);

#endif
