/* SPDX-License-Identifier: BSD-2-Clause */
/* blkfront I/O path: ring slots, request submission with grants, completions, blocking I/O. */
#include <kernel.h>
#include <gnttab.h>
#include <mm.h>
#include <ring_index.h>
#include <string.h>
#include <time.h>
#include "blkfront_priv.h"

int blkfront_slots_init(struct blkfront_dev *dev)
{
    unsigned int n = dev->info.ring_slots;

    dev->slots = calloc(n, sizeof(*dev->slots));
    dev->busy = calloc(n, sizeof(*dev->busy));
    dev->free_ids = calloc(n, sizeof(*dev->free_ids));
    if (!dev->slots || !dev->busy || !dev->free_ids) {
        blkfront_slots_free(dev);
        return -ENOMEM;
    }
    for (unsigned int i = 0; i < n; i++)
        dev->free_ids[i] = n - 1 - i;
    dev->nr_free = n;
    return 0;
}

void blkfront_slots_free(struct blkfront_dev *dev)
{
    free(dev->slots);
    free(dev->busy);
    free(dev->free_ids);
    dev->slots = NULL;
    dev->busy = NULL;
    dev->free_ids = NULL;
}

bool blkfront_end_grant(struct blkfront_dev *dev, grant_ref_t ref)
{
    int rc = gnttab_end_access(ref);

    /*
     * After a disconnect a backend may still be finishing I/O it had started (Linux blkback
     * reports Closed before its last requests end): give it until grant_deadline.
     */
    while (rc == -EBUSY && dev->state != BLKFRONT_CONNECTED && NOW() < dev->grant_deadline) {
        msleep(10);
        rc = gnttab_end_access(ref);
    }
    if (rc == 0)
        return true;
    /* Still mapped by the backend: its page must never be reused, so it stays ours. */
    dev->stats.leaked_grants++;
    printk("blkfront %u: backend still maps grant %u (%s): its page is leaked, never reused\n",
           dev->info.vdev, ref, strerror_name(rc));
    return false;
}

/* Release a slot's grants and pages and hand its request back with status. */
static void complete_slot(struct blkfront_dev *dev, unsigned int id, int status)
{
    struct blkfront_slot *s = &dev->slots[id];
    struct blkfront_aiocb *cb = s->cb;
    bool released[2] = {true, true};

    for (unsigned int i = 0; i < s->nrefs; i++) {
        bool ok = blkfront_end_grant(dev, s->refs[i]);

        if (blkfront_seg_bounced(s, i, s->nrefs)) {
            released[i ? 1 : 0] = ok;
        } else if (!ok) {
            /* The caller's own page: we cannot keep it from them, so say so loudly. */
            printk("blkfront %u: backend keeps a page of the caller's buffer %p mapped\n",
                   dev->info.vdev, cb->buf);
            status = status ? status : -EIO;
        }
    }
    if (s->bounce[0] || s->bounce[1]) {
        uint64_t t0 = NOW();

        status = blkfront_bounce_finish(s, cb, released, status);
        dev->stats.bounce_ns += NOW() - t0;
    }
    if (s->indirect && blkfront_end_grant(dev, s->indirect_ref))
        free_page(s->indirect);
    s->cb = NULL;
    s->indirect = NULL;
    s->nrefs = 0;
    dev->busy[id] = false;
    dev->free_ids[dev->nr_free++] = id;
    dev->inflight--;
    dev->stats.requests++;
    if (status)
        dev->stats.errors++;
    else if (cb->op == BLKFRONT_READ)
        dev->stats.bytes_read += cb->len;
    else if (cb->op == BLKFRONT_WRITE)
        dev->stats.bytes_written += cb->len;
    wake_up(&dev->slot_wq);
    cb->done(cb, status);
}

void blkfront_handle_response(struct blkfront_dev *dev, const blkif_response_t *rsp)
{
    int id = blkring_check_id(rsp->id, dev->info.ring_slots, dev->busy);

    if (id < 0) {
        dev->stats.bad_responses++;
        printk("blkfront %u: dropped response id %llu (%s)\n", dev->info.vdev,
               (unsigned long long)rsp->id, id == -ERANGE ? "out of range" : "not in flight");
        return;
    }
    complete_slot(dev, (unsigned int)id, blkring_status_errno(rsp->status));
}

int blkfront_process_responses(struct blkfront_dev *dev)
{
    int more;

    do {
        RING_IDX prod = dev->ring.sring->rsp_prod;
        int n = ring_new_responses(prod, dev->ring.rsp_cons, dev->ring.req_prod_pvt);

        if (n < 0) {
            dev->stats.bad_responses++;
            return n;
        }
        /* Read the entries only after seeing rsp_prod. */
        rmb();
        for (RING_IDX i = dev->ring.rsp_cons; i != prod; i++) {
            blkif_response_t rsp;

            /* Read once: the backend may scribble on the shared entry while we look at it. */
            RING_COPY_RESPONSE(&dev->ring, i, &rsp);

            dev->ring.rsp_cons = i + 1;
            blkfront_handle_response(dev, &rsp);
        }
        RING_FINAL_CHECK_FOR_RESPONSES(&dev->ring, more);
    } while (more);
    return 0;
}

void blkfront_fail_all(struct blkfront_dev *dev, int err)
{
    for (unsigned int id = 0; id < dev->info.ring_slots; id++)
        if (dev->busy[id])
            complete_slot(dev, id, err);
}

/* Validate cb against the disk: 0 or the -errno blkfront_submit documents. */
static int check_request(const struct blkfront_dev *dev, const struct blkfront_aiocb *cb)
{
    const struct blkfront_info *in = &dev->info;

    if (dev->state != BLKFRONT_CONNECTED)
        return -ENODEV;
    if (!cb->done)
        return -EINVAL;
    if (cb->op == BLKFRONT_FLUSH) {
        if (in->readonly)
            return -EROFS;
        return in->flush || in->barrier ? 0 : -EOPNOTSUPP;
    }
    if (cb->op != BLKFRONT_READ && cb->op != BLKFRONT_WRITE)
        return -EINVAL;
    if (cb->op == BLKFRONT_WRITE && in->readonly)
        return -EROFS;
    if (cb->len > in->max_request_bytes)
        return -E2BIG;
    if (cb->len == 0 || !blkring_range_ok(cb->offset, cb->len, in->sectors, in->sector_size))
        return -EINVAL;
    /* Only our 1:1-mapped RAM has a frame number we can grant. */
    if (virt_to_pfn(cb->buf) >= start_info.nr_pages ||
        virt_to_pfn((char *)cb->buf + cb->len - 1) >= start_info.nr_pages)
        return -EINVAL;
    return 0;
}

/* Grant the pages of segs to the backend (read-only for a write): 0 or -ENOSPC. */
static int grant_segments(struct blkfront_dev *dev, struct blkfront_slot *s,
                          const struct blkring_seg *segs, unsigned int n, bool to_disk)
{
    for (s->nrefs = 0; s->nrefs < n; s->nrefs++) {
        int ref =
            gnttab_grant_access(dev->xb.backend_id, virt_to_mfn(segs[s->nrefs].page), to_disk);

        if (ref < 0) {
            /* Never sent: the backend cannot hold these, so ending them succeeds. */
            while (s->nrefs)
                gnttab_end_access(s->refs[--s->nrefs]);
            return ref;
        }
        s->refs[s->nrefs] = (grant_ref_t)ref;
    }
    return 0;
}

/* The indirect page listing the segments, granted read-only: 0 or -errno. */
static int fill_indirect(struct blkfront_dev *dev, struct blkfront_slot *s,
                         const struct blkring_seg *segs, unsigned int n)
{
    struct blkif_request_segment *isegs = alloc_page();
    int ref;

    if (!isegs)
        return -ENOMEM;
    /* The backend reads the whole page: no stale heap data in the unused entries. */
    memset(isegs, 0, PAGE_SIZE);
    for (unsigned int i = 0; i < n; i++)
        isegs[i] = (struct blkif_request_segment){s->refs[i], segs[i].first, segs[i].last};
    ref = gnttab_grant_access(dev->xb.backend_id, virt_to_mfn(isegs), true);
    if (ref < 0) {
        free_page(isegs);
        return ref;
    }
    s->indirect = isegs;
    s->indirect_ref = (grant_ref_t)ref;
    return 0;
}

/* Write the request for slot id into the ring (not yet pushed). */
static void put_request(struct blkfront_dev *dev, unsigned int id, const struct blkfront_aiocb *cb,
                        const struct blkring_seg *segs, unsigned int n)
{
    static const uint8_t ops[] = {BLKIF_OP_READ, BLKIF_OP_WRITE, BLKIF_OP_FLUSH_DISKCACHE};
    struct blkfront_slot *s = &dev->slots[id];
    blkif_request_t *req = RING_GET_REQUEST(&dev->ring, dev->ring.req_prod_pvt);
    uint8_t op = ops[cb->op];

    if (cb->op == BLKFRONT_FLUSH && !dev->info.flush)
        op = BLKIF_OP_WRITE_BARRIER;
    if (s->indirect) {
        blkif_request_indirect_t *ind = (blkif_request_indirect_t *)req;

        memset(ind, 0, sizeof(*ind));
        ind->operation = BLKIF_OP_INDIRECT;
        ind->indirect_op = op;
        ind->nr_segments = (uint16_t)n;
        ind->id = id;
        ind->sector_number = cb->offset >> BLKRING_SECTOR_SHIFT;
        ind->handle = (blkif_vdev_t)dev->info.vdev;
        ind->indirect_grefs[0] = s->indirect_ref;
    } else {
        req->operation = op;
        req->nr_segments = (uint8_t)n;
        req->handle = (blkif_vdev_t)dev->info.vdev;
        req->id = id;
        req->sector_number = cb->offset >> BLKRING_SECTOR_SHIFT;
        for (unsigned int i = 0; i < n; i++)
            req->seg[i] = (struct blkif_request_segment){s->refs[i], segs[i].first, segs[i].last};
    }
    dev->ring.req_prod_pvt++;
}

int blkfront_submit(struct blkfront_dev *dev, struct blkfront_aiocb *cb)
{
    struct blkring_seg segs[BLKFRONT_MAX_SEGS];
    int n = 0, notify, rc = check_request(dev, cb);
    uint64_t t0;
    unsigned int id;
    struct blkfront_slot *s;

    if (rc)
        return rc;
    if (!dev->nr_free || RING_FULL(&dev->ring))
        return -EAGAIN;
    if (cb->op != BLKFRONT_FLUSH)
        n = blkring_segments((uintptr_t)cb->buf, cb->len, dev->info.max_segments, segs);
    if (n < 0)
        return n;
    id = dev->free_ids[dev->nr_free - 1];
    s = &dev->slots[id];
    t0 = NOW();
    rc = blkfront_bounce_setup(s, cb, segs, (unsigned int)n);
    dev->stats.bounce_ns += NOW() - t0;
    dev->stats.bounced_pages += (s->bounce[0] != NULL) + (s->bounce[1] != NULL);
    if (!rc)
        rc = grant_segments(dev, s, segs, (unsigned int)n, cb->op == BLKFRONT_WRITE);
    if (!rc && n > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
        rc = fill_indirect(dev, s, segs, (unsigned int)n);
        while (rc && s->nrefs)
            gnttab_end_access(s->refs[--s->nrefs]);
    }
    if (rc) {
        /* Nothing was sent: the backend never saw these pages. */
        blkfront_bounce_free(s);
        return rc;
    }
    dev->nr_free--;
    s->cb = cb;
    dev->busy[id] = true;
    dev->inflight++;
    put_request(dev, id, cb, segs, (unsigned int)n);
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&dev->ring, notify);
    if (notify)
        evtchn_send(dev->port);
    return 0;
}
