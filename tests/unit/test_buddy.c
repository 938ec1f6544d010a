/* SPDX-License-Identifier: BSD-2-Clause */
/* mm/buddy.c: random alloc/free stress, no overlaps, full coalescing, and bad-free detection. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "unit.h"

/*
 * mm/buddy.h, restated for the host (tests do not include kernel headers). struct buddy
 * stays opaque: a generously sized buffer holds it.
 */
#define BUDDY_MAX_ORDER 18
#define BUDDY_NONE      (~0UL)
#define PAGE_SIZE       4096UL
enum {
    BUDDY_OK,
    BUDDY_OUT_OF_RANGE,
    BUDDY_NOT_MANAGED,
    BUDDY_INSIDE_BLOCK,
    BUDDY_ALREADY_FREE,
    BUDDY_WRONG_ORDER,
};
void kt_buddy_init(void *b, uintptr_t base, unsigned long nr_pfns, uint8_t *state);
void kt_buddy_add_range(void *b, unsigned long start, unsigned long end);
unsigned long kt_buddy_alloc(void *b, unsigned int order);
int kt_buddy_free(void *b, unsigned long pfn, unsigned int order);
int kt_buddy_block_order(const void *b, unsigned long pfn);

/* ASSERT in buddy.c lands here. */
void panic(const char *fmt, ...);
void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

/* Two max-order blocks: 2 GiB of address space, of which only touched pages get memory. */
#define NR_PFNS (2UL << BUDDY_MAX_ORDER)

static union {
    char bytes[4096];
    long align;
} allocator;
static uint8_t *state, *owner;
static char *mem;

static void setup(unsigned long start, unsigned long end)
{
    mem = mmap(NULL, NR_PFNS * PAGE_SIZE, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    ck_assert(mem != MAP_FAILED);
    state = malloc(NR_PFNS);
    owner = calloc(NR_PFNS, 1);
    ck_assert(state && owner);
    kt_buddy_init(&allocator, (uintptr_t)mem, NR_PFNS, state);
    kt_buddy_add_range(&allocator, start, end);
}

static void teardown(void)
{
    munmap(mem, NR_PFNS * PAGE_SIZE);
    free(state);
    free(owner);
}

static uint32_t rng = 0x9e3779b9;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

struct block {
    unsigned long pfn;
    unsigned int order;
    int used;
};

/* Claim a fresh block: inside [start, end), aligned, overlapping nothing, stamped. */
static void claim(struct block *b, unsigned long start, unsigned long end, unsigned char id)
{
    unsigned long n = 1UL << b->order;

    ck_assert_msg(b->pfn >= start && b->pfn + n <= end, "block %lu+%lu outside", b->pfn, n);
    ck_assert_msg((b->pfn & (n - 1)) == 0, "block %lu misaligned for order %u", b->pfn, b->order);
    for (unsigned long i = 0; i < n; i++) {
        ck_assert_msg(owner[b->pfn + i] == 0, "page %lu handed out twice", b->pfn + i);
        owner[b->pfn + i] = id;
    }
    /* The allocator must not write to allocated memory: stamp both ends. */
    memset(mem + b->pfn * PAGE_SIZE, id, 64);
    memset(mem + (b->pfn + n) * PAGE_SIZE - 64, id, 64);
}

static void release(struct block *b, unsigned char id)
{
    unsigned long n = 1UL << b->order;
    char expect[64];

    memset(expect, id, sizeof(expect));
    ck_assert(memcmp(mem + b->pfn * PAGE_SIZE, expect, 64) == 0);
    ck_assert(memcmp(mem + (b->pfn + n) * PAGE_SIZE - 64, expect, 64) == 0);
    memset(owner + b->pfn, 0, n);
    ck_assert_int_eq(kt_buddy_free(&allocator, b->pfn, b->order), BUDDY_OK);
}

static void stress(unsigned long start, unsigned long end, unsigned int max_order, int rounds)
{
    static struct block slots[200];
    unsigned long got = 0;

    for (int r = 0; r < rounds; r++) {
        unsigned int i = rnd() % 200;

        if (slots[i].used) {
            release(&slots[i], i + 1);
            slots[i].used = 0;
            continue;
        }
        slots[i].order = rnd() % (max_order + 1);
        slots[i].pfn = kt_buddy_alloc(&allocator, slots[i].order);
        if (slots[i].pfn != BUDDY_NONE) {
            claim(&slots[i], start, end, i + 1);
            slots[i].used = 1;
            got++;
        }
    }
    for (unsigned int i = 0; i < 200; i++)
        if (slots[i].used)
            release(&slots[i], i + 1);
    memset(slots, 0, sizeof(slots));
    ck_assert_uint_gt(got, rounds / 4);
}

/* Everything freed must merge back: the whole range comes out as two max-order blocks. */
START_TEST(test_buddy_stress_coalesces)
{
    unsigned long a, b;

    setup(0, NR_PFNS);
    stress(0, NR_PFNS, 8, 20000);
    a = kt_buddy_alloc(&allocator, BUDDY_MAX_ORDER);
    b = kt_buddy_alloc(&allocator, BUDDY_MAX_ORDER);

    ck_assert_uint_eq(MIN(a, b), 0);
    ck_assert_uint_eq(a + b, 1UL << BUDDY_MAX_ORDER);
    ck_assert_uint_eq(kt_buddy_alloc(&allocator, 0), BUDDY_NONE);
    teardown();
}
END_TEST

/* Drain from the largest order down; returns the pages obtained, counts per order in n. */
static unsigned long drain(unsigned long *n)
{
    unsigned long pages = 0;

    for (int o = BUDDY_MAX_ORDER; o >= 0; o--) {
        n[o] = 0;
        while (kt_buddy_alloc(&allocator, o) != BUDDY_NONE) {
            n[o]++;
            pages += 1UL << o;
        }
    }
    return pages;
}

/* An unaligned range with a hole: small orders under memory pressure, then the same layout. */
START_TEST(test_buddy_unaligned_ranges)
{
    unsigned long before[BUDDY_MAX_ORDER + 1], after[BUDDY_MAX_ORDER + 1];
    unsigned long total = (5000 - 3) + (9001 - 6000);

    setup(3, 5000);
    kt_buddy_add_range(&allocator, 6000, 9001);
    stress(3, 9001, 4, 20000);
    ck_assert_uint_eq(drain(before), total);
    teardown();

    setup(3, 5000);
    kt_buddy_add_range(&allocator, 6000, 9001);
    for (int i = 0; i < 3; i++)
        stress(3, 9001, 3 * i, 20000);
    ck_assert_uint_eq(drain(after), total);
    for (int o = 0; o <= BUDDY_MAX_ORDER; o++)
        ck_assert_msg(before[o] == after[o], "order %d: %lu blocks, fresh %lu", o, after[o],
                      before[o]);
    teardown();
}
END_TEST

START_TEST(test_buddy_bad_frees)
{
    unsigned long a, b;

    setup(16, 1024);
    a = kt_buddy_alloc(&allocator, 2);
    b = kt_buddy_alloc(&allocator, 0);
    ck_assert(a != BUDDY_NONE && b != BUDDY_NONE);
    ck_assert_int_eq(kt_buddy_block_order(&allocator, a), 2);
    ck_assert_int_eq(kt_buddy_free(&allocator, a, 1), BUDDY_WRONG_ORDER);
    ck_assert_int_eq(kt_buddy_free(&allocator, a + 1, 0), BUDDY_INSIDE_BLOCK);
    ck_assert_int_eq(kt_buddy_free(&allocator, 3, 0), BUDDY_NOT_MANAGED);
    ck_assert_int_eq(kt_buddy_free(&allocator, NR_PFNS, 0), BUDDY_OUT_OF_RANGE);
    ck_assert_int_eq(kt_buddy_free(&allocator, a, BUDDY_MAX_ORDER + 1), BUDDY_OUT_OF_RANGE);
    ck_assert_int_eq(kt_buddy_free(&allocator, a, 2), BUDDY_OK);
    ck_assert_int_eq(kt_buddy_free(&allocator, a, 2), BUDDY_ALREADY_FREE);
    ck_assert_int_eq(kt_buddy_free(&allocator, b, 0), BUDDY_OK);
    ck_assert_uint_eq(kt_buddy_alloc(&allocator, BUDDY_MAX_ORDER + 1), BUDDY_NONE);
    teardown();
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("buddy");

    UNIT_ADD(s, test_buddy_stress_coalesces);
    UNIT_ADD(s, test_buddy_unaligned_ranges);
    UNIT_ADD(s, test_buddy_bad_frees);
    return s;
}
