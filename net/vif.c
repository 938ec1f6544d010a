/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One lwIP netif per vif, over netfront's frame API. Received frames are copied into pool
 * pbufs (netfront's buffer goes back to the backend when the callback returns) and handed
 * to lwIP under the core lock in netfront's thread. netfront copies each transmitted frame
 * into a page of its own before netfront_xmitv returns, gathering it from the pbufs of the
 * chain (TCP sends a header pbuf and the data behind it): one copy of the payload on the
 * way out. Only chains of more than VIF_MAX_FRAGS pieces are flattened first.
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

/* The most frames queued behind a full ring per vif (TCP retransmits what is dropped). */
#define VIF_MAX_PENDING 128
/* Pieces gathered straight from a pbuf chain (TCP: headers, then one or a few data pbufs). */
#define VIF_MAX_FRAGS 16

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

/* Keep a copy of frame p for vif_flush: ERR_OK, or ERR_MEM when the queue is full. */
static err_t vif_queue(struct vif *v, struct pbuf *p, unsigned int flags)
{
    struct txbuf *b = v->npending < VIF_MAX_PENDING ? malloc(sizeof(*b)) : NULL;

    if (!b) {
        v->tx_nobuf++;
        return ERR_MEM;
    }
    pbuf_copy_partial(p, b->data, p->tot_len, 0);
    b->len = p->tot_len;
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

/* Called with the core lock held, which also guards the bounce buffer. */
static err_t vif_linkoutput(struct netif *netif, struct pbuf *p)
{
    struct vif *v = netif->state;
    struct netfront_frag frags[VIF_MAX_FRAGS];
    unsigned int flags = 0, n;
    int rc;

    if (p->tot_len < NETFRONT_ETH_HLEN || p->tot_len > NETFRONT_MAX_FRAME)
        return ERR_IF;
    if (v->pending) /* keep the order: behind the ones already waiting */
        vif_flush(v);
    if (v->pending)
        return vif_queue(v, p, flags);
    n = vif_gather(v, p, frags);
    rc = netfront_xmitv(v->nf, frags, n, flags, vif_tx_done, v);
    if (rc == -EAGAIN)
        return vif_queue(v, p, flags);
    return rc ? ERR_IF : ERR_OK;
}

/* In netfront's thread: copy the frame out and run lwIP's input under the core lock. */
static void vif_rx(struct netfront *nf, const void *frame, size_t len, void *arg)
{
    struct vif *v = arg;
    struct pbuf *p;

    /* Frames flow as soon as netfront connects, before the netif is added. */
    if (!v->added)
        return;
    p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
    if (!p) {
        v->rx_nobuf++;
        return;
    }
    pbuf_take(p, frame, (u16_t)len);
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
    return ERR_OK;
}

int vif_open(struct vif *v)
{
    char node[XENBUS_PATH_MAX];

    snprintf(node, sizeof(node), "device/vif/%s", v->id);
    return netfront_open(node, vif_rx, v, SECONDS(10), &v->nf);
}
