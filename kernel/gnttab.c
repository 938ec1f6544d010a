/* SPDX-License-Identifier: BSD-2-Clause */
/* Grant table v1: the shared table, a free list of references, foreign grant mappings. */
#include <kernel.h>
#include <gnttab.h>
#include <mm.h>
#include <string.h>
#include <arch/mm.h>

/* Free-list links: the next free reference, or one of these markers. */
#define LIST_END 0xffffffffu
#define IN_USE   0xfffffffeu

static grant_entry_v1_t *table;
static uint32_t nr_entries;
/* next_free[ref] links free refs FIFO, or is IN_USE while ref is granted. */
static uint32_t *next_free;
static uint32_t free_head = LIST_END, free_tail = LIST_END;
static unsigned int free_count;

/* Xen sets GTF_reading/GTF_writing in the same word behind our back: swap atomically. */
static inline uint16_t cmpxchg_u16(volatile uint16_t *p, uint16_t old, uint16_t new)
{
    __asm__ __volatile__("lock; cmpxchgw %w2, %1" : "+a"(old), "+m"(*p) : "r"(new) : "memory");
    return old;
}

/* FIFO reuse: a peer that keeps using a stale reference is unlikely to hit a new grant. */
static void put_free(uint32_t ref)
{
    next_free[ref] = LIST_END;
    if (free_tail == LIST_END)
        free_head = ref;
    else
        next_free[free_tail] = ref;
    free_tail = ref;
    free_count++;
}

static uint32_t get_free(void)
{
    uint32_t ref = free_head;

    if (ref == LIST_END)
        return LIST_END;
    free_head = next_free[ref];
    if (free_head == LIST_END)
        free_tail = LIST_END;
    next_free[ref] = IN_USE;
    free_count--;
    return ref;
}

int gnttab_grant_access(domid_t domid, unsigned long mfn, bool readonly)
{
    uint32_t ref;

    /* A v1 entry holds a 32-bit frame number. */
    if (mfn != (uint32_t)mfn)
        return -EINVAL;
    ref = get_free();
    if (ref == LIST_END)
        return -ENOSPC;
    table[ref].frame = mfn;
    table[ref].domid = domid;
    /* Frame and domid must be visible before the flags that make the entry valid. */
    wmb();
    table[ref].flags = GTF_permit_access | (readonly ? GTF_readonly : 0);
    return (int)ref;
}

int gnttab_end_access(grant_ref_t ref)
{
    volatile uint16_t *flags;
    uint16_t old, seen;

    if (ref < GNTTAB_NR_RESERVED_ENTRIES || ref >= nr_entries || next_free[ref] != IN_USE)
        return -EINVAL;
    flags = &table[ref].flags;
    old = *flags;
    /* Clear only if Xen has not marked it mapped in between; else report busy. */
    for (;;) {
        if (old & (GTF_reading | GTF_writing))
            return -EBUSY;
        seen = cmpxchg_u16(flags, old, 0);
        if (seen == old)
            break;
        old = seen;
    }
    put_free(ref);
    return 0;
}

int gnttab_query(grant_ref_t ref, unsigned long *mfn, bool *readonly)
{
    if (ref < GNTTAB_NR_RESERVED_ENTRIES || ref >= nr_entries || next_free[ref] != IN_USE)
        return -EINVAL;
    *mfn = table[ref].frame;
    *readonly = table[ref].flags & GTF_readonly;
    return 0;
}

unsigned int gnttab_nr_refs(void)
{
    return nr_entries > GNTTAB_NR_RESERVED_ENTRIES ? nr_entries - GNTTAB_NR_RESERVED_ENTRIES : 0;
}

unsigned int gnttab_free_refs(void)
{
    return free_count;
}

static int gntst_to_errno(int16_t status)
{
    switch (status) {
    case GNTST_okay:
        return 0;
    case GNTST_bad_domain:
        return -ESRCH;
    case GNTST_bad_gntref:
    case GNTST_bad_handle:
        return -EINVAL;
    case GNTST_permission_denied:
        return -EACCES;
    case GNTST_bad_virt_addr:
    case GNTST_bad_page:
        return -EFAULT;
    case GNTST_eagain:
        return -EAGAIN;
    case GNTST_no_space:
        return -ENOSPC;
    default:
        return -EIO;
    }
}

/* Unmap pages [0, n) of a mapping that were mapped (handle valid); the first error. */
static int unmap_pages(void *va, const grant_handle_t *handles, unsigned int n)
{
    int first = 0;

    for (unsigned int i = 0; i < n; i++) {
        struct gnttab_unmap_grant_ref op = {
            .host_addr = arch_grant_host_addr((unsigned long)va + i * PAGE_SIZE),
            .handle = handles[i],
        };
        int rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1);

        if (!rc)
            rc = gntst_to_errno(op.status);
        if (rc && !first)
            first = rc;
    }
    return first;
}

int gnttab_map_refs(domid_t domid, const grant_ref_t *refs, unsigned int n, bool readonly,
                    struct gnttab_mapping *m)
{
    struct gnttab_map_grant_ref op[GNTTAB_MAP_MAX];
    char *va;
    int rc;

    if (n == 0 || n > GNTTAB_MAP_MAX)
        return -EINVAL;
    va = alloc_map_area(n);
    if (!va)
        return -ENOMEM;
    memset(op, 0, sizeof(op));
    for (unsigned int i = 0; i < n; i++) {
        op[i].host_addr = arch_grant_host_addr((unsigned long)(va + i * PAGE_SIZE));
        op[i].flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0);
        op[i].ref = refs[i];
        op[i].dom = domid;
        /* Not okay until Xen says so, in case the hypercall stops before this op. */
        op[i].status = GNTST_general_error;
    }
    rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, op, n);
    for (unsigned int i = 0; i < n && !rc; i++)
        rc = gntst_to_errno(op[i].status);
    for (unsigned int i = 0; i < n && !rc; i++)
        rc = arch_grant_mapped((unsigned long)(va + i * PAGE_SIZE), op[i].host_addr, readonly);
    if (rc) {
        /* Each op succeeds or fails on its own: undo the ones that worked. */
        for (unsigned int i = 0; i < n; i++)
            if (op[i].status == GNTST_okay)
                unmap_pages(va + i * PAGE_SIZE, &op[i].handle, 1);
        unmap_frames(va, n);
        return rc;
    }
    for (unsigned int i = 0; i < n; i++)
        m->handles[i] = op[i].handle;
    m->va = va;
    m->n = n;
    return 0;
}

int gnttab_unmap(struct gnttab_mapping *m)
{
    int rc = unmap_pages(m->va, m->handles, m->n);

    /*
     * A page Xen would not unmap still holds the peer's frame: keep its range out of the
     * allocator (leaked) rather than let a later mapping land on top of it.
     */
    if (!rc)
        rc = unmap_frames(m->va, m->n);
    m->va = NULL;
    m->n = 0;
    return rc;
}

static void setup_table(unsigned int nr_frames)
{
    unsigned long frames[GNTTAB_MAX_FRAMES];
    struct gnttab_setup_table op = {.dom = DOMID_SELF, .nr_frames = nr_frames};
    int rc;

    set_xen_guest_handle(op.frame_list, frames);
    rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &op, 1);
    if (rc || op.status != GNTST_okay)
        panic("gnttab: setup_table of %u frames: rc %d status %d", nr_frames, rc, op.status);
    table = map_frames(frames, nr_frames, 1, DOMID_SELF, PTE_KERNEL_RW);
    if (!table)
        panic("gnttab: cannot map %u table frames", nr_frames);
}

void init_gnttab(void)
{
    struct gnttab_query_size q = {.dom = DOMID_SELF};
    unsigned int nr_frames, order;
    int rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1);

    if (rc || q.status != GNTST_okay)
        panic("gnttab: query_size: rc %d status %d", rc, q.status);
    /* All Xen allows (toolstack max_grant_frames), bounded by the free-list memory. */
    nr_frames = MIN(q.max_nr_frames, (uint32_t)GNTTAB_MAX_FRAMES);
    if (nr_frames == 0)
        panic("gnttab: Xen allows no grant frames");
    setup_table(nr_frames);
    nr_entries = nr_frames * (PAGE_SIZE / sizeof(grant_entry_v1_t));
    order = bytes_to_order(nr_entries * sizeof(*next_free));
    next_free = alloc_pages(order);
    if (!next_free)
        panic("gnttab: no memory for %u references", nr_entries);
    for (uint32_t ref = GNTTAB_NR_RESERVED_ENTRIES; ref < nr_entries; ref++)
        put_free(ref);
    printk("gnttab: %u frames (Xen max %u), %u references\n", nr_frames, q.max_nr_frames,
           gnttab_nr_refs());
}
