/* SPDX-License-Identifier: BSD-2-Clause */
/* Binary buddy allocator over page frame numbers: split on allocation, merge on free. */
#include <kernel.h>
#include <string.h>
#include <arch/page.h>
#include "buddy.h"

/*
 * One state byte per pfn. Only the first page of a block says what the block is, so the
 * state changes in O(1) when blocks split or merge; every other page of a managed block is
 * ST_TAIL. That is also what lets free_pages tell a double free, a wrong order and a pointer
 * into the middle of a block apart.
 */
#define ST_RESERVED 0x00
#define ST_TAIL     0x01
#define ST_FREE     0x40
#define ST_USED     0x80
#define ST_KIND     0xc0
#define ST_ORDER    0x3f

BUILD_BUG_ON(BUDDY_MAX_ORDER > ST_ORDER);

static struct list_head *node(const struct buddy *b, unsigned long pfn)
{
    return (struct list_head *)(b->base + pfn * PAGE_SIZE);
}

static unsigned long node_pfn(const struct buddy *b, struct list_head *n)
{
    return ((uintptr_t)n - b->base) / PAGE_SIZE;
}

void buddy_init(struct buddy *b, uintptr_t base, unsigned long nr_pfns, uint8_t *state)
{
    b->base = base;
    b->nr_pfns = nr_pfns;
    b->state = state;
    b->nr_free = 0;
    b->nr_managed = 0;
    memset(state, ST_RESERVED, nr_pfns);
    for (unsigned int i = 0; i <= BUDDY_MAX_ORDER; i++)
        list_init(&b->free[i]);
}

/* Put a block whose pages are all ST_TAIL (head aside) on a free list, merging first. */
static void insert_free(struct buddy *b, unsigned long pfn, unsigned int order)
{
    while (order < BUDDY_MAX_ORDER) {
        unsigned long buddy = pfn ^ (1UL << order);

        if (buddy >= b->nr_pfns || b->state[buddy] != (ST_FREE | order))
            break;
        list_del(node(b, buddy));
        b->state[MAX(pfn, buddy)] = ST_TAIL;
        pfn = MIN(pfn, buddy);
        order++;
    }
    b->state[pfn] = ST_FREE | order;
    list_add(node(b, pfn), &b->free[order]);
}

/* Adding page by page would work too; aligned blocks keep a 2 GiB boot fast. */
void buddy_add_range(struct buddy *b, unsigned long start, unsigned long end)
{
    ASSERT(start <= end && end <= b->nr_pfns);
    for (unsigned long pfn = start; pfn < end; pfn++) {
        ASSERT(b->state[pfn] == ST_RESERVED);
        b->state[pfn] = ST_TAIL;
    }
    while (start < end) {
        unsigned int order = 0;

        while (order < BUDDY_MAX_ORDER && !(start & (1UL << order)) &&
               start + (2UL << order) <= end)
            order++;
        b->nr_free += 1UL << order;
        b->nr_managed += 1UL << order;
        insert_free(b, start, order);
        start += 1UL << order;
    }
}

unsigned long buddy_alloc(struct buddy *b, unsigned int order)
{
    unsigned int o = order;
    unsigned long pfn;

    if (order > BUDDY_MAX_ORDER)
        return BUDDY_NONE;
    while (o <= BUDDY_MAX_ORDER && list_empty(&b->free[o]))
        o++;
    if (o > BUDDY_MAX_ORDER)
        return BUDDY_NONE;
    pfn = node_pfn(b, b->free[o].next);
    list_del(node(b, pfn));
    /* Keep the low half, give back the high halves. */
    while (o > order) {
        unsigned long half;

        o--;
        half = pfn + (1UL << o);
        b->state[half] = ST_FREE | o;
        list_add(node(b, half), &b->free[o]);
    }
    b->state[pfn] = ST_USED | order;
    b->nr_free -= 1UL << order;
    return pfn;
}

enum buddy_error buddy_free(struct buddy *b, unsigned long pfn, unsigned int order)
{
    uint8_t st;

    if (pfn >= b->nr_pfns || order > BUDDY_MAX_ORDER)
        return BUDDY_OUT_OF_RANGE;
    st = b->state[pfn];
    if (st == ST_RESERVED)
        return BUDDY_NOT_MANAGED;
    if (st == ST_TAIL)
        return BUDDY_INSIDE_BLOCK;
    if ((st & ST_KIND) == ST_FREE)
        return BUDDY_ALREADY_FREE;
    if ((st & ST_ORDER) != order)
        return BUDDY_WRONG_ORDER;
    b->nr_free += 1UL << order;
    insert_free(b, pfn, order);
    return BUDDY_OK;
}

int buddy_block_order(const struct buddy *b, unsigned long pfn)
{
    if (pfn >= b->nr_pfns || b->state[pfn] == ST_RESERVED || b->state[pfn] == ST_TAIL)
        return -1;
    return b->state[pfn] & ST_ORDER;
}

const char *buddy_error_string(enum buddy_error e)
{
    static const char *const names[] = {
        [BUDDY_OK] = "ok",
        [BUDDY_OUT_OF_RANGE] = "address or order out of range",
        [BUDDY_NOT_MANAGED] = "not memory the page allocator manages",
        [BUDDY_INSIDE_BLOCK] = "not the start of a block",
        [BUDDY_ALREADY_FREE] = "block is already free (double free)",
        [BUDDY_WRONG_ORDER] = "block was allocated with a different order",
    };

    return (unsigned int)e < ARRAY_SIZE(names) ? names[e] : "?";
}
