/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netfront's transmit path. Each frame (or the pieces it is gathered from) is copied into a page of its own (one per TX id,
 * allocated zeroed on first use and granted read-only for the device's life), so the
 * backend never sees the caller's neighbouring data, the caller may reuse its buffer at
 * once, and a completion nobody waits for any more (xmit_sync's timeout) harms nothing.
 */
#include <ring_index.h>
#include <time.h>
#include "netfront_priv.h"

void nf_tx_init(struct netfront *nf)
{
    nf->tx_nfree = 0;
    for (unsigned int i = NF_TX_IDS; i-- > 0;) {
        nf->tx_slot[i].gref = NF_NO_REF;
        nf->tx_free[nf->tx_nfree++] = (uint16_t)i;
    }
}

void nf_tx_free(struct netfront *nf)
{
    for (unsigned int i = 0; i < NF_TX_IDS; i++) {
        struct nf_tx_slot *s = &nf->tx_slot[i];

        if (s->page && nf_end_grant(nf, s->gref))
            free_page(s->page);
        s->page = NULL;
        s->gref = NF_NO_REF;
    }
}

/* Complete slot id with status (0 or -errno) and make it free again. */
static void nf_tx_release(struct netfront *nf, uint16_t id, int status)
{
    struct nf_tx_slot *s = &nf->tx_slot[id];
    netfront_tx_done_fn done = s->done;

    nf->tx_pending[id] = false;
    nf->tx_free[nf->tx_nfree++] = id;
    /* Aborted frames (-ENOTCONN) count in tx_aborted: the backend did nothing wrong. */
    if (!status) {
        nf->stats.tx_packets++;
        nf->stats.tx_bytes += s->len;
    } else if (status != -ENOTCONN) {
        nf->stats.tx_errors++;
    }
    if (done)
        done(nf, status, s->arg);
}

void nf_tx_response(struct netfront *nf, RING_IDX idx, const netif_tx_response_t *rsp)
{
    enum nf_tx_verdict v = nf_tx_check(rsp->id, rsp->status, NF_TX_IDS, nf->tx_pending);

    if (v == NF_TX_BAD_ID || v == NF_TX_NOT_PENDING) {
        nf->stats.tx_bad_id++;
        return;
    }
    nf_tx_release(nf, rsp->id,
                  v == NF_TX_OK ? 0 : (rsp->status == NETIF_RSP_DROPPED ? -ENOBUFS : -EIO));
}

void nf_tx_abort(struct netfront *nf, int status)
{
    for (unsigned int i = 0; i < NF_TX_IDS; i++) {
        if (!nf->tx_pending[i])
            continue;
        nf->stats.tx_aborted++;
        nf_tx_release(nf, (uint16_t)i, status);
    }
    wake_up(&nf->space_wq);
}

/* Slot id's page, granted read-only to the backend: made on first use. 0 or -errno. */
static int nf_tx_page(struct netfront *nf, uint16_t id)
{
    struct nf_tx_slot *s = &nf->tx_slot[id];
    int ref;

    if (s->page)
        return 0;
    s->page = nf_zeroed_page();
    if (!s->page)
        return -ENOMEM;
    ref = gnttab_grant_access(nf->dev.backend_id, virt_to_mfn(s->page), true);
    if (ref < 0) {
        free_page(s->page);
        s->page = NULL;
        return ref;
    }
    s->gref = ref;
    return 0;
}

/* Total length of n pieces, or 0 when it is not a frame length we send. */
static size_t nf_frags_len(const struct netfront_frag *frags, unsigned int n)
{
    size_t len = 0;

    for (unsigned int i = 0; i < n; i++) {
        if (frags[i].len > NETFRONT_MAX_FRAME)
            return 0;
        len += frags[i].len;
    }
    return len < NETFRONT_ETH_HLEN || len > NETFRONT_MAX_FRAME ? 0 : len;
}

/* netfront_xmitv, telling the caller which slot the frame took. */
static int nf_xmit(struct netfront *nf, const struct netfront_frag *frags, unsigned int n,
                   unsigned int flags, netfront_tx_done_fn done, void *arg, uint16_t *idp)
{
    size_t len = nf_frags_len(frags, n), at = 0;
    netif_tx_request_t *req;
    struct nf_tx_slot *s;
    uint16_t id;
    int rc, notify;

    if (nf->state != NETFRONT_CONNECTED || nf->broken)
        return -ENOTCONN;
    if (!len || (flags & ~NETFRONT_TX_CSUM_BLANK) ||
        ((flags & NETFRONT_TX_CSUM_BLANK) && !(nf->offloads & NETFRONT_OFFLOAD_CSUM)))
        return -EINVAL;
    if (!nf->tx_nfree || !ring_free_slots(nf->tx.req_prod_pvt, nf->tx.rsp_cons, NF_TX_RING_SIZE))
        return -EAGAIN;
    id = nf->tx_free[nf->tx_nfree - 1];
    rc = nf_tx_page(nf, id);
    if (rc)
        return rc;
    nf->tx_nfree--;
    s = &nf->tx_slot[id];
    /* The only copy of the frame: the caller's pieces go straight into the granted page. */
    for (unsigned int i = 0; i < n; at += frags[i++].len)
        memcpy((char *)s->page + at, frags[i].data, frags[i].len);
    s->done = done;
    s->arg = arg;
    s->len = len;
    nf->tx_pending[id] = true;
    req = RING_GET_REQUEST(&nf->tx, nf->tx.req_prod_pvt);
    req->gref = (grant_ref_t)s->gref;
    req->offset = 0;
    /* A blank checksum is one we vouch for: the data were never corrupted in transit. */
    req->flags = flags & NETFRONT_TX_CSUM_BLANK ? NETTXF_csum_blank | NETTXF_data_validated : 0;
    nf->stats.tx_csum_blank += !!(flags & NETFRONT_TX_CSUM_BLANK);
    req->id = id;
    req->size = (uint16_t)len;
    nf->tx.req_prod_pvt++;
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->tx, notify);
    if (notify)
        evtchn_send(nf->port);
    *idp = id;
    return 0;
}

int netfront_xmit(struct netfront *nf, const void *frame, size_t len, netfront_tx_done_fn done,
                  void *arg)
{
    struct netfront_frag f = {frame, len};
    uint16_t id;

    return nf_xmit(nf, &f, 1, 0, done, arg, &id);
}

int netfront_xmitv(struct netfront *nf, const struct netfront_frag *frags, unsigned int n,
                   unsigned int flags, netfront_tx_done_fn done, void *arg)
{
    uint16_t id;

    return nf_xmit(nf, frags, n, flags, done, arg, &id);
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

static bool nf_tx_room(struct netfront *nf)
{
    return nf->tx_nfree > 0 || nf->broken || nf->state != NETFRONT_CONNECTED;
}

int netfront_xmit_sync(struct netfront *nf, const void *frame, size_t len)
{
    /* Computed once: the whole call, ring space and completion, gets nf->timeout. */
    uint64_t deadline = NOW() + nf->timeout;
    struct nf_sync s = {.done = false};
    uint16_t id;
    int rc;

    if (current == nf->thread)
        return -EDEADLK;
    init_waitqueue_head(&s.wq);
    for (;;) {
        struct netfront_frag f = {frame, len};

        rc = nf_xmit(nf, &f, 1, 0, nf_sync_done, &s, &id);
        if (rc != -EAGAIN)
            break;
        if (wait_event_deadline(nf->space_wq, nf_tx_room(nf), deadline))
            return -ETIMEDOUT;
    }
    if (rc)
        return rc;
    if (wait_event_deadline(s.wq, s.done, deadline) == 0)
        return s.status;
    /* The frame sits in our own page: the slot completes later, with nobody to tell. */
    nf->tx_slot[id].done = NULL;
    return -ETIMEDOUT;
}
