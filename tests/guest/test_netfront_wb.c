/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netfront white-box tests: the RX path fed by a fake backend (rings in our own pages, no
 * dom0 needed), setup failing on ring grants, and what a backend can reach of a frame.
 */
#include <kernel.h>
#include <gnttab.h>
#include <mm.h>
#include <netfront.h>
#include <string.h>
#include "test.h"
#include "test_netfront.h"
#include "../../drivers/netfront/netfront_priv.h"

static unsigned int wb_delivered;
static bool wb_still_granted;
static grant_ref_t wb_ref; /* the grant of the buffer the delivered frame is in */

static void wb_rx(struct netfront *nf, const void *frame, size_t len, void *arg)
{
    unsigned long mfn;
    bool ro;

    wb_delivered++;
    /* While the callback runs, no grant may still give the backend this page. */
    if (gnttab_query(wb_ref, &mfn, &ro) == 0 && mfn == virt_to_mfn(frame))
        wb_still_granted = true;
}

/* A netfront on rings in our own pages: we play the backend (dom0 id, never mapped). */
struct netfront *netfront_test_fake(netfront_rxv_fn rxv, unsigned int offloads)
{
    struct netfront *nf = calloc(1, sizeof(*nf));
    void *txs = alloc_page(), *rxs = alloc_page();

    if (!nf || !txs || !rxs)
        return NULL;
    memset(txs, 0, PAGE_SIZE);
    memset(rxs, 0, PAGE_SIZE);
    SHARED_RING_INIT((netif_tx_sring_t *)txs);
    FRONT_RING_INIT(&nf->tx, (netif_tx_sring_t *)txs, PAGE_SIZE);
    SHARED_RING_INIT((netif_rx_sring_t *)rxs);
    FRONT_RING_INIT(&nf->rx, (netif_rx_sring_t *)rxs, PAGE_SIZE);
    /* No event channel: notifications go nowhere. */
    nf->rx.sring->req_event = 0x80000000u;
    strlcpy(nf->dev.nodename, "device/vif/fake", sizeof(nf->dev.nodename));
    nf->rx_fn = rxv ? NULL : wb_rx;
    nf->rxv_fn = rxv;
    nf->offloads = offloads;
    nf->rx_allow = nf_rx_allow(offloads);
    nf->state = NETFRONT_CONNECTED;
    init_waitqueue_head(&nf->wq);
    init_waitqueue_head(&nf->space_wq);
    init_waitqueue_head(&nf->state_wq);
    for (unsigned int i = 0; i < NF_RX_BUFS; i++)
        nf->rx_gref[i] = NF_NO_REF;
    nf_tx_init(nf);
    if (nf_rx_setup(nf))
        return NULL;
    nf_poll(nf);
    return nf;
}

void netfront_test_fake_free(struct netfront *nf)
{
    nf_rx_free(nf);
    free_page(nf->tx.sring);
    free_page(nf->rx.sring);
    free(nf);
}

static void put_rsp(struct netfront *nf, RING_IDX i, uint16_t flags, int16_t status)
{
    netif_rx_response_t *r = RING_GET_RESPONSE(&nf->rx, i);

    r->id = RING_GET_REQUEST(&nf->rx, i)->id;
    r->offset = 0;
    r->flags = flags;
    r->status = status;
}

static void put_extra(struct netfront *nf, RING_IDX i, uint8_t flags)
{
    struct netif_extra_info *x = (struct netif_extra_info *)RING_GET_RESPONSE(&nf->rx, i);

    memset(x, 0, sizeof(*x));
    x->type = XEN_NETIF_EXTRA_TYPE_GSO;
    x->flags = flags;
}

/*
 * Responses with extra-info slots (a chain of two) and a plain frame: no buffer may be
 * stranded (each extra slot consumed the request posted at its index), the frame is
 * delivered with its grant already ended.
 */
static void rx_extra_info(void)
{
    unsigned long pages = free_page_count();
    unsigned int refs = gnttab_free_refs(), posted = 0;
    struct netfront *nf = netfront_test_fake(NULL, 0);
    uint32_t outstanding;

    if (!nf) {
        test_report("rx_extra_info_recycled", TEST_ERROR, "no memory");
        return;
    }
    wb_delivered = 0;
    wb_still_granted = false;
    wb_ref = RING_GET_REQUEST(&nf->rx, 3)->gref;
    put_rsp(nf, 0, NETRXF_extra_info, 60);
    put_extra(nf, 1, XEN_NETIF_EXTRA_FLAG_MORE);
    put_extra(nf, 2, 0);
    put_rsp(nf, 3, 0, 60);
    wmb();
    nf->rx.sring->rsp_prod = 4;
    nf_poll(nf);
    outstanding = nf->rx.req_prod_pvt - nf->rx.rsp_cons;
    for (unsigned int i = 0; i < NF_RX_BUFS; i++)
        posted += nf->rx_posted[i];
    test_check("rx_extra_info_recycled",
               outstanding == NF_RX_BUFS && posted == NF_RX_BUFS && wb_delivered == 1 &&
                   nf->stats.rx_bad_flags == 1 && nf->stats.rx_bad_id == 0,
               "%u requests with the backend, %u buffers posted (want %u), %u delivered, "
               "bad flags %lu, bad ids %lu",
               outstanding, posted, NF_RX_BUFS, wb_delivered, nf->stats.rx_bad_flags,
               nf->stats.rx_bad_id);
    test_check("rx_grant_ended", wb_delivered == 1 && !wb_still_granted,
               "the backend %s the buffer while the callback ran",
               wb_still_granted ? "could still write" : "had no access to");
    netfront_test_fake_free(nf);
    test_check("rx_fake_released", free_page_count() == pages && gnttab_free_refs() == refs,
               "pages %lu -> %lu, free refs %u -> %u", pages, free_page_count(), refs,
               gnttab_free_refs());
}

void suite_netfront_rx(void)
{
    rx_extra_info();
    netfront_test_sg();
}

/* Take every free grant reference but keep: the refs taken (in *refs), or -ENOMEM. */
static int hog_grants(unsigned int keep, int **refs)
{
    unsigned int n = gnttab_free_refs() - keep;
    int *r = calloc(n ? n : 1, sizeof(*r));

    if (!r)
        return -ENOMEM;
    for (unsigned int i = 0; i < n; i++)
        r[i] = gnttab_grant_access(0, virt_to_mfn(r), true);
    *refs = r;
    return (int)n;
}

static void unhog_grants(int *refs, int n)
{
    for (int i = 0; i < n; i++)
        if (refs[i] >= 0)
            gnttab_end_access((grant_ref_t)refs[i]);
    free(refs);
}

/* netfront_open with only `keep` grant references left: it fails, and gives everything back. */
static void open_without_grants(const char *node, unsigned int keep, const char *name)
{
    unsigned long pages = free_page_count();
    unsigned int refs = gnttab_free_refs();
    struct netfront *nf = NULL;
    int *hog, n = hog_grants(keep, &hog), rc;

    if (n < 0) {
        test_report(name, TEST_ERROR, "no memory");
        return;
    }
    rc = netfront_open(node, NULL, NULL, SECONDS(20), &nf);
    unhog_grants(hog, n);
    if (rc == 0)
        netfront_close(nf);
    test_check(name, rc == -ENOSPC && free_page_count() == pages && gnttab_free_refs() == refs,
               "open %s, pages %lu -> %lu, free refs %u -> %u", strerror_name(rc), pages,
               free_page_count(), refs, gnttab_free_refs());
}

void netfront_test_setup_errors(const char *node)
{
    open_without_grants(node, 0, "open_tx_ring_grant_fails");
    open_without_grants(node, 1, "open_rx_ring_grant_fails");
}

/*
 * A frame in the middle of a page full of other data: the backend must be granted a page
 * of netfront's own holding none of that data, read-only.
 */
void netfront_test_tx_isolation(struct netfront *nf, const void *frame, size_t len)
{
    uint8_t *page = memalign(PAGE_SIZE, PAGE_SIZE), *g = NULL;
    unsigned long mfn = 0;
    bool ro = false, secret = false;
    int rc, id = -1;

    if (!page) {
        test_report("tx_isolation", TEST_ERROR, "no memory");
        return;
    }
    memset(page, 0x5e, PAGE_SIZE);
    memcpy(page + 0x800, frame, len);
    rc = netfront_xmit(nf, page + 0x800, len, NULL, NULL);
    /* Nothing runs until we block: the frame is still in flight, its grant active. */
    for (unsigned int i = 0; rc == 0 && i < ARRAY_SIZE(nf->tx_pending); i++)
        if (nf->tx_pending[i] && gnttab_query(nf->tx_slot[i].gref, &mfn, &ro) == 0 &&
            RING_GET_REQUEST(&nf->tx, nf->tx.req_prod_pvt - 1)->id == i)
            id = (int)i;
    if (id >= 0 && mfn != virt_to_mfn(page)) {
        g = mfn_to_virt(mfn);
        for (size_t i = 0; i + 16 <= PAGE_SIZE && !secret; i++)
            secret = g[i] == 0x5e && !memcmp(g + i, page, 16);
    }
    test_check("tx_isolation", rc == 0 && id >= 0 && g && !secret && ro,
               "xmit %d, granted %s page, %s, read-only %d", rc,
               !g ? "the caller's (or none)" : "another",
               secret ? "holding the neighbouring data" : "frame bytes only", ro);
    free(page);
}
