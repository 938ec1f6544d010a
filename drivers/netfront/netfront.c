/* SPDX-License-Identifier: BSD-2-Clause */
/* netfront's device lifecycle: connect to a vif backend, the device thread, and close. */
#include <fmt.h>
#include <time.h>
#include "netfront_priv.h"

/* The pure checks use their own copies of the protocol's values: keep them honest. */
BUILD_BUG_ON(NF_PAGE_SIZE != PAGE_SIZE);
BUILD_BUG_ON(NF_RXF_MORE_DATA != NETRXF_more_data);
BUILD_BUG_ON(NF_RXF_EXTRA_INFO != NETRXF_extra_info);
BUILD_BUG_ON(NF_RXF_GSO_PREFIX != NETRXF_gso_prefix);
BUILD_BUG_ON(NF_RXF_CSUM_BLANK != NETRXF_csum_blank || NF_RXF_VALIDATED != NETRXF_data_validated);
BUILD_BUG_ON(NETFRONT_RX_CSUM_BLANK != 1 || NETFRONT_RX_DATA_VALIDATED != 2);
BUILD_BUG_ON(NF_RSP_DROPPED != NETIF_RSP_DROPPED || NF_RSP_ERROR != NETIF_RSP_ERROR);
BUILD_BUG_ON(NF_RSP_OKAY != NETIF_RSP_OKAY || NF_ETH_HLEN != NETFRONT_ETH_HLEN);
BUILD_BUG_ON(NETFRONT_MAX_FRAME > PAGE_SIZE || NF_RX_BUFS > NF_RX_RING_SIZE);
BUILD_BUG_ON(NF_EXTRA_TYPE_GSO != XEN_NETIF_EXTRA_TYPE_GSO);
BUILD_BUG_ON(NF_GSO_TYPE_TCPV4 != XEN_NETIF_GSO_TYPE_TCPV4);
BUILD_BUG_ON(NF_GSO_TYPE_TCPV6 != XEN_NETIF_GSO_TYPE_TCPV6);
BUILD_BUG_ON(NF_RX_MAX_SLOTS != NETFRONT_RX_MAX_FRAGS || NF_RX_MAX_SLOTS < XEN_NETIF_NR_SLOTS_MIN);
BUILD_BUG_ON(NF_RX_MAX_GSO_FRAME != NETFRONT_MAX_GSO_FRAME);
/* A frame of the most slots must fit among the buffers we post, with room to spare. */
BUILD_BUG_ON(NF_RX_BUFS < 2 * NF_RX_MAX_SLOTS);

/* netfront_open's timeout when none is given: it also bounds the close and xmit_sync. */
#define NF_DEFAULT_TIMEOUT SECONDS(30)

/* Event handlers may only wake threads: the device thread does the work. */
static void nf_event(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    struct netfront *nf = data;

    nf->kick = true;
    wake_up(&nf->wq);
}

static int nf_read_mac(struct netfront *nf)
{
    char path[XENBUS_PATH_MAX + 8], buf[24];
    int rc;

    snprintf(path, sizeof(path), "%s/mac", nf->dev.nodename);
    rc = xenbus_read_buf(XBT_NIL, path, buf, sizeof(buf));
    if (rc < 0)
        return rc == -ERANGE ? -EINVAL : rc;
    return nf_parse_mac(buf, nf->mac);
}

/* Grant page to the backend into *ref: 0, or -errno with *ref left NF_NO_REF. */
static int nf_grant_ring(struct netfront *nf, void *page, int *ref)
{
    int rc = gnttab_grant_access(nf->dev.backend_id, virt_to_mfn(page), false);

    /* Only a real reference may reach *ref: the release path ends whatever is there. */
    if (rc < 0)
        return rc;
    *ref = rc;
    return 0;
}

/* Share both ring pages and open the event channel. 0 or -errno (nf_release undoes it). */
static int nf_rings_setup(struct netfront *nf)
{
    netif_tx_sring_t *txs = nf_zeroed_page();
    netif_rx_sring_t *rxs = nf_zeroed_page();
    int rc;

    if (!txs || !rxs) {
        if (txs)
            free_page(txs);
        if (rxs)
            free_page(rxs);
        return -ENOMEM;
    }
    SHARED_RING_INIT(txs);
    FRONT_RING_INIT(&nf->tx, txs, PAGE_SIZE);
    SHARED_RING_INIT(rxs);
    FRONT_RING_INIT(&nf->rx, rxs, PAGE_SIZE);
    rc = nf_grant_ring(nf, txs, &nf->tx_ring_ref);
    if (!rc)
        rc = nf_grant_ring(nf, rxs, &nf->rx_ring_ref);
    if (!rc)
        rc = evtchn_alloc_unbound(nf->dev.backend_id, nf_event, nf, &nf->port);
    nf->port_open = rc == 0;
    return rc;
}

/* Give back everything the backend was given; call only once it has disconnected. */
static void nf_release(struct netfront *nf)
{
    if (nf->port_open)
        evtchn_close(nf->port);
    nf->port_open = false;
    nf_tx_abort(nf, -ENOTCONN);
    nf_tx_free(nf);
    nf_rx_free(nf);
    if (nf->tx.sring && nf_end_grant(nf, nf->tx_ring_ref))
        free_page(nf->tx.sring);
    if (nf->rx.sring && nf_end_grant(nf, nf->rx_ring_ref))
        free_page(nf->rx.sring);
    nf->tx.sring = NULL;
    nf->rx.sring = NULL;
    nf->tx_ring_ref = nf->rx_ring_ref = NF_NO_REF;
}

/* Publish the rings and connect; Linux's netback ignores Initialised, hence "eager". */
static int nf_connect(struct netfront *nf, uint64_t timeout_ns)
{
    /*
     * One queue, copying receive (the only mode current backends offer), and the
     * notification scheme for receive requests that Linux's netback insists on. Checksum
     * offload only when the caller can take frames with blank checksums (IPv4 and v6);
     * otherwise the backend must hand us frames with complete checksums. Scatter-gather
     * and GSO for receive only when the caller takes frames in pieces (netfront_open_rxv).
     * We send one slot per frame, so they change nothing on transmit.
     */
    bool csum = nf->offloads & NETFRONT_OFFLOAD_CSUM;
    unsigned int o = nf->offloads;
    struct xenbus_key keys[] = {
        {"tx-ring-ref", NULL, (unsigned long)nf->tx_ring_ref},
        {"rx-ring-ref", NULL, (unsigned long)nf->rx_ring_ref},
        {"event-channel", NULL, nf->port},
        {"request-rx-copy", NULL, 1},
        {"feature-rx-notify", NULL, 1},
        {"feature-no-csum-offload", NULL, !csum},
        {"feature-ipv6-csum-offload", NULL, csum},
        {"feature-sg", NULL, !!(o & NETFRONT_OFFLOAD_SG)},
        {"feature-gso-tcpv4", NULL, !!(o & NETFRONT_OFFLOAD_GSO4)},
        {"feature-gso-tcpv6", NULL, !!(o & NETFRONT_OFFLOAD_GSO6)},
    };
    return xenbus_frontend_connect_eager(&nf->dev, keys, ARRAY_SIZE(keys), timeout_ns);
}

/* Close handshake then release: pending TX fail, every grant and page comes back. */
static int nf_disconnect(struct netfront *nf)
{
    int rc;

    nf->state = NETFRONT_CLOSING;
    wake_up(&nf->space_wq);
    rc = xenbus_frontend_close(&nf->dev, nf->timeout);
    if (rc)
        printk("netfront: %s: close handshake: %s\n", nf->dev.nodename, strerror_name(-rc));
    nf->close_rc = rc;
    nf_release(nf);
    nf->state = NETFRONT_DETACHED;
    wake_up(&nf->state_wq);
    return rc;
}

static bool nf_thread_wait(struct netfront *nf)
{
    struct waiter w1, w2;
    bool watch_event;

    /* Two queues, one sleep: either one's wake_up makes us runnable. */
    init_waiter(&w1);
    init_waiter(&w2);
    for (;;) {
        prepare_to_wait(&nf->wq, &w1, 0);
        prepare_to_wait(&nf->be_watch.wq, &w2, 0);
        watch_event = !list_empty(&nf->be_watch.events);
        if (nf->kick || nf->stop || watch_event)
            break;
        schedule();
    }
    finish_wait(&nf->wq, &w1);
    finish_wait(&nf->be_watch.wq, &w2);
    return watch_event;
}

static void nf_thread(void *arg)
{
    struct netfront *nf = arg;
    struct netfront_stats *s = &nf->stats;

    for (;;) {
        bool watch_event = nf_thread_wait(nf);

        nf->kick = false;
        nf_poll(nf);
        if (nf->stop)
            break;
        if (watch_event && xenbus_backend_gone(&nf->dev, &nf->be_watch)) {
            printk("netfront: %s: backend is closing\n", nf->dev.nodename);
            break;
        }
    }
    nf_disconnect(nf);
    printk("netfront: %s: detached; rx %lu tx %lu, %lu tx aborted, %lu grants leaked\n",
           nf->dev.nodename, s->rx_packets, s->tx_packets, s->tx_aborted, s->grants_leaked);
}

/* Stop the device thread (it closes the device) and wait for it; idempotent. */
static void nf_stop(struct netfront *nf)
{
    struct thread *t = nf->thread;

    if (!t) {
        wait_event(nf->state_wq, nf->state == NETFRONT_DETACHED);
        return;
    }
    nf->thread = NULL;
    nf->stop = true;
    wake_up(&nf->wq);
    join_thread(t);
}

static void nf_shutdown_hook(unsigned int reason, void *arg)
{
    nf_stop(arg);
}

static struct netfront *nf_alloc(netfront_rx_fn rx, netfront_rxv_fn rxv, void *arg)
{
    struct netfront *nf = calloc(1, sizeof(*nf));

    if (!nf)
        return NULL;
    nf->rx_fn = rx;
    nf->rxv_fn = rxv;
    nf->rx_arg = arg;
    nf->state = NETFRONT_CLOSING;
    nf->tx_ring_ref = nf->rx_ring_ref = NF_NO_REF;
    for (unsigned int i = 0; i < NF_RX_BUFS; i++)
        nf->rx_gref[i] = NF_NO_REF;
    nf_tx_init(nf);
    nf->timeout = NF_DEFAULT_TIMEOUT;
    init_waitqueue_head(&nf->wq);
    init_waitqueue_head(&nf->space_wq);
    init_waitqueue_head(&nf->state_wq);
    return nf;
}

/* Everything up to a running device thread; on failure the caller releases and frees. */
static int nf_bring_up(struct netfront *nf, const char *nodename, uint64_t timeout_ns)
{
    char path[XENBUS_PATH_MAX + 8];
    int rc = xenbus_frontend_start(&nf->dev, nodename, timeout_ns);

    if (!rc)
        rc = nf_read_mac(nf);
    if (!rc)
        rc = nf_rings_setup(nf);
    if (!rc)
        rc = nf_rx_setup(nf);
    if (rc)
        return rc;
    /* Buffers go on the ring before connecting: frames can arrive at once. */
    nf->state = NETFRONT_CONNECTED;
    nf_poll(nf);
    nf->state = NETFRONT_CLOSING;
    rc = nf_connect(nf, timeout_ns);
    if (rc) {
        xenbus_frontend_close(&nf->dev, nf->timeout);
        return rc;
    }
    snprintf(path, sizeof(path), "%s/state", nf->dev.backend);
    rc = xenbus_watch_add(&nf->be_watch, path);
    if (rc)
        return rc;
    nf->watching = true;
    nf->state = NETFRONT_CONNECTED;
    snprintf(nf->thread_name, sizeof(nf->thread_name), "netfront-%s", strrchr(nodename, '/') + 1);
    nf->thread = create_thread(nf->thread_name, nf_thread, nf);
    return nf->thread ? 0 : -ENOMEM;
}

int netfront_open(const char *nodename, netfront_rx_fn rx, void *arg, uint64_t timeout_ns,
                  struct netfront **out)
{
    return netfront_open_offload(nodename, rx, arg, timeout_ns, 0, out);
}

/* Whether offloads can go together: GSO frames come in pieces and with blank checksums. */
static bool nf_offloads_valid(unsigned int o, bool rxv)
{
    unsigned int gso = NETFRONT_OFFLOAD_GSO4 | NETFRONT_OFFLOAD_GSO6;

    if (o & ~(NETFRONT_OFFLOAD_CSUM | NETFRONT_OFFLOAD_SG | gso))
        return false;
    if ((o & NETFRONT_OFFLOAD_SG) && !rxv)
        return false;
    return !(o & gso) || ((o & NETFRONT_OFFLOAD_SG) && (o & NETFRONT_OFFLOAD_CSUM));
}

unsigned int nf_rx_allow(unsigned int o)
{
    return (o & NETFRONT_OFFLOAD_SG ? NF_ALLOW_SG : 0) |
           (o & NETFRONT_OFFLOAD_GSO4 ? NF_ALLOW_GSO4 : 0) |
           (o & NETFRONT_OFFLOAD_GSO6 ? NF_ALLOW_GSO6 : 0);
}

static int nf_open(const char *nodename, netfront_rx_fn rx, netfront_rxv_fn rxv, void *arg,
                   uint64_t timeout_ns, unsigned int offloads, struct netfront **out)
{
    struct netfront *nf;
    int rc;

    if (!strrchr(nodename, '/') || !nf_offloads_valid(offloads, rxv != NULL))
        return -EINVAL;
    nf = nf_alloc(rx, rxv, arg);
    if (!nf)
        return -ENOMEM;
    nf->offloads = offloads;
    nf->rx_allow = nf_rx_allow(offloads);
    if (timeout_ns)
        nf->timeout = timeout_ns;
    rc = nf_bring_up(nf, nodename, nf->timeout);
    if (rc) {
        if (nf->state == NETFRONT_CONNECTED)
            nf_disconnect(nf);
        else
            nf_release(nf);
        if (nf->watching)
            xenbus_watch_remove(&nf->be_watch);
        free(nf);
        return rc;
    }
    nf->hook.fn = nf_shutdown_hook;
    nf->hook.arg = nf;
    shutdown_hook_register(&nf->hook);
    *out = nf;
    return 0;
}

int netfront_open_offload(const char *nodename, netfront_rx_fn rx, void *arg, uint64_t timeout_ns,
                          unsigned int offloads, struct netfront **out)
{
    return nf_open(nodename, rx, NULL, arg, timeout_ns, offloads, out);
}

int netfront_open_rxv(const char *nodename, netfront_rxv_fn rx, void *arg, uint64_t timeout_ns,
                      unsigned int offloads, struct netfront **out)
{
    if (!rx)
        return -EINVAL;
    return nf_open(nodename, NULL, rx, arg, timeout_ns, offloads, out);
}

int netfront_close(struct netfront *nf)
{
    int rc;

    nf_stop(nf);
    rc = nf->close_rc;
    shutdown_hook_unregister(&nf->hook);
    if (nf->watching)
        xenbus_watch_remove(&nf->be_watch);
    free(nf);
    return rc;
}

void netfront_mac(const struct netfront *nf, uint8_t mac[NETFRONT_ETH_ALEN])
{
    memcpy(mac, nf->mac, NETFRONT_ETH_ALEN);
}

const char *netfront_nodename(const struct netfront *nf)
{
    return nf->dev.nodename;
}

unsigned int netfront_rx_flags(const struct netfront *nf)
{
    return nf->rx_flags;
}

enum netfront_state netfront_state(const struct netfront *nf)
{
    return nf->state;
}

void netfront_stats(const struct netfront *nf, struct netfront_stats *st)
{
    *st = nf->stats;
}

int netfront_wait_detached(struct netfront *nf, uint64_t deadline)
{
    if (!deadline) {
        wait_event(nf->state_wq, nf->state == NETFRONT_DETACHED);
        return 0;
    }
    return wait_event_deadline(nf->state_wq, nf->state == NETFRONT_DETACHED, deadline);
}
