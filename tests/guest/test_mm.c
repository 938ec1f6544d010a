/* SPDX-License-Identifier: BSD-2-Clause */
/* Memory checks: page allocator and heap stress, memalign, map_frames aliasing, heap faults. */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include "test.h"

#define PAGE_SLOTS 128
#define HEAP_SLOTS 256
#define ROUNDS     4000

static uint32_t rng_state = 0x12345678;

/* xorshift32: reproducible, so a failure repeats on the next boot. */
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

struct page_slot {
    unsigned long *p;
    unsigned int order;
};

/* Stamp every page of a block with its slot, so an overlap shows as a wrong stamp. */
static void stamp_block(struct page_slot *s, unsigned long id)
{
    for (unsigned long i = 0; i < (1UL << s->order); i++)
        s->p[i * PAGE_SIZE / sizeof(long)] = id ^ i;
}

static bool block_ok(const struct page_slot *s, unsigned long id)
{
    for (unsigned long i = 0; i < (1UL << s->order); i++)
        if (s->p[i * PAGE_SIZE / sizeof(long)] != (id ^ i))
            return false;
    return true;
}

/* Returns the number of problems seen; frees everything it allocated. */
static unsigned int page_stress(unsigned int max_order, unsigned long *allocs)
{
    static struct page_slot slots[PAGE_SLOTS];
    unsigned int bad = 0;

    for (unsigned int r = 0; r < ROUNDS; r++) {
        unsigned int i = rnd() % PAGE_SLOTS;
        struct page_slot *s = &slots[i];

        if (s->p) {
            bad += !block_ok(s, i);
            free_pages(s->p, s->order);
            s->p = NULL;
            continue;
        }
        s->order = rnd() % (max_order + 1);
        s->p = alloc_pages(s->order);
        if (!s->p)
            continue;
        (*allocs)++;
        bad += ((unsigned long)s->p & ((PAGE_SIZE << s->order) - 1)) != 0;
        stamp_block(s, i);
    }
    for (unsigned int i = 0; i < PAGE_SLOTS; i++) {
        if (slots[i].p) {
            bad += !block_ok(&slots[i], i);
            free_pages(slots[i].p, slots[i].order);
            slots[i].p = NULL;
        }
    }
    return bad;
}

static void check_page_alloc(void)
{
    unsigned long before = free_page_count(), allocs = 0;
    unsigned int max_order = 0, bad;

    /* Up to 64-page blocks, but with every slot full still under half of free memory. */
    while (max_order < 6 && ((unsigned long)PAGE_SLOTS << (max_order + 1)) <= before / 2)
        max_order++;
    bad = page_stress(max_order, &allocs);

    test_check("pages_counts", before > 0 && before <= total_page_count(), "free %lu of %lu",
               before, total_page_count());
    test_check("pages_stress", bad == 0 && allocs > ROUNDS / 4,
               "%u bad blocks in %lu allocations up to order %u", bad, allocs, max_order);
    test_check("pages_all_returned", free_page_count() == before, "free %lu, was %lu",
               free_page_count(), before);
    printk("Expect an out-of-memory message from check_page_alloc:\n");
    test_check("pages_too_big", alloc_pages(30) == NULL, "alloc_pages(30) must fail");
}

struct heap_slot {
    unsigned char *p;
    size_t size;
};

static size_t random_size(void)
{
    uint32_t r = rnd();

    /* Mostly small, some page-sized and a few multi-page blocks. */
    if (r % 16 == 0)
        return rnd() % 40000;
    if (r % 4 == 0)
        return rnd() % 5000;
    return rnd() % 300;
}

static bool heap_slot_ok(const struct heap_slot *s, unsigned int id)
{
    for (size_t i = 0; i < s->size; i++)
        if (s->p[i] != (unsigned char)(id + i))
            return false;
    return true;
}

static void heap_slot_fill(struct heap_slot *s, unsigned int id, size_t from)
{
    for (size_t i = from; i < s->size; i++)
        s->p[i] = (unsigned char)(id + i);
}

/* One random step on slot i: free it, realloc it, or allocate it. Returns problems seen. */
static unsigned int heap_step(struct heap_slot *s, unsigned int i)
{
    unsigned int bad = 0;

    if (s->p && rnd() % 3 == 0) {
        size_t size = random_size();
        unsigned char *q;

        bad += !heap_slot_ok(s, i);
        q = realloc(s->p, size + 1);
        if (!q)
            return bad;
        s->p = q;
        s->size = MIN(s->size, size + 1);
        bad += !heap_slot_ok(s, i);
        s->size = size + 1;
        heap_slot_fill(s, i, 0);
    } else if (s->p) {
        bad += !heap_slot_ok(s, i);
        free(s->p);
        s->p = NULL;
    } else {
        s->size = random_size();
        s->p = malloc(s->size);
        bad += s->p == NULL || ((unsigned long)s->p & 15) != 0;
        if (s->p)
            heap_slot_fill(s, i, 0);
    }
    return bad;
}

static void check_heap(void)
{
    static struct heap_slot slots[HEAP_SLOTS];
    unsigned long before = free_page_count();
    unsigned int bad = 0;
    unsigned char *z;

    for (unsigned int r = 0; r < 4 * ROUNDS; r++) {
        unsigned int i = rnd() % HEAP_SLOTS;

        bad += heap_step(&slots[i], i);
    }
    for (unsigned int i = 0; i < HEAP_SLOTS; i++) {
        if (slots[i].p) {
            bad += !heap_slot_ok(&slots[i], i);
            free(slots[i].p);
            slots[i].p = NULL;
        }
    }
    test_check("heap_stress", bad == 0, "%u bad blocks", bad);
    /* Empty slab pages go back to the page allocator. */
    test_check("heap_pages_returned", free_page_count() == before, "free %lu, was %lu",
               free_page_count(), before);
    z = calloc(100, 37);
    test_check("calloc_zeroed", z && z[0] == 0 && z[3699] == 0 && memchr(z, 1, 3700) == NULL,
               "calloc(100, 37) = %p", (void *)z);
    free(z);
    printk("Expect an overflow message from check_heap:\n");
    test_check("calloc_overflow", calloc(SIZE_MAX / 2, 4) == NULL,
               "calloc(SIZE_MAX / 2, 4) must fail");
}

static void check_memalign(void)
{
    unsigned int bad = 0;

    for (size_t align = 16; align <= 4 * PAGE_SIZE; align <<= 1) {
        for (size_t size = 1; size < 3 * PAGE_SIZE; size = size * 3 + 7) {
            unsigned char *p = memalign(align, size);

            if (!p || (unsigned long)p % align) {
                printk("memalign(%zu, %zu) = %p\n", align, size, (void *)p);
                bad++;
                continue;
            }
            memset(p, 0xa5, size);
            free(p);
        }
    }
    test_check("memalign", bad == 0, "%u misaligned or failed", bad);
}

static void check_map_frames(void)
{
    unsigned long *page = alloc_pages(1);
    unsigned long mfns[2], *alias;
    int rc;

    if (!page) {
        test_report("map_frames_alias", TEST_ERROR, "no pages");
        return;
    }
    /* Map the two pages in reverse order, through stride 1 over a two-entry list. */
    mfns[0] = virt_to_mfn((char *)page + PAGE_SIZE);
    mfns[1] = virt_to_mfn(page);
    alias = map_frames(mfns, 2, 1, DOMID_SELF, PTE_KERNEL_RW);
    if (!alias) {
        test_report("map_frames_alias", TEST_FAIL, "map_frames failed");
        free_pages(page, 1);
        return;
    }
    page[0] = 0x1111;
    page[PAGE_SIZE / sizeof(long)] = 0x2222;
    alias[0] ^= 0xff;
    test_check("map_frames_alias",
               alias[0] == 0x22dd && alias[PAGE_SIZE / sizeof(long)] == 0x1111 &&
                   page[PAGE_SIZE / sizeof(long)] == 0x22dd,
               "alias at %p reads %#lx %#lx", (void *)alias, alias[0],
               alias[PAGE_SIZE / sizeof(long)]);
    rc = unmap_frames(alias, 2);
    test_check("unmap_frames", rc == 0, "rc %d", rc);
    test_check("unmap_frames_twice", unmap_frames(alias, 2) == -EINVAL, "a second unmap must fail");
    free_pages(page, 1);
}

static void check_unmap_page(void)
{
    unsigned long *page = alloc_page();
    int rc1, rc2;

    if (!page) {
        test_report("unmap_remap_page", TEST_ERROR, "no page");
        return;
    }
    page[7] = 0xfeed;
    rc1 = unmap_page(page);
    rc2 = remap_page(page);
    test_check("unmap_remap_page", rc1 == 0 && rc2 == 0 && page[7] == 0xfeed, "rc %d %d, %#lx", rc1,
               rc2, page[7]);
    test_check("unmap_page_kernel", unmap_page((void *)PAGE_SIZE) == -EINVAL,
               "unmap_page of the kernel image must fail");
    free_page(page);
}

void suite_mm(void)
{
    check_page_alloc();
    check_heap();
    check_memalign();
    check_map_frames();
    check_unmap_page();
}

void suite_fault_heap_corrupt(void)
{
    char *p = malloc(32);

    printk("Writing one byte past a 32-byte block and freeing it; a panic must follow\n");
    __asm__ __volatile__("" : "+r"(p));
    p[32] = 'x';
    free(p);
    test_report("fault_heap_corrupt", TEST_FAIL, "free accepted a corrupted block");
}

void suite_fault_double_free(void)
{
    char *p = malloc(100);

    printk("Freeing a block twice; a panic must follow\n");
    free(p);
    __asm__ __volatile__("" : "+r"(p));
    free(p);
    test_report("fault_double_free", TEST_FAIL, "free accepted a double free");
}

void suite_fault_write_text(void)
{
    volatile unsigned char *p = (unsigned char *)(unsigned long)suite_fault_write_text;

    printk("Writing to our own text at %p; a protection fault must follow\n", (void *)p);
    *p = 0xc3;
    test_report("fault_write_text", TEST_FAIL, "text is writable");
}
