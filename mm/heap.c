/* SPDX-License-Identifier: BSD-2-Clause */
/* malloc and friends: size-classed slab pages for small blocks, whole page blocks for big ones. */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <list.h>
#include "mm_internal.h"

/*
 * Every block starts with a header and ends with a tail guard:
 *
 *     [slack][struct heap_hdr][user data, size bytes][tail guard]
 *
 * The header ends right before the (16-byte aligned) user pointer, so free() finds it from
 * the pointer alone; "offset" leads back to the start of the block, which memalign may
 * have moved. The header's canary is a hash of its fields and address, so corrupting any
 * of them is caught; a freed block gets a different canary, so freeing it again is told
 * apart from corruption. The caller field survives the block's release (a free page's list
 * node only overwrites the first fields), which lets a double free name who allocated it.
 */
struct heap_hdr {
    size_t size;     /* bytes the caller asked for */
    uint32_t offset; /* user pointer - block start */
    uint16_t cls;    /* size class, or CLASS_LARGE */
    uint16_t order;  /* page order of a large block */
    void *caller;    /* who allocated it */
    unsigned long canary;
};

#define HDR_ROOM    32
#define MIN_ALIGN   16
#define TAIL_GUARD  0x7a1c0ffee15bad5aULL
#define TAIL_SIZE   sizeof(uint64_t)
#define LIVE_MAGIC  ((unsigned long)0x4c1f3b2e9d8a7c65ULL)
#define FREED_MAGIC ((unsigned long)0xdeadf4eeb10cf4eeULL)
#define SLAB_MAGIC  ((unsigned long)0x51ab51ab51ab51abULL)
#define SLAB_HDR    64
#define CLASS_LARGE 0xffff
#define NR_CLASSES  6
#define MAX_REQUEST (1UL << 30)

BUILD_BUG_ON(sizeof(struct heap_hdr) > HDR_ROOM);

/* Object sizes (header and guard included), chosen to fill a page after the slab header. */
static const uint16_t class_size[NR_CLASSES] = {64, 128, 256, 512, 1008, 2016};

/* A page of small objects of one class. */
struct slab {
    unsigned long magic;
    struct list_head link; /* on partial[cls] while it has free objects */
    void *free;            /* free objects, linked through their first word */
    uint16_t cls, inuse;
};

BUILD_BUG_ON(sizeof(struct slab) > SLAB_HDR);

static struct list_head partial[NR_CLASSES] = {
    LIST_HEAD_INIT(partial[0]), LIST_HEAD_INIT(partial[1]), LIST_HEAD_INIT(partial[2]),
    LIST_HEAD_INIT(partial[3]), LIST_HEAD_INIT(partial[4]), LIST_HEAD_INIT(partial[5]),
};

static unsigned long hdr_hash(const struct heap_hdr *h)
{
    const unsigned long k = (unsigned long)0x9e3779b97f4a7c15ULL;
    unsigned long x = LIVE_MAGIC;

    x = (x ^ (unsigned long)h) * k;
    x = (x ^ h->size) * k;
    x = (x ^ h->offset ^ ((unsigned long)h->cls << 16) ^ ((unsigned long)h->order << 8)) * k;
    x = (x ^ (unsigned long)h->caller) * k;
    return x ^ (x >> 29);
}

static unsigned long freed_canary(const struct heap_hdr *h)
{
    return FREED_MAGIC ^ (unsigned long)h ^ (unsigned long)h->caller;
}

static struct heap_hdr *hdr_of(void *p)
{
    return (struct heap_hdr *)p - 1;
}

static void *slab_get(unsigned int cls, void *caller)
{
    struct slab *s = list_first(&partial[cls], struct slab, link);
    void *obj;

    if (!s) {
        s = alloc_pages_for(0, caller, true);
        if (!s)
            return NULL;
        s->magic = SLAB_MAGIC;
        s->cls = cls;
        s->inuse = 0;
        s->free = NULL;
        for (size_t off = SLAB_HDR; off + class_size[cls] <= PAGE_SIZE; off += class_size[cls]) {
            void **o = (void **)((char *)s + off);

            *o = s->free;
            s->free = o;
        }
        list_add(&s->link, &partial[cls]);
    }
    obj = s->free;
    s->free = *(void **)obj;
    s->inuse++;
    if (!s->free)
        list_del(&s->link);
    return obj;
}

static void slab_put(void *obj)
{
    struct slab *s = (struct slab *)ALIGN_DOWN((uintptr_t)obj, PAGE_SIZE);

    ASSERT(s->magic == SLAB_MAGIC && s->inuse > 0);
    if (!s->free)
        list_add(&s->link, &partial[s->cls]);
    *(void **)obj = s->free;
    s->free = obj;
    if (--s->inuse == 0) {
        list_del(&s->link);
        s->magic = 0;
        free_pages_for(s, 0, __builtin_return_address(0));
    }
}

/* Usable bytes from the user pointer to the end of the block, guard included. */
static size_t block_room(const struct heap_hdr *h)
{
    size_t block = h->cls == CLASS_LARGE ? PAGE_SIZE << h->order : class_size[h->cls];

    return block - h->offset;
}

static void set_guards(struct heap_hdr *h, size_t size)
{
    uint64_t guard = TAIL_GUARD;

    h->size = size;
    h->canary = hdr_hash(h);
    memcpy((char *)(h + 1) + size, &guard, TAIL_SIZE);
}

/* Worst-case block bytes for size bytes at align, and the block itself. */
static void *get_block(size_t need, unsigned int *cls, unsigned int *order, void *caller)
{
    for (*cls = 0; *cls < NR_CLASSES; (*cls)++)
        if (need <= class_size[*cls])
            return slab_get(*cls, caller);
    *cls = CLASS_LARGE;
    *order = bytes_to_order(need);
    return alloc_pages_for(*order, caller, true);
}

static void *heap_alloc(size_t size, size_t align, void *caller, const char *what)
{
    /* Room for the free-list link at the start and a guard after even tiny blocks. */
    size_t need = HDR_ROOM + (align - MIN_ALIGN) + MAX(size, 2 * sizeof(void *)) + TAIL_SIZE;
    unsigned int cls, order = 0;
    unsigned long flags;
    char name[MM_CALLER_LEN];
    struct heap_hdr *h;
    char *block = NULL;

    if (size <= MAX_REQUEST) {
        flags = mm_lock();
        block = get_block(need, &cls, &order, caller);
        mm_unlock(flags);
    }
    if (!block) {
        printk("%s(%zu) from %s: out of memory\n", what, size,
               mm_caller_name(caller, name, sizeof(name)));
        return NULL;
    }
    h = hdr_of((void *)ALIGN_UP((uintptr_t)block + HDR_ROOM, align));
    h->offset = (char *)(h + 1) - block;
    h->cls = cls;
    h->order = order;
    h->caller = caller;
    set_guards(h, size);
    return h + 1;
}

void *malloc(size_t size)
{
    return heap_alloc(size, MIN_ALIGN, __builtin_return_address(0), "malloc");
}

void *memalign(size_t align, size_t size)
{
    void *caller = __builtin_return_address(0);
    char name[MM_CALLER_LEN];

    if (align & (align - 1) || align > MAX_REQUEST) {
        printk("memalign(%zu, %zu) from %s: alignment is not a power of two\n", align, size,
               mm_caller_name(caller, name, sizeof(name)));
        return NULL;
    }
    return heap_alloc(size, MAX(align, MIN_ALIGN), caller, "memalign");
}

void *calloc(size_t n, size_t size)
{
    void *caller = __builtin_return_address(0);
    char name[MM_CALLER_LEN];
    void *p;

    if (size && n > SIZE_MAX / size) {
        printk("calloc(%zu, %zu) from %s: size overflows\n", n, size,
               mm_caller_name(caller, name, sizeof(name)));
        return NULL;
    }
    p = heap_alloc(n * size, MIN_ALIGN, caller, "calloc");
    if (p)
        memset(p, 0, n * size);
    return p;
}

/* The header of a live block, or a panic naming both callers if it is not one. */
static struct heap_hdr *check_block(void *p, void *caller, const char *what)
{
    struct heap_hdr *h = hdr_of(p);
    char by[MM_CALLER_LEN], alloc_by[MM_CALLER_LEN];
    uint64_t guard;

    if ((uintptr_t)p % MIN_ALIGN || (uintptr_t)p < PAGE_SIZE)
        panic("%s(%p) from %s: not a heap pointer", what, p,
              mm_caller_name(caller, by, sizeof(by)));
    if (h->canary == freed_canary(h))
        panic("%s(%p) from %s: double free (block allocated by %s)", what, p,
              mm_caller_name(caller, by, sizeof(by)),
              mm_caller_name(h->caller, alloc_by, sizeof(alloc_by)));
    if (h->canary != hdr_hash(h))
        panic("%s(%p) from %s: heap corruption: header overwritten (canary %#lx; "
              "allocated by %s?)",
              what, p, mm_caller_name(caller, by, sizeof(by)), h->canary,
              mm_caller_name(h->caller, alloc_by, sizeof(alloc_by)));
    memcpy(&guard, (char *)p + h->size, TAIL_SIZE);
    if (guard != TAIL_GUARD)
        panic("%s(%p) from %s: heap corruption: write past the end of the %zu-byte block "
              "allocated by %s (guard %#llx)",
              what, p, mm_caller_name(caller, by, sizeof(by)), h->size,
              mm_caller_name(h->caller, alloc_by, sizeof(alloc_by)), (unsigned long long)guard);
    return h;
}

static void heap_free(void *p, void *caller)
{
    struct heap_hdr *h = check_block(p, caller, "free");
    char *block = (char *)p - h->offset;
    unsigned long flags;

    h->canary = freed_canary(h);
    flags = mm_lock();
    if (h->cls == CLASS_LARGE)
        free_pages_for(block, h->order, caller);
    else
        slab_put(block);
    mm_unlock(flags);
}

void free(void *p)
{
    if (p)
        heap_free(p, __builtin_return_address(0));
}

void *realloc(void *p, size_t size)
{
    void *caller = __builtin_return_address(0);
    struct heap_hdr *h;
    void *q;

    if (!p)
        return heap_alloc(size, MIN_ALIGN, caller, "realloc");
    if (size == 0) {
        heap_free(p, caller);
        return NULL;
    }
    h = check_block(p, caller, "realloc");
    /* Shrinking, or growing within the block's slack, keeps it in place. */
    if (size <= MAX_REQUEST && size + TAIL_SIZE <= block_room(h)) {
        set_guards(h, size);
        return p;
    }
    q = heap_alloc(size, MIN_ALIGN, caller, "realloc");
    if (!q)
        return NULL;
    memcpy(q, p, MIN(size, h->size));
    heap_free(p, caller);
    return q;
}
