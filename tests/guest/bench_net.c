/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Network workloads of the bench suite on device/vif/0, raw Ethernet (no IP stack): frames
 * of 64, 512 and 1514 bytes sent to the broadcast address as fast as the ring allows, then
 * counted while dom0 sends broadcast UDP frames of that size, and ARP replies (we are
 * 10.0.0.2) while dom0 arpings us for the RTT.
 */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <netfront.h>
#include <string.h>
#include <time.h>
#include <wait.h>
#include "bench.h"

#define TX_INFLIGHT   128
#define RX_FIRST_WAIT SECONDS(20)

static const uint8_t our_ip[4] = {10, 0, 0, 2};
static const size_t sizes[] = {64, 512, 1514};

struct net {
    struct netfront *nf;
    uint8_t mac[NETFRONT_ETH_ALEN];
    size_t rx_len; /* frames of this length are counted; 0: none */
    uint64_t rx_frames, tx_done, tx_errors;
    unsigned int tx_inflight;
    bool arp_busy;
    uint8_t *arp; /* the reply frame, one in flight at a time */
    struct wait_queue_head wq;
};

static void arp_sent(struct netfront *nf, int status, void *arg)
{
    ((struct net *)arg)->arp_busy = false;
}

/* Answer "who-has 10.0.0.2" (from the device thread: netfront_xmit does not wait). */
static void answer_arp(struct net *n, const uint8_t *f)
{
    uint8_t *r = n->arp;

    if (n->arp_busy)
        return;
    memset(r, 0, 60);
    memcpy(r, f + 6, 6);
    memcpy(r + 6, n->mac, 6);
    memcpy(r + 12, f + 12, 8); /* type, htype, ptype, hlen, plen */
    r[21] = 2;                 /* reply */
    memcpy(r + 22, n->mac, 6);
    memcpy(r + 28, our_ip, 4);
    memcpy(r + 32, f + 22, 10); /* the asker's MAC and IP */
    n->arp_busy = netfront_xmit(n->nf, r, 60, arp_sent, n) == 0;
}

static void net_rx(struct netfront *nf, const void *frame, size_t len, void *arg)
{
    struct net *n = arg;
    const uint8_t *f = frame;

    if (len == n->rx_len && n->rx_frames++ == 0)
        wake_up(&n->wq);
    if (len >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[21] == 1 && !memcmp(f + 38, our_ip, 4))
        answer_arp(n, f);
}

static void tx_done(struct netfront *nf, int status, void *arg)
{
    struct net *n = arg;

    if (status)
        n->tx_errors++;
    else
        n->tx_done++;
    n->tx_inflight--;
    wake_up(&n->wq);
}

static void run_tx(struct net *n, size_t len, const uint8_t *frame)
{
    char key[32];
    uint64_t t0, deadline, ns;

    snprintf(key, sizeof(key), "net.tx.%zu", len);
    n->tx_done = n->tx_errors = 0;
    bench_mark("start", key);
    t0 = NOW();
    deadline = t0 + bench_ns;
    while (NOW() < deadline) {
        int rc =
            n->tx_inflight < TX_INFLIGHT ? netfront_xmit(n->nf, frame, len, tx_done, n) : -EAGAIN;

        if (rc == 0)
            n->tx_inflight++;
        else if (rc == -EAGAIN && n->tx_inflight)
            wait_event(n->wq, n->tx_inflight < TX_INFLIGHT / 2);
        else if (rc)
            break;
    }
    wait_event(n->wq, n->tx_inflight == 0);
    ns = NOW() - t0;
    bench_mark("end", key);
    bench_report(key, n->tx_done * len, n->tx_done, ns);
}

/*
 * Frames of len bytes counted for bench_ns. dom0 starts its generator at the start mark, but
 * a process start in an emulated dom0 may take seconds: the clock starts at the first frame
 * of that size (waited for up to RX_FIRST_WAIT), so a late generator costs no figure.
 */
static void run_rx(struct net *n, size_t len)
{
    char key[32];
    uint64_t t0, ns, frames = 0;

    snprintf(key, sizeof(key), "net.rx.%zu", len);
    n->rx_frames = 0;
    n->rx_len = len;
    bench_mark("start", key); /* dom0 starts sending */
    t0 = NOW();
    if (wait_event_deadline(n->wq, n->rx_frames > 0, t0 + RX_FIRST_WAIT) == 0) {
        uint64_t first = n->rx_frames;

        t0 = NOW();
        msleep((uint32_t)(bench_ns / NSEC_PER_MSEC));
        frames = n->rx_frames - first;
    } else {
        printk("bench: %s: no frame of %zu bytes from dom0\n", key, len);
    }
    n->rx_len = 0;
    ns = NOW() - t0;
    bench_mark("end", key);
    bench_report(key, frames * len, frames, ns);
}

bool bench_net(void)
{
    struct net *n = calloc(1, sizeof(*n));
    uint8_t *frame = alloc_pages(0);
    int rc;

    if (!n || !frame || !(n->arp = malloc(64)))
        return false;
    init_waitqueue_head(&n->wq);
    rc = netfront_open("device/vif/0", net_rx, n, SECONDS(30), &n->nf);
    if (rc) {
        printk("bench: device/vif/0: open failed: %d\n", rc);
        return false;
    }
    netfront_mac(n->nf, n->mac);
    memset(frame, 0, PAGE_SIZE);
    memset(frame, 0xff, NETFRONT_ETH_ALEN);
    memcpy(frame + 6, n->mac, NETFRONT_ETH_ALEN);
    frame[12] = 0x88;
    frame[13] = 0xb5; /* local experimental EtherType: dom0 drops it */
    for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
        run_tx(n, sizes[i], frame);
    for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
        run_rx(n, sizes[i]);
    bench_mark("start", "net.ping"); /* dom0 arpings 10.0.0.2 before it answers */
    bench_mark("end", "net.ping");
    netfront_close(n->nf);
    free_pages(frame, 0);
    free(n->arp);
    free(n);
    return true;
}
