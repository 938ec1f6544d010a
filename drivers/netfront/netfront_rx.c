/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netfront's receive path, and taking the backend's responses from both rings.
 *
 * A receive buffer is granted (writable) exactly while it is posted: we ask for
 * request-rx-copy, so the backend fills it with a grant copy, and once its response
 * arrives we end the grant before anyone looks at the frame. The receive callback thus
 * reads a page the backend can no longer reach (no copy needed), and the next post grants
 * it afresh. A backend that keeps a buffer mapped (ending fails) never gets it back into
 * our allocator and its frame is not delivered. Buffers start zeroed, so all a backend can
 * ever read in one is a frame it wrote there itself; a page the receive callback keeps
 * (scatter-gather callers lend them to their stack) is replaced by a fresh zeroed one.
 *
 * With scatter-gather a frame spans several slots (first, extra-info, continuations): its
 * buffers are held off the ring until its last slot has come, then delivered together.
 */
#include <ring_index.h>
#include "netfront_priv.h"

BUILD_BUG_ON(sizeof(struct netif_extra_info) != sizeof(netif_rx_response_t));
BUILD_BUG_ON(NF_EXTRA_FLAG_MORE != XEN_NETIF_EXTRA_FLAG_MORE);
BUILD_BUG_ON(NF_RX_RING_SIZE > 0xffff);

bool nf_end_grant(struct netfront *nf, int ref)
{
    int rc;

    if (ref == NF_NO_REF)
        return true;
    rc = gnttab_end_access((grant_ref_t)ref);
    if (rc == 0)
        return true;
    nf->stats.grants_leaked++;
    printk("netfront: %s: grant %d still in use (%s): leaking its page\n", nf->dev.nodename, ref,
           strerror_name(rc));
    return false;
}

void *nf_zeroed_page(void)
{
    void *p = alloc_page();

    if (p)
        memset(p, 0, PAGE_SIZE);
    return p;
}

int nf_rx_setup(struct netfront *nf)
{
    for (unsigned int i = 0; i < NF_RX_BUFS; i++) {
        nf->rx_page[i] = nf_zeroed_page();
        if (!nf->rx_page[i])
            return -ENOMEM;
    }
    return 0;
}

void nf_rx_free(struct netfront *nf)
{
    for (unsigned int i = 0; i < NF_RX_BUFS; i++) {
        if (nf->rx_page[i] && nf_end_grant(nf, nf->rx_gref[i]))
            free_page(nf->rx_page[i]);
        nf->rx_page[i] = NULL;
        nf->rx_gref[i] = NF_NO_REF;
        nf->rx_posted[i] = false;
        nf->rx_held[i] = false;
    }
    nf->rx_out.nfrags = 0;
}

/*
 * Buffer b is back from the backend: end its grant. True when the page is ours alone;
 * false when the backend still maps it (the page is leaked and b gets a fresh one).
 */
static bool nf_rx_take(struct netfront *nf, unsigned int b)
{
    bool ours = nf_end_grant(nf, nf->rx_gref[b]);

    nf->rx_posted[b] = false;
    nf->rx_gref[b] = NF_NO_REF;
    if (!ours)
        nf->rx_page[b] = nf_zeroed_page();
    return ours;
}

/*
 * Post every buffer we hold, each with a fresh grant, as far as the ring has room. A
 * buffer whose page the receive callback kept gets a fresh zeroed one first (without
 * memory it waits for a later poll: the others keep the ring going).
 */
static void nf_rx_refill(struct netfront *nf)
{
    bool queued = false;
    int notify;

    for (unsigned int i = 0; i < NF_RX_BUFS; i++) {
        netif_rx_request_t *req;
        RING_IDX idx = nf->rx.req_prod_pvt;
        int ref;

        if (nf->rx_posted[i] || nf->rx_held[i])
            continue;
        if (!nf->rx_page[i])
            nf->rx_page[i] = nf_zeroed_page();
        if (!nf->rx_page[i])
            continue;
        if (!ring_free_slots(idx, nf->rx.rsp_cons, NF_RX_RING_SIZE))
            break;
        ref = gnttab_grant_access(nf->dev.backend_id, virt_to_mfn(nf->rx_page[i]), false);
        if (ref < 0)
            break;
        nf->rx_gref[i] = ref;
        nf->rx_posted[i] = true;
        nf->rx_ring_id[idx & (NF_RX_RING_SIZE - 1)] = (uint16_t)i;
        req = RING_GET_REQUEST(&nf->rx, idx);
        req->id = (uint16_t)i;
        req->gref = (grant_ref_t)ref;
        nf->rx.req_prod_pvt = idx + 1;
        queued = true;
    }
    if (!queued)
        return;
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->rx, notify);
    if (notify)
        evtchn_send(nf->port);
}

static void nf_rx_count(struct netfront *nf, enum nf_rx_verdict v)
{
    unsigned long *counter[] = {
        [NF_RX_BAD_ID] = &nf->stats.rx_bad_id,       [NF_RX_NOT_POSTED] = &nf->stats.rx_not_posted,
        [NF_RX_ERROR] = &nf->stats.rx_error,         [NF_RX_SHORT] = &nf->stats.rx_short,
        [NF_RX_OVERSIZE] = &nf->stats.rx_oversize,   [NF_RX_BAD_FLAGS] = &nf->stats.rx_bad_flags,
        [NF_RX_BAD_EXTRA] = &nf->stats.rx_bad_extra, [NF_RX_TOO_LONG] = &nf->stats.rx_too_long,
    };

    (*counter[v])++;
}

/* Note fault v of the frame being put together; only its first one is counted. */
static void nf_rx_fault(struct netfront *nf, enum nf_rx_verdict v, bool count)
{
    if (v == NF_RX_OK || nf->rx_frame.fault != NF_RX_OK)
        return;
    nf->rx_frame.fault = v;
    if (count)
        nf_rx_count(nf, v);
}

/* A frame's first slot (flags: its response flags): start putting it together. */
static void nf_rx_frame_begin(struct netfront *nf, uint16_t flags)
{
    nf_rx_frame_start(&nf->rx_frame);
    nf->rx_out.nfrags = 0;
    nf->rx_out.gso_size = 0;
    nf->rx_out.flags = nf_rx_csum_flags(flags, nf->offloads & NETFRONT_OFFLOAD_CSUM);
}

/* A data slot of the frame, in buffer b (already known to be posted there). */
static void nf_rx_data(struct netfront *nf, unsigned int b, const netif_rx_response_t *rsp,
                       bool first)
{
    unsigned int max = nf->rx_allow & NF_ALLOW_SG ? NF_PAGE_SIZE : NETFRONT_MAX_FRAME;
    enum nf_rx_verdict v = nf_rx_check(rsp->id, rsp->offset, rsp->flags, rsp->status, NF_RX_BUFS,
                                       nf->rx_posted, max, nf->rx_allow, first);
    struct netfront_rx_frag *frag;
    bool ours;

    if (v == NF_RX_OK && rsp->id != b)
        v = NF_RX_NOT_POSTED;
    ours = nf_rx_take(nf, b);
    if (v == NF_RX_OK && nf->rx_frame.fault == NF_RX_OK)
        v = nf_rx_frame_add(&nf->rx_frame, (unsigned int)rsp->status);
    nf_rx_fault(nf, v, true);
    /* A page the backend kept is leaked (counted there): its frame cannot be trusted. */
    nf_rx_fault(nf, ours ? NF_RX_OK : NF_RX_ERROR, false);
    if (nf->rx_frame.fault != NF_RX_OK)
        return;
    nf->rx_held[b] = true;
    nf->rx_frame_buf[nf->rx_out.nfrags] = (uint16_t)b;
    frag = &nf->rx_out.frag[nf->rx_out.nfrags++];
    frag->page = nf->rx_page[b];
    frag->data = (char *)nf->rx_page[b] + rsp->offset;
    frag->len = (size_t)rsp->status;
}

/* An extra-info slot of the frame: a GSO one makes it a large TCP segment. */
static void nf_rx_extra(struct netfront *nf, const struct netif_extra_info *x)
{
    enum nf_rx_verdict v = nf_rx_extra_check(x->type, x->u.gso.size, x->u.gso.type, nf->rx_allow);

    nf_rx_fault(nf, v, true);
    if (v != NF_RX_OK)
        return;
    nf->rx_frame.gso = true;
    nf->rx_out.gso_size = x->u.gso.size;
}

static void nf_rx_deliver(struct netfront *nf)
{
    struct netfront_rx_frame *f = &nf->rx_out;

    f->len = nf->rx_frame.len;
    nf->stats.rx_packets++;
    nf->stats.rx_bytes += f->len;
    nf->stats.rx_csum_trusted += f->flags != 0;
    nf->stats.rx_multislot += f->nfrags > 1;
    nf->stats.rx_gso += f->gso_size != 0;
    nf->rx_flags = f->flags;
    /* Without scatter-gather (rx_fn's devices) every frame is one slot. */
    if (nf->rxv_fn)
        nf->rxv_fn(nf, f, nf->rx_arg);
    else if (nf->rx_fn)
        nf->rx_fn(nf, f->frag[0].data, f->frag[0].len, nf->rx_arg);
}

/* The frame's last slot came: deliver it unless faulty, and free its buffers for posting. */
static void nf_rx_frame_done(struct netfront *nf)
{
    struct netfront_rx_frame *f = &nf->rx_out;

    nf_rx_fault(nf, nf_rx_frame_end(&nf->rx_frame, NETFRONT_MAX_FRAME), true);
    if (nf->rx_frame.fault == NF_RX_OK)
        nf_rx_deliver(nf);
    for (unsigned int i = 0; i < f->nfrags; i++) {
        unsigned int b = nf->rx_frame_buf[i];

        nf->rx_held[b] = false;
        if (f->frag[i].page)
            continue;
        /* The callback kept it: refill finds the buffer empty and gives it a fresh page. */
        nf->rx_page[b] = NULL;
        nf->stats.rx_pages_kept++;
    }
    f->nfrags = 0;
}

/*
 * One RX ring slot at index idx. Every slot answers the request posted at the same index
 * (netif's rule), so that request's buffer is ours again whatever the slot says: an
 * extra-info or continuation slot, or a response naming some other buffer, must not strand
 * it. A frame is its first slot, its extra-info slots, then its more_data continuations;
 * it is complete when a slot leaves neither an extra nor a continuation to come.
 */
static void nf_rx_slot(struct netfront *nf, RING_IDX idx, const netif_rx_response_t *rsp)
{
    unsigned int b = nf->rx_ring_id[idx & (NF_RX_RING_SIZE - 1)];
    struct netif_extra_info extra;
    enum nf_rx_slot kind;

    memcpy(&extra, rsp, sizeof(extra));
    kind = nf_rx_slot_kind(&nf->rx_cur, rsp->flags, extra.flags);
    if (kind == NF_SLOT_RESPONSE)
        nf_rx_frame_begin(nf, rsp->flags);
    if (!nf->rx_posted[b]) {
        /* Nothing of ours was at this index: a backend answering twice. */
        nf_rx_fault(nf, NF_RX_NOT_POSTED, true);
    } else if (kind == NF_SLOT_EXTRA) {
        nf_rx_take(nf, b);
        nf_rx_extra(nf, &extra);
    } else {
        nf_rx_data(nf, b, rsp, kind == NF_SLOT_RESPONSE);
    }
    if (!nf->rx_cur.extra && !nf->rx_cur.cont)
        nf_rx_frame_done(nf);
}

/* Consume new responses of one ring; false when its producer is impossible. */
#define NF_TAKE_RESPONSES(nf, ring, rsp_type, handle)                                     \
    ({                                                                                    \
        bool __ok = true;                                                                 \
        int __more;                                                                       \
        do {                                                                              \
            RING_IDX __prod = (ring)->sring->rsp_prod;                                    \
            rmb(); /* the responses up to __prod are written before it */                 \
            if (ring_new_responses(__prod, (ring)->rsp_cons, (ring)->req_prod_pvt) < 0) { \
                __ok = false;                                                             \
                break;                                                                    \
            }                                                                             \
            for (; (ring)->rsp_cons != __prod; (ring)->rsp_cons++) {                      \
                rsp_type __rsp;                                                           \
                /* Read once: the backend may change the shared entry while we look. */   \
                RING_COPY_RESPONSE(ring, (ring)->rsp_cons, &__rsp);                       \
                handle(nf, (ring)->rsp_cons, &__rsp);                                     \
            }                                                                             \
            RING_FINAL_CHECK_FOR_RESPONSES(ring, __more);                                 \
        } while (__more);                                                                 \
        __ok;                                                                             \
    })

void nf_poll(struct netfront *nf)
{
    bool ok;

    if (nf->broken || nf->state != NETFRONT_CONNECTED)
        return;
    ok = NF_TAKE_RESPONSES(nf, &nf->tx, netif_tx_response_t, nf_tx_response);
    if (ok)
        ok = NF_TAKE_RESPONSES(nf, &nf->rx, netif_rx_response_t, nf_rx_slot);
    if (!ok) {
        /* Nothing on the rings can be trusted now; the close path cleans up. */
        nf->broken = true;
        nf->stats.ring_errors++;
        printk("netfront: %s: backend's response producer is beyond our requests: "
               "ring abandoned\n",
               nf->dev.nodename);
        return;
    }
    nf_rx_refill(nf);
    if (nf->tx_nfree)
        wake_up(&nf->space_wq);
}
