/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netfront white-box tests of scatter-gather and GSO receive: frames over several slots
 * with a GSO extra, fed by a fake backend (rings in our own pages), and the malformed
 * chains a backend could send instead. Every buffer must go back on the ring and no page
 * or grant may leak, whatever the backend wrote.
 */
#include <kernel.h>
#include <gnttab.h>
#include <mm.h>
#include <netfront.h>
#include <string.h>
#include "test.h"
#include "test_netfront.h"
#include "../../drivers/netfront/netfront_priv.h"

#define SG_OFFLOADS \
    (NETFRONT_OFFLOAD_CSUM | NETFRONT_OFFLOAD_SG | NETFRONT_OFFLOAD_GSO4 | NETFRONT_OFFLOAD_GSO6)

static struct {
    unsigned int delivered, nfrags, keep; /* keep: pages the callback keeps per frame */
    size_t len;
    uint16_t gso_size;
    unsigned int flags;
    bool data_ok;  /* each piece starts with the byte the fake backend wrote there */
    void *kept[4]; /* pages kept, freed by the test */
    unsigned int nkept;
} sg;

static void sg_rx(struct netfront *nf, struct netfront_rx_frame *f, void *arg)
{
    sg.delivered++;
    sg.nfrags = f->nfrags;
    sg.len = f->len;
    sg.gso_size = f->gso_size;
    sg.flags = f->flags;
    sg.data_ok = true;
    for (unsigned int i = 0; i < f->nfrags; i++)
        sg.data_ok &= *(const uint8_t *)f->frag[i].data == (uint8_t)(0xa0 + i);
    for (unsigned int i = 0; i < sg.keep && i < f->nfrags && sg.nkept < ARRAY_SIZE(sg.kept); i++) {
        sg.kept[sg.nkept++] = f->frag[i].page;
        f->frag[i].page = NULL;
    }
}

/* The backend's answer at ring index i (the request there names the buffer), marked m. */
static void sg_data(struct netfront *nf, RING_IDX i, uint16_t flags, int16_t status, uint8_t m)
{
    netif_rx_response_t *r = RING_GET_RESPONSE(&nf->rx, i);
    uint16_t id = RING_GET_REQUEST(&nf->rx, i)->id;

    r->id = id;
    r->offset = 0;
    r->flags = flags;
    r->status = status;
    if (id < NF_RX_BUFS && nf->rx_page[id])
        *(uint8_t *)nf->rx_page[id] = m;
}

static void sg_extra(struct netfront *nf, RING_IDX i, uint8_t type, uint8_t gso_type, uint16_t size)
{
    struct netif_extra_info *x = (struct netif_extra_info *)RING_GET_RESPONSE(&nf->rx, i);

    memset(x, 0, sizeof(*x));
    x->type = type;
    x->u.gso.type = gso_type;
    x->u.gso.size = size;
}

/* Publish responses up to index end and let netfront take them. */
static void sg_push(struct netfront *nf, RING_IDX end)
{
    wmb();
    nf->rx.sring->rsp_prod = end;
    nf_poll(nf);
}

/* Buffers with the backend, and whether the ring holds a request for each. */
static bool sg_all_posted(struct netfront *nf, unsigned int want)
{
    unsigned int posted = 0;

    for (unsigned int i = 0; i < NF_RX_BUFS; i++)
        posted += nf->rx_posted[i];
    return posted == want && nf->rx.req_prod_pvt - nf->rx.rsp_cons == want;
}

/* A GSO frame in three data slots plus its extra, the middle one arriving later. */
static void sg_gso_frame(struct netfront *nf)
{
    RING_IDX c = nf->rx.rsp_cons;
    bool held;

    sg_data(nf, c, NETRXF_extra_info | NETRXF_more_data | NETRXF_csum_blank, 4096, 0xa0);
    sg_extra(nf, c + 1, XEN_NETIF_EXTRA_TYPE_GSO, XEN_NETIF_GSO_TYPE_TCPV4, 1448);
    sg_data(nf, c + 2, NETRXF_more_data, 4096, 0xa1);
    sg_push(nf, c + 3);
    /* Two pieces are held until the frame is whole: not posted meanwhile. */
    held = sg.delivered == 0 && sg_all_posted(nf, NF_RX_BUFS - 2);
    sg_data(nf, c + 3, 0, 1000, 0xa2);
    sg.keep = 1;
    sg_push(nf, c + 4);
    sg.keep = 0;
    test_check("rx_gso_frame",
               held && sg.delivered == 1 && sg.nfrags == 3 && sg.len == 9192 &&
                   sg.gso_size == 1448 && sg.flags == NETFRONT_RX_CSUM_BLANK && sg.data_ok &&
                   nf->stats.rx_gso == 1 && nf->stats.rx_multislot == 1,
               "held while partial %d, delivered %u: %u pieces, %zu bytes, gso %u, flags %u, "
               "data %s",
               held, sg.delivered, sg.nfrags, sg.len, sg.gso_size, sg.flags,
               sg.data_ok ? "intact" : "wrong");
    test_check("rx_page_kept",
               nf->stats.rx_pages_kept == 1 && sg.nkept == 1 && sg_all_posted(nf, NF_RX_BUFS),
               "%lu kept, all %u buffers posted again (a fresh page for the kept one): %d",
               nf->stats.rx_pages_kept, NF_RX_BUFS, sg_all_posted(nf, NF_RX_BUFS));
}

/* One malformed frame after another: each is counted once and dropped, nothing stranded. */
static void sg_bad_frames(struct netfront *nf)
{
    RING_IDX c = nf->rx.rsp_cons, i;
    struct netfront_stats *s = &nf->stats;
    unsigned int before = sg.delivered;

    /* A more_data chain of 20 data slots: past the 18-slot limit. */
    for (i = 0; i < 19; i++)
        sg_data(nf, c + i, NETRXF_more_data, 100, 0xa0);
    sg_data(nf, c + 19, 0, 100, 0xa0);
    sg_push(nf, c + 20);
    c = nf->rx.rsp_cons;
    /* Extras of a type we never asked for (multicast) and of an unknown GSO type. */
    sg_data(nf, c, NETRXF_extra_info, 60, 0xa0);
    sg_extra(nf, c + 1, XEN_NETIF_EXTRA_TYPE_MCAST_ADD, 0, 0);
    sg_data(nf, c + 2, NETRXF_extra_info, 60, 0xa0);
    sg_extra(nf, c + 3, XEN_NETIF_EXTRA_TYPE_GSO, 3, 1448);
    /* Two slots, 2000 bytes, no GSO extra: over the MTU. */
    sg_data(nf, c + 4, NETRXF_more_data, 1000, 0xa0);
    sg_data(nf, c + 5, 0, 1000, 0xa1);
    /* A continuation naming another buffer than the one posted at its index. */
    sg_data(nf, c + 6, NETRXF_more_data, 100, 0xa0);
    sg_data(nf, c + 7, 0, 100, 0xa1);
    RING_GET_RESPONSE(&nf->rx, c + 7)->id ^= 1;
    /* An empty continuation. */
    sg_data(nf, c + 8, NETRXF_more_data, 100, 0xa0);
    sg_data(nf, c + 9, 0, 0, 0xa1);
    sg_push(nf, c + 10);
    test_check("rx_bad_chains",
               sg.delivered == before && s->rx_too_long == 1 && s->rx_bad_extra == 2 &&
                   s->rx_oversize == 1 && s->rx_not_posted == 1 && s->rx_short == 1 &&
                   sg_all_posted(nf, NF_RX_BUFS),
               "delivered %u, too long %lu, bad extra %lu, oversize %lu, not posted %lu, "
               "short %lu, all buffers posted %d",
               sg.delivered - before, s->rx_too_long, s->rx_bad_extra, s->rx_oversize,
               s->rx_not_posted, s->rx_short, sg_all_posted(nf, NF_RX_BUFS));
}

/* Without SG negotiated, a multi-slot frame is refused as before (the device's flags). */
static void sg_not_negotiated(void)
{
    struct netfront *nf = netfront_test_fake(sg_rx, NETFRONT_OFFLOAD_CSUM);
    unsigned int before = sg.delivered;
    RING_IDX c;

    if (!nf) {
        test_report("rx_sg_not_negotiated", TEST_ERROR, "no memory");
        return;
    }
    c = nf->rx.rsp_cons;
    sg_data(nf, c, NETRXF_more_data, 100, 0xa0);
    sg_data(nf, c + 1, 0, 100, 0xa1);
    sg_data(nf, c + 2, 0, 60, 0xa0);
    sg_push(nf, c + 3);
    test_check("rx_sg_not_negotiated",
               sg.delivered == before + 1 && sg.nfrags == 1 && nf->stats.rx_bad_flags == 1 &&
                   sg_all_posted(nf, NF_RX_BUFS),
               "delivered %u (want the one-slot frame), bad flags %lu", sg.delivered - before,
               nf->stats.rx_bad_flags);
    netfront_test_fake_free(nf);
}

void netfront_test_sg(void)
{
    unsigned long pages = free_page_count();
    unsigned int refs = gnttab_free_refs();
    struct netfront *nf = netfront_test_fake(sg_rx, SG_OFFLOADS);

    if (!nf) {
        test_report("rx_gso_frame", TEST_ERROR, "no memory");
        return;
    }
    memset(&sg, 0, sizeof(sg));
    sg_gso_frame(nf);
    sg_bad_frames(nf);
    netfront_test_fake_free(nf);
    sg_not_negotiated();
    for (unsigned int i = 0; i < sg.nkept; i++)
        free_page(sg.kept[i]);
    test_check("rx_sg_released", free_page_count() == pages && gnttab_free_refs() == refs,
               "pages %lu -> %lu, free refs %u -> %u", pages, free_page_count(), refs,
               gnttab_free_refs());
}
