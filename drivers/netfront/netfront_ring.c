/* SPDX-License-Identifier: BSD-2-Clause */
/* netfront's data path: receive buffers, response processing and transmit. */
#include <ring_index.h>
#include "netfront_priv.h"

/*
 * Receive buffers keep their grant for the whole connection. We ask for request-rx-copy,
 * so the backend fills a buffer with a grant *copy* (GNTTABOP_copy) and never maps it:
 * once it has answered, the grant is idle and the same reference can go out again with
 * the next request for that buffer. Granting per packet would add two grant-table
 * updates per frame and a revocation that can fail while a backend holds the page, for
 * no gain in safety: a backend that can write a buffer while we own it could just as well
 * lie about the frame's contents, so a frame's bytes are never trusted, only the response
 * fields we check (and copy once, since the backend may change the ring under us). The
 * grants are revoked when the device closes, after the backend has disconnected.
 */

bool nf_end_grant(struct netfront *nf, int ref)
{
    int rc;

    if (ref == NF_NO_REF)
        return true;
    rc = gnttab_end_access((grant_ref_t)ref);
    if (rc == 0)
        return true;
    nf->stats.grants_leaked++;
    printk("netfront: %s: grant %d still in use (rc %d): leaking its page\n", nf->dev.nodename, ref,
           rc);
    return false;
}

int nf_rx_setup(struct netfront *nf)
{
    for (unsigned int i = 0; i < NF_RX_BUFS; i++) {
        nf->rx_page[i] = alloc_page();
        if (!nf->rx_page[i])
            return -ENOMEM;
        nf->rx_gref[i] =
            gnttab_grant_access(nf->dev.backend_id, virt_to_mfn(nf->rx_page[i]), false);
        if (nf->rx_gref[i] < 0) {
            int rc = nf->rx_gref[i];

            nf->rx_gref[i] = NF_NO_REF;
            return rc;
        }
    }
    return 0;
}

void nf_rx_free(struct netfront *nf)
{
    for (unsigned int i = 0; i < NF_RX_BUFS; i++) {
        if (!nf->rx_page[i])
            continue;
        if (nf_end_grant(nf, nf->rx_gref[i]))
            free_page(nf->rx_page[i]);
        nf->rx_page[i] = NULL;
        nf->rx_gref[i] = NF_NO_REF;
        nf->rx_posted[i] = false;
    }
}

/* Hand every buffer we hold back to the backend, as far as the ring has room. */
static void nf_rx_refill(struct netfront *nf)
{
    bool queued = false;
    int notify;

    for (unsigned int i = 0; i < NF_RX_BUFS; i++) {
        netif_rx_request_t *req;

        if (nf->rx_posted[i] || nf->rx_gref[i] == NF_NO_REF)
            continue;
        if (!ring_free_slots(nf->rx.req_prod_pvt, nf->rx.rsp_cons, NF_RX_RING_SIZE))
            break;
        req = RING_GET_REQUEST(&nf->rx, nf->rx.req_prod_pvt);
        req->id = (uint16_t)i;
        req->gref = (grant_ref_t)nf->rx_gref[i];
        nf->rx.req_prod_pvt++;
        nf->rx_posted[i] = true;
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
        [NF_RX_BAD_ID] = &nf->stats.rx_bad_id,     [NF_RX_NOT_POSTED] = &nf->stats.rx_not_posted,
        [NF_RX_ERROR] = &nf->stats.rx_error,       [NF_RX_SHORT] = &nf->stats.rx_short,
        [NF_RX_OVERSIZE] = &nf->stats.rx_oversize, [NF_RX_BAD_FLAGS] = &nf->stats.rx_bad_flags,
    };

    (*counter[v])++;
}

static void nf_rx_one(struct netfront *nf, const netif_rx_response_t *rsp)
{
    enum nf_rx_verdict v;

    /* An extra-info slot overlays a response; it names no buffer of ours. */
    if (nf->rx_skip_extra) {
        nf->rx_skip_extra = false;
        return;
    }
    v = nf_rx_check(rsp->id, rsp->offset, rsp->flags, rsp->status, NF_RX_BUFS, nf->rx_posted,
                    NETFRONT_MAX_FRAME);
    if (rsp->flags & NETRXF_extra_info)
        nf->rx_skip_extra = true;
    if (v == NF_RX_BAD_ID || v == NF_RX_NOT_POSTED) {
        nf_rx_count(nf, v);
        return;
    }
    /* From here the buffer is ours again, whatever the verdict: refill reposts it. */
    nf->rx_posted[rsp->id] = false;
    if (v != NF_RX_OK) {
        nf_rx_count(nf, v);
        return;
    }
    nf->stats.rx_packets++;
    nf->stats.rx_bytes += (unsigned int)rsp->status;
    if (nf->rx_fn)
        nf->rx_fn(nf, (char *)nf->rx_page[rsp->id] + rsp->offset, (size_t)rsp->status, nf->rx_arg);
}

static void nf_tx_complete(struct netfront *nf, struct nf_txpkt *pkt)
{
    /* Aborted frames (-ENOTCONN) count in tx_aborted: the backend did nothing wrong. */
    if (!pkt->status) {
        nf->stats.tx_packets++;
        nf->stats.tx_bytes += pkt->len;
    } else if (pkt->status != -ENOTCONN) {
        nf->stats.tx_errors++;
    }
    if (pkt->done)
        pkt->done(nf, pkt->status, pkt->arg);
    free(pkt);
}

/* Release slot id with status (0 or -errno); completes its frame on the last slot. */
static void nf_tx_release(struct netfront *nf, uint16_t id, int status)
{
    struct nf_txpkt *pkt = nf->tx_slot[id].pkt;

    nf_end_grant(nf, nf->tx_slot[id].gref);
    nf->tx_slot[id].gref = NF_NO_REF;
    nf->tx_slot[id].pkt = NULL;
    nf->tx_pending[id] = false;
    nf->tx_free[nf->tx_nfree++] = id;
    if (status && !pkt->status)
        pkt->status = status;
    if (--pkt->pending == 0)
        nf_tx_complete(nf, pkt);
}

static void nf_tx_one(struct netfront *nf, const netif_tx_response_t *rsp)
{
    enum nf_tx_verdict v = nf_tx_check(rsp->id, rsp->status, NF_TX_IDS, nf->tx_pending);

    if (v == NF_TX_BAD_ID || v == NF_TX_NOT_PENDING) {
        nf->stats.tx_bad_id++;
        return;
    }
    nf_tx_release(nf, rsp->id,
                  v == NF_TX_OK ? 0 : (rsp->status == NETIF_RSP_DROPPED ? -ENOBUFS : -EIO));
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
                RING_COPY_RESPONSE(ring, (ring)->rsp_cons, &__rsp);                       \
                handle(nf, &__rsp);                                                       \
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
    ok = NF_TAKE_RESPONSES(nf, &nf->tx, netif_tx_response_t, nf_tx_one);
    if (ok)
        ok = NF_TAKE_RESPONSES(nf, &nf->rx, netif_rx_response_t, nf_rx_one);
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

void nf_tx_init(struct netfront *nf)
{
    nf->tx_nfree = 0;
    for (unsigned int i = NF_TX_IDS; i-- > 0;) {
        nf->tx_slot[i].gref = NF_NO_REF;
        nf->tx_free[nf->tx_nfree++] = (uint16_t)i;
    }
}

void nf_tx_abort(struct netfront *nf, int status)
{
    for (unsigned int i = 0; i < NF_TX_IDS; i++) {
        if (!nf->tx_pending[i])
            continue;
        if (nf->tx_slot[i].pkt->pending == 1)
            nf->stats.tx_aborted++;
        nf_tx_release(nf, (uint16_t)i, status);
    }
    wake_up(&nf->space_wq);
}

/* Queue slot i of a frame: one page's worth at p. 0 or -ENOSPC (no grant). */
static int nf_tx_queue(struct netfront *nf, struct nf_txpkt *pkt, const char *p, size_t size,
                       uint16_t flags, size_t total)
{
    uint16_t id = nf->tx_free[nf->tx_nfree - 1];
    int ref = gnttab_grant_access(nf->dev.backend_id, virt_to_mfn(p), true);
    netif_tx_request_t *req;

    if (ref < 0)
        return ref;
    nf->tx_nfree--;
    nf->tx_slot[id].pkt = pkt;
    nf->tx_slot[id].gref = ref;
    nf->tx_pending[id] = true;
    pkt->pending++;
    req = RING_GET_REQUEST(&nf->tx, nf->tx.req_prod_pvt);
    req->gref = (grant_ref_t)ref;
    req->offset = (uint16_t)((unsigned long)p & ~PAGE_MASK);
    req->flags = flags;
    req->id = id;
    /* The first slot carries the whole frame's length, the others their own. */
    req->size = (uint16_t)(total ? total : size);
    nf->tx.req_prod_pvt++;
    return 0;
}

/* Undo the slots queued so far for pkt (not yet pushed, so the backend never saw them). */
static void nf_tx_unqueue(struct netfront *nf, unsigned int n)
{
    while (n--) {
        uint16_t id;

        nf->tx.req_prod_pvt--;
        id = RING_GET_REQUEST(&nf->tx, nf->tx.req_prod_pvt)->id;

        nf_end_grant(nf, nf->tx_slot[id].gref);
        nf->tx_slot[id].gref = NF_NO_REF;
        nf->tx_slot[id].pkt = NULL;
        nf->tx_pending[id] = false;
        nf->tx_free[nf->tx_nfree++] = id;
    }
}

static int nf_xmit_check(struct netfront *nf, const void *frame, size_t len, unsigned int *slots,
                         size_t *first)
{
    unsigned long va = (unsigned long)frame;

    if (nf->state != NETFRONT_CONNECTED || nf->broken)
        return -ENOTCONN;
    if (len < NETFRONT_ETH_HLEN || len > NETFRONT_MAX_FRAME)
        return -EINVAL;
    /* virt_to_mfn is only right for the 1:1 map of our RAM. */
    if (va + len < va || virt_to_pfn(va + len - 1) >= start_info.nr_pages)
        return -EFAULT;
    *slots = nf_tx_slots(va, len, first);
    if (*slots > nf->tx_nfree ||
        *slots > ring_free_slots(nf->tx.req_prod_pvt, nf->tx.rsp_cons, NF_TX_RING_SIZE))
        return -EAGAIN;
    return 0;
}

int netfront_xmit(struct netfront *nf, const void *frame, size_t len, netfront_tx_done_fn done,
                  void *arg)
{
    const char *p = frame;
    struct nf_txpkt *pkt;
    unsigned int slots, i;
    size_t size;
    int rc = nf_xmit_check(nf, frame, len, &slots, &size);
    int notify;

    if (rc)
        return rc;
    pkt = malloc(sizeof(*pkt));
    if (!pkt)
        return -ENOMEM;
    *pkt = (struct nf_txpkt){done, arg, 0, 0, len};
    for (i = 0; i < slots; i++) {
        uint16_t flags = i + 1 < slots ? NETTXF_more_data : 0;

        rc = nf_tx_queue(nf, pkt, p, size, flags, i == 0 ? len : 0);
        if (rc) {
            nf_tx_unqueue(nf, i);
            free(pkt);
            return rc;
        }
        p += size;
        len -= size;
        size = len < PAGE_SIZE ? len : PAGE_SIZE;
    }
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->tx, notify);
    if (notify)
        evtchn_send(nf->port);
    return 0;
}

struct nf_sync {
    bool done;
    int status;
    struct wait_queue_head wq;
};

static void nf_sync_done(struct netfront *nf, int status, void *arg)
{
    struct nf_sync *s = arg;

    s->status = status;
    s->done = true;
    wake_up(&s->wq);
}

int netfront_xmit_sync(struct netfront *nf, const void *frame, size_t len)
{
    struct nf_sync s = {.done = false};
    int rc;

    if (current == nf->thread)
        return -EDEADLK;
    init_waitqueue_head(&s.wq);
    for (;;) {
        rc = netfront_xmit(nf, frame, len, nf_sync_done, &s);
        if (rc != -EAGAIN)
            break;
        /* A frame needs at most two slots (it is shorter than a page). */
        wait_event(nf->space_wq,
                   nf->tx_nfree >= 2 || nf->broken || nf->state != NETFRONT_CONNECTED);
    }
    if (rc)
        return rc;
    /* The frame stays granted until answered or aborted: no timeout can end this early. */
    wait_event(s.wq, s.done);
    return s.status;
}
