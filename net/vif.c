/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One lwIP netif per vif, over netfront's frame API. Received frames are copied into pool
 * pbufs (netfront's buffer goes back to the backend when the callback returns) and handed
 * to lwIP under the core lock in netfront's thread. Transmitted frames are flattened into
 * a buffer netfront reads in place until its completion, so lwIP may reuse its pbufs at
 * once (TCP rewrites headers of segments it retransmits).
 *
 * Transmit never waits for ring space: it runs with lwIP's core lock held, and netfront's
 * thread, which frees the space, may itself be waiting for that lock to deliver a frame.
 * Frames that find the ring full wait in a per-vif queue that completions drain.
 */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <fmt.h>
#include <string.h>
#include <xenbus.h>
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/tcpip.h"
#include "net_priv.h"

/* Buffers kept for reuse, and the most frames queued behind a full ring per vif. */
#define TXBUF_CACHE     64
#define VIF_MAX_PENDING 128

struct txbuf {
    struct txbuf *next;
    struct vif *vif;
    size_t len;
    uint8_t data[NETFRONT_MAX_FRAME];
};

/* No lock: only threads touch the cache, and nothing here yields (cooperative kernel). */
static struct txbuf *txbuf_cache;
static unsigned int txbuf_cached;

static struct txbuf *txbuf_get(void)
{
    struct txbuf *b = txbuf_cache;

    if (!b)
        return malloc(sizeof(*b));
    txbuf_cache = b->next;
    txbuf_cached--;
    return b;
}

static void txbuf_put(struct txbuf *b)
{
    if (txbuf_cached >= TXBUF_CACHE) {
        free(b);
        return;
    }
    b->next = txbuf_cache;
    txbuf_cache = b;
    txbuf_cached++;
}

static void vif_tx_done(struct netfront *nf, int status, void *arg);

/* Hand b to netfront: 0 (sent or queued for later), or -errno when b was dropped. */
static int vif_submit(struct vif *v, struct txbuf *b)
{
    int rc = netfront_xmit(v->nf, b->data, b->len, vif_tx_done, b);

    if (rc != -EAGAIN) {
        if (rc)
            txbuf_put(b);
        return rc;
    }
    if (v->npending >= VIF_MAX_PENDING) {
        v->tx_nobuf++;
        txbuf_put(b);
        return -ENOBUFS;
    }
    b->next = NULL;
    if (v->pending_tail)
        v->pending_tail->next = b;
    else
        v->pending = b;
    v->pending_tail = b;
    v->npending++;
    return 0;
}

/* Send queued frames until the ring is full again (one may go back to the queue's head). */
static void vif_flush(struct vif *v)
{
    while (v->pending) {
        struct txbuf *b = v->pending;
        int rc = netfront_xmit(v->nf, b->data, b->len, vif_tx_done, b);

        if (rc == -EAGAIN)
            return;
        v->pending = b->next;
        if (!v->pending)
            v->pending_tail = NULL;
        v->npending--;
        if (rc)
            txbuf_put(b);
    }
}

/* In netfront's thread: the buffer is free again, and the ring has room. */
static void vif_tx_done(struct netfront *nf, int status, void *arg)
{
    struct txbuf *b = arg;
    struct vif *v = b->vif;

    txbuf_put(b);
    vif_flush(v);
}

static err_t vif_linkoutput(struct netif *netif, struct pbuf *p)
{
    struct vif *v = netif->state;
    struct txbuf *b;

    if (p->tot_len < NETFRONT_ETH_HLEN || p->tot_len > NETFRONT_MAX_FRAME)
        return ERR_IF;
    b = txbuf_get();
    if (!b) {
        v->tx_nobuf++;
        return ERR_MEM;
    }
    b->vif = v;
    b->len = pbuf_copy_partial(p, b->data, p->tot_len, 0);
    if (v->pending) { /* keep the order: behind the ones already waiting */
        vif_flush(v);
        if (v->pending)
            return vif_submit(v, b) ? ERR_MEM : ERR_OK;
    }
    return vif_submit(v, b) ? ERR_IF : ERR_OK;
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
