/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 9pfs data path: one Xen 9pfs ring (docs/misc/9pfs.pandoc) carrying one request at a
 * time. Requests go into the "out" half, responses come back in the "in" half; indexes
 * live in the interface page. The backend is untrusted: a response whose size, tag or
 * indexes make no sense breaks the ring instead of being believed.
 */
#include <kernel.h>
#include <events.h>
#include <gnttab.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include "p9_priv.h"

static void ring_event(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    struct p9_ring *r = data;

    wake_up(&r->wq);
}

static int grant_pages(struct p9_ring *r, domid_t be)
{
    unsigned int pages = 1u << r->share->order;

    for (unsigned int i = 0; i < pages; i++) {
        int rc = gnttab_grant_access(be, virt_to_mfn(r->data + i * PAGE_SIZE), false);

        if (rc < 0)
            return rc;
        r->refs[i] = (grant_ref_t)rc;
        r->intf->ref[i] = (grant_ref_t)rc;
        r->nrefs = i + 1;
    }
    return 0;
}

int p9_ring_setup(struct p9_share *s, unsigned int index)
{
    struct p9_ring *r = &s->rings[index];
    domid_t be = s->xb.backend_id;
    int rc;

    memset(r, 0, sizeof(*r));
    r->share = s;
    r->index = index;
    init_waitqueue_head(&r->wq);
    r->intf = alloc_page();
    r->data = alloc_pages(s->order);
    r->tx = alloc_pages(s->order - 1);
    r->rx = alloc_pages(s->order - 1);
    if (!r->intf || !r->data || !r->tx || !r->rx)
        return -ENOMEM;
    memset(r->intf, 0, PAGE_SIZE);
    memset(r->data, 0, PAGE_SIZE << s->order);
    r->intf->ring_order = s->order;
    r->size = XEN_FLEX_RING_SIZE(s->order);
    r->halves.in = r->data;
    r->halves.out = r->data + r->size;
    rc = grant_pages(r, be);
    if (rc)
        return rc;
    rc = gnttab_grant_access(be, virt_to_mfn(r->intf), false);
    if (rc < 0)
        return rc;
    r->intf_ref = (grant_ref_t)rc;
    return evtchn_alloc_unbound(be, ring_event, r, &r->port);
}

void p9_ring_free(struct p9_ring *r)
{
    bool held = false;

    if (r->port)
        evtchn_close(r->port);
    for (unsigned int i = 0; i < r->nrefs; i++)
        held |= gnttab_end_access(r->refs[i]) != 0;
    if (r->intf_ref)
        held |= gnttab_end_access(r->intf_ref) != 0;
    /* Pages the backend still maps are never reused. */
    if (!held) {
        if (r->data)
            free_pages(r->data, r->share->order);
        if (r->intf)
            free_page(r->intf);
    }
    if (r->tx)
        free_pages(r->tx, r->share->order - 1);
    if (r->rx)
        free_pages(r->rx, r->share->order - 1);
    memset(r, 0, sizeof(*r));
}

struct p9_ring *p9_ring_get(struct p9_share *s)
{
    down(&s->free_rings);
    for (unsigned int i = 0; i < s->nrings; i++) {
        if (!s->rings[i].busy) {
            s->rings[i].busy = true;
            return &s->rings[i];
        }
    }
    BUG(); /* the semaphore counts the rings that are not busy */
}

void p9_ring_put(struct p9_ring *r)
{
    r->busy = false;
    up(&r->share->free_rings);
}

/* Bytes the backend has produced in "in" and we have not consumed (at most r->size). */
static RING_IDX in_queued(struct p9_ring *r)
{
    RING_IDX n = xen_9pfs_queued(r->intf->in_prod, r->intf->in_cons, r->size);

    xen_rmb(); /* read the data only after the index that covers it */
    return n;
}

static RING_IDX out_free(struct p9_ring *r)
{
    RING_IDX n = r->size - xen_9pfs_queued(r->intf->out_prod, r->intf->out_cons, r->size);

    xen_mb(); /* the backend is done reading what it consumed before we overwrite it */
    return n;
}

static int send(struct p9_ring *r, size_t len, uint64_t deadline)
{
    RING_IDX prod = r->intf->out_prod, mprod = xen_9pfs_mask(prod, r->size);

    if (wait_event_deadline(r->wq, out_free(r) >= len, deadline))
        return -ETIMEDOUT;
    xen_9pfs_write_packet(r->halves.out, r->tx, len, &mprod,
                          xen_9pfs_mask(r->intf->out_cons, r->size), r->size);
    xen_wmb(); /* the request before the index that publishes it */
    r->intf->out_prod = prod + (RING_IDX)len;
    return evtchn_send(r->port);
}

/* Copy len bytes from the in half at in_cons + skip into buf. */
static void peek(struct p9_ring *r, void *buf, size_t len, RING_IDX skip)
{
    RING_IDX mcons = xen_9pfs_mask(r->intf->in_cons + skip, r->size);

    xen_9pfs_read_packet(buf, r->halves.in, len, xen_9pfs_mask(r->intf->in_prod, r->size), &mcons,
                         r->size);
}

static int receive(struct p9_ring *r, size_t *rsp_len, uint64_t deadline)
{
    uint8_t hdr[P9_HDR_SIZE];
    uint32_t size;

    if (wait_event_deadline(r->wq, in_queued(r) >= P9_HDR_SIZE, deadline))
        return -ETIMEDOUT;
    peek(r, hdr, sizeof(hdr), 0);
    size = p9_hdr_checked_size(hdr, MIN(r->share->msize, r->size));
    if (!size)
        return -EPROTO;
    if (wait_event_deadline(r->wq, in_queued(r) >= size, deadline))
        return -ETIMEDOUT;
    peek(r, r->rx, size, 0);
    xen_mb(); /* finish reading before the backend may reuse the space */
    r->intf->in_cons += size;
    *rsp_len = size;
    return 0;
}

int p9_ring_call(struct p9_ring *r, size_t len, size_t *rsp_len)
{
    uint64_t deadline = NOW() + P9_RPC_TIMEOUT;
    int rc;

    if (r->broken)
        return -EIO;
    if (len < P9_HDR_SIZE || len > r->share->msize)
        return -EINVAL;
    p9_stats.requests++;
    rc = send(r, len, deadline);
    if (!rc)
        rc = receive(r, rsp_len, deadline);
    if (rc) {
        printk("9pfs %s: ring %u: %s, giving the ring up\n", r->share->tag, r->index,
               strerror_name(-rc));
        r->broken = true;
    }
    return rc;
}
