/* SPDX-License-Identifier: BSD-2-Clause */
/* The buddy allocator's pure core: no hypercalls, no locking, so host unit tests can drive it. */
#ifndef MINIOS_MM_BUDDY_H
#define MINIOS_MM_BUDDY_H

#include <stdint.h>
#include <list.h>

/* Largest block: 2^18 pages, 1 GiB. */
#define BUDDY_MAX_ORDER 18
#define BUDDY_NONE      (~0UL)

/*
 * Free blocks are linked through a list_head in their first page, so the allocator needs
 * no memory of its own beyond one state byte per pfn (see buddy.c).
 */
struct buddy {
    uintptr_t base; /* address of pfn 0 */
    unsigned long nr_pfns;
    uint8_t *state;
    struct list_head free[BUDDY_MAX_ORDER + 1];
    unsigned long nr_free, nr_managed;
};

/* Why a block cannot be freed. */
enum buddy_error {
    BUDDY_OK,
    BUDDY_OUT_OF_RANGE, /* pfn or order beyond the allocator */
    BUDDY_NOT_MANAGED,  /* reserved memory: the kernel image, page tables, ... */
    BUDDY_INSIDE_BLOCK, /* not the first page of a block */
    BUDDY_ALREADY_FREE, /* double free */
    BUDDY_WRONG_ORDER,  /* allocated with another order */
};

/* Manage pfns [0, nr_pfns) at base, all reserved; state holds nr_pfns bytes. */
void buddy_init(struct buddy *b, uintptr_t base, unsigned long nr_pfns, uint8_t *state);
/* Hand reserved pfns [start, end) to the allocator as free memory. */
void buddy_add_range(struct buddy *b, unsigned long start, unsigned long end);
/* First pfn of a free block of 2^order pages, now allocated, or BUDDY_NONE. */
unsigned long buddy_alloc(struct buddy *b, unsigned int order);
enum buddy_error buddy_free(struct buddy *b, unsigned long pfn, unsigned int order);
/* Order of the (free or allocated) block starting at pfn, or -1 if none starts there. */
int buddy_block_order(const struct buddy *b, unsigned long pfn);
const char *buddy_error_string(enum buddy_error e);

#endif
