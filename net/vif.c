/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One lwIP netif per vif, over netfront's frame API. Received frames that fit one pool
 * pbuf are copied into it (netfront's buffer goes back to the backend when the callback
 * returns); larger ones (scatter-gather, GSO: TCP segments of up to 64 KiB that dom0 never
 * cut to the MTU) are lent to lwIP without a copy, one custom pbuf per receive page, each
 * page freed with its pbuf (netfront posts a fresh zeroed page). Either way the frame goes
 * to lwIP under the core lock in netfront's thread. netfront copies each transmitted frame
 * into a page of its own before netfront_xmitv returns, gathering it from the pbufs of the
 * chain (TCP sends a header pbuf and the data behind it): one copy of the payload on the
 * way out. Only chains of more than VIF_MAX_FRAGS pieces are flattened first.
 *
 * Checksum offload (when the backend takes it): lwIP leaves TCP checksums out, we put the
 * pseudo-header sum in their place and netback completes them (NETTXF_csum_blank); a
 * received frame the backend marks blank or validated skips lwIP's TCP/UDP checks. UDP
 * keeps software checksums on the way out: a fragmented datagram could not be completed
 * by the backend, which sees each fragment alone.
 *
 * Transmit never waits for ring space: it runs with lwIP's core lock held, and netfront's
 * thread, which frees the space, may itself be waiting for that lock to deliver a frame.
 * Frames that find the ring full are copied into a queue that completions drain.
 */
#include <kernel.h>
#include <errno.h>
#include <fmt.h>
#include <mm.h>
#include <string.h>
#include <xenbus.h>
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/tcpip.h"
#include "net_priv.h"
#include "tx_csum.h"

/* The most frames queued behind a full ring per vif (TCP retransmits what is dropped). */
#define VIF_MAX_PENDING 128
/* lwIP's checksum work with offload: TCP sums left to the backend, and on trusted frames. */
#define VIF_CSUM_OFFLOAD (NETIF_CHECKSUM_ENABLE_ALL & ~NETIF_CHECKSUM_GEN_TCP)
#define VIF_CSUM_RX_TRUSTED \
    (VIF_CSUM_OFFLOAD & ~(NETIF_CHECKSUM_CHECK_TCP | NETIF_CHECKSUM_CHECK_UDP))
/* Pieces gathered straight from a pbuf chain (TCP: headers, then one or a few data pbufs). */
#define VIF_MAX_FRAGS 16
/* What netfront may hand us: pieces, checksum offload and large TCP segments (v4 and v6). */
#define VIF_OFFLOADS \
    (NETFRONT_OFFLOAD_CSUM | NETFRONT_OFFLOAD_SG | NETFRONT_OFFLOAD_GSO4 | NETFRONT_OFFLOAD_GSO6)
/* At most this share of all memory (1/N) lent to lwIP as receive pages; beyond it, copy. */
#define VIF_LEND_SHARE 8

/* A receive page lent to lwIP: pc first, lwIP hands its pointer back to the free function. */
struct vif_rxpage {
    struct pbuf_custom pc;
    void *page;
};

/* Pages lent by all vifs: lwIP may free them in any thread, and no vif need outlive them. */
static unsigned long vif_pages_lent;

struct txbuf {
    struct txbuf *next;
    size_t len;
    unsigned int flags; /* NETFRONT_TX_* */
    uint8_t data[NETFRONT_MAX_FRAME];
};

static void vif_tx_done(struct netfront *nf, int status, void *arg);

/* Send queued frames until the ring is full again. Thread context, no yield inside. */
static void vif_flush(struct vif *v)
{
    while (v->pending) {
        struct txbuf *b = v->pending;
        struct netfront_frag f = {b->data, b->len};

        if (netfront_xmitv(v->nf, &f, 1, b->flags, vif_tx_done, v) == -EAGAIN)
            return;
        v->pending = b->next;
        if (!v->pending)
            v->pending_tail = NULL;
        v->npending--;
        free(b);
    }
}

/* In netfront's thread: a slot is free again. */
static void vif_tx_done(struct netfront *nf, int status, void *arg)
{
    vif_flush(arg);
}

/* Keep a copy of the frame in frags for vif_flush: ERR_OK, or ERR_MEM when the queue is full. */
static err_t vif_queue(struct vif *v, const struct netfront_frag *frags, unsigned int n, size_t len,
                       unsigned int flags)
{
    size_t at = 0;
    struct txbuf *b = v->npending < VIF_MAX_PENDING ? malloc(sizeof(*b)) : NULL;

    if (!b) {
        v->tx_nobuf++;
        return ERR_MEM;
    }
    for (unsigned int i = 0; i < n; at += frags[i++].len)
        memcpy(b->data + at, frags[i].data, frags[i].len);
    b->len = len;
    b->flags = flags;
    b->next = NULL;
    if (v->pending_tail)
        v->pending_tail->next = b;
    else
        v->pending = b;
    v->pending_tail = b;
    v->npending++;
    return ERR_OK;
}

/* The pieces of p into frags (at most VIF_MAX_FRAGS, else flattened into the bounce buffer). */
static unsigned int vif_gather(struct vif *v, struct pbuf *p, struct netfront_frag *frags)
{
    unsigned int n = 0;

    for (struct pbuf *q = p; q; q = q->next) {
        if (n == VIF_MAX_FRAGS) {
            pbuf_copy_partial(p, v->bounce, p->tot_len, 0);
            frags[0].data = v->bounce;
            frags[0].len = p->tot_len;
            return 1;
        }
        if (q->len)
            frags[n++] = (struct netfront_frag){q->payload, q->len};
    }
    return n;
}

/*
 * With offload, lwIP left the TCP checksum out: seed it for the backend (NETFRONT_TX_* flags
 * for the frame), or, for a frame whose headers are split oddly, flatten it into the
 * bounce buffer and compute the sum here (frags then describe the bounce buffer).
 */
static unsigned int vif_tx_csum(struct vif *v, struct pbuf *p, struct netfront_frag *frags,
                                unsigned int *n)
{
    if (!v->csum_offload)
        return 0;
    switch (tx_csum_seed(p->payload, p->len, p->tot_len)) {
    case TX_CSUM_SEEDED:
        return NETFRONT_TX_CSUM_BLANK;
    case TX_CSUM_FULL:
        pbuf_copy_partial(p, v->bounce, p->tot_len, 0);
        tx_csum_fill(v->bounce, p->tot_len);
        frags[0] = (struct netfront_frag){v->bounce, p->tot_len};
        *n = 1;
        return 0;
    default:
        return 0;
    }
}

/* Called with the core lock held, which also guards the bounce buffer. */
static err_t vif_linkoutput(struct netif *netif, struct pbuf *p)
{
    struct vif *v = netif->state;
    struct netfront_frag frags[VIF_MAX_FRAGS];
    unsigned int flags, n;
    int rc;

    if (p->tot_len < NETFRONT_ETH_HLEN || p->tot_len > NETFRONT_MAX_FRAME)
        return ERR_IF;
    n = vif_gather(v, p, frags);
    flags = vif_tx_csum(v, p, frags, &n);
    if (v->pending) /* keep the order: behind the ones already waiting */
        vif_flush(v);
    rc = v->pending ? -EAGAIN : netfront_xmitv(v->nf, frags, n, flags, vif_tx_done, v);
    if (rc == -EAGAIN)
        return vif_queue(v, frags, n, p->tot_len, flags);
    return rc ? ERR_IF : ERR_OK;
}

/* lwIP is done with a lent receive page (any thread; no yield, so no lock is needed). */
static void vif_rxpage_free(struct pbuf *p)
{
    struct vif_rxpage *rp = (struct vif_rxpage *)p;

    free_page(rp->page);
    free(rp);
    vif_pages_lent--;
}

/* f as a chain of pbufs over its own pages, which lwIP then owns; NULL (nothing taken). */
static struct pbuf *vif_rx_lend(struct netfront_rx_frame *f)
{
    struct vif_rxpage *rp[NETFRONT_RX_MAX_FRAGS];
    struct pbuf *head = NULL;
    unsigned int n = 0;

    if (vif_pages_lent + f->nfrags > total_page_count() / VIF_LEND_SHARE)
        return NULL;
    /* Every allocation first: past this loop nothing can fail half-way through. */
    for (; n < f->nfrags; n++) {
        rp[n] = malloc(sizeof(*rp[n]));
        if (!rp[n]) {
            while (n--)
                free(rp[n]);
            return NULL;
        }
    }
    for (unsigned int i = 0; i < n; i++) {
        u16_t len = (u16_t)f->frag[i].len;
        struct pbuf *q;

        rp[i]->pc.custom_free_function = vif_rxpage_free;
        rp[i]->page = f->frag[i].page;
        q = pbuf_alloced_custom(PBUF_RAW, len, PBUF_REF, &rp[i]->pc, (void *)f->frag[i].data, len);
        f->frag[i].page = NULL; /* ours now: netfront posts a fresh page in its place */
        vif_pages_lent++;
        if (head)
            pbuf_cat(head, q);
        else
            head = q;
    }
    return head;
}

/* f copied into pool pbufs (one for a frame up to PBUF_POOL_BUFSIZE), or NULL. */
static struct pbuf *vif_rx_copy(const struct netfront_rx_frame *f)
{
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)f->len, PBUF_POOL);
    u16_t at = 0;

    for (unsigned int i = 0; p && i < f->nfrags; at += (u16_t)f->frag[i++].len)
        pbuf_take_at(p, f->frag[i].data, (u16_t)f->frag[i].len, at);
    return p;
}

/* In netfront's thread: hand the frame to lwIP's input under the core lock. */
static void vif_rx(struct netfront *nf, struct netfront_rx_frame *f, void *arg)
{
    struct vif *v = arg;
    struct pbuf *p = NULL;

    /* Frames flow as soon as netfront connects, before the netif is added. */
    if (!v->added)
        return;
    /*
     * The backend vouches for this frame's TCP/UDP checksum (it checked it, or the frame
     * comes from dom0's own stack and never had one): lwIP need not check. lwIP takes
     * the frame in this call (core-locked input), so the setting is for this frame only.
     */
    if (v->csum_offload)
        NETIF_SET_CHECKSUM_CTRL(&v->netif, f->flags ? VIF_CSUM_RX_TRUSTED : VIF_CSUM_OFFLOAD);
    /* A small frame costs less to copy than a page to replace, if the pool has room. */
    if (f->len > PBUF_POOL_BUFSIZE)
        p = vif_rx_lend(f);
    if (!p)
        p = vif_rx_copy(f);
    if (!p && f->len <= PBUF_POOL_BUFSIZE)
        p = vif_rx_lend(f);
    if (!p) {
        v->rx_nobuf++;
        return;
    }
    if (v->netif.input(p, &v->netif) != ERR_OK)
        pbuf_free(p);
}

err_t vif_netif_init(struct netif *netif)
{
    struct vif *v = netif->state;

    netif->name[0] = 'e';
    netif->name[1] = 'n';
    netif->output = etharp_output;
    netif->output_ip6 = ethip6_output;
    netif->linkoutput = vif_linkoutput;
    netif->mtu = 1500;
    netif->hwaddr_len = ETH_HWADDR_LEN;
    netfront_mac(v->nf, netif->hwaddr);
    netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_MLD6;
    NETIF_SET_CHECKSUM_CTRL(netif, v->csum_offload ? VIF_CSUM_OFFLOAD : NETIF_CHECKSUM_ENABLE_ALL);
    return ERR_OK;
}

int vif_open(struct vif *v)
{
    char node[XENBUS_PATH_MAX];
    int rc;

    snprintf(node, sizeof(node), "device/vif/%s", v->id);
    rc = netfront_open_rxv(node, vif_rx, v, SECONDS(10), VIF_OFFLOADS, &v->nf);
    v->csum_offload = rc == 0;
    return rc;
}
