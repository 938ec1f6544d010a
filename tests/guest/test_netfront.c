/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netfront against a real netback on dom0's xenbr0 (10.0.0.1): frames from dom0 (its
 * arping), ARP requests of ours that dom0 answers, two vifs, and hot-unplug / plug. The
 * dom0 script and the guest meet in data/: dom0 writes dom0-mac and, once we wrote
 * net-sent, dom0-rx-N (its vifD.N rx_packets, i.e. frames it got from us).
 */
#include <kernel.h>
#include <fmt.h>
#include <gnttab.h>
#include <mm.h>
#include <netfront.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>
#include "test.h"
#include "test_netfront.h"

#define OPEN_TIMEOUT SECONDS(20)

struct nic {
    struct netfront *nf;
    const char *name; /* for test names */
    uint8_t mac[NETFRONT_ETH_ALEN];
    unsigned long frames, from_dom0, arp_replies;
};

static uint8_t dom0_mac[NETFRONT_ETH_ALEN];
static bool have_dom0_mac;

static void nic_rx(struct netfront *nf, const void *frame, size_t len, void *arg)
{
    struct nic *n = arg;
    const uint8_t *f = frame;

    /* The first few frames in the log, to see who talks when a check fails. */
    if (n->frames++ < 3)
        printk("%s: rx %zu bytes from %02x:%02x:%02x:%02x:%02x:%02x type %02x%02x\n", n->name, len,
               f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13]);
    if (!have_dom0_mac || memcmp(f + 6, dom0_mac, NETFRONT_ETH_ALEN) != 0)
        return;
    n->from_dom0++;
    /* An ARP reply (opcode 2) addressed to us: dom0 answered our request. */
    if (len >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[21] == 2 &&
        memcmp(f, n->mac, NETFRONT_ETH_ALEN) == 0)
        n->arp_replies++;
}

/* Poll data/key until it exists or the deadline: its length, or -errno. */
static int wait_key(const char *key, char *buf, size_t size, uint64_t timeout)
{
    uint64_t deadline = NOW() + timeout;
    char path[64];
    int rc;

    snprintf(path, sizeof(path), "data/%s", key);
    while ((rc = xenbus_read_buf(XBT_NIL, path, buf, size)) == -ENOENT && NOW() < deadline)
        msleep(200);
    return rc;
}

static bool get_dom0_mac(void)
{
    char buf[24];
    int rc = wait_key("dom0-mac", buf, sizeof(buf), SECONDS(60));
    const char *p = buf;

    if (rc < 0)
        return false;
    for (int i = 0; i < NETFRONT_ETH_ALEN; i++, p += 3)
        dom0_mac[i] = (uint8_t)strtoul(p, NULL, 16);
    have_dom0_mac = true;
    printk("dom0 MAC (xenbr0): %s\n", buf);
    return true;
}

static bool nic_open(struct nic *n, const char *node, const char *name)
{
    int rc = netfront_open(node, nic_rx, n, OPEN_TIMEOUT, &n->nf);

    n->name = name;
    if (!test_check(name, rc == 0, "open %s: rc %d", node, rc))
        return false;
    netfront_mac(n->nf, n->mac);
    printk("%s: %s MAC %02x:%02x:%02x:%02x:%02x:%02x\n", name, node, n->mac[0], n->mac[1],
           n->mac[2], n->mac[3], n->mac[4], n->mac[5]);
    return true;
}

/* "who-has 10.0.0.1 tell 10.0.0.<last>" from n, padded to the 60-byte minimum. */
static void make_arp(const struct nic *n, uint8_t *f, uint8_t last)
{
    static const uint8_t hdr[] = {0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1};
    static const uint8_t dom0_ip[] = {10, 0, 0, 1};

    memset(f, 0, 60);
    memset(f, 0xff, NETFRONT_ETH_ALEN);
    memcpy(f + 6, n->mac, NETFRONT_ETH_ALEN);
    memcpy(f + 12, hdr, sizeof(hdr));
    memcpy(f + 22, n->mac, NETFRONT_ETH_ALEN);
    f[28] = 10;
    f[31] = last;
    memcpy(f + 38, dom0_ip, sizeof(dom0_ip));
}

/* Send ARP requests once a second until dom0 answered and sent a few frames. */
static unsigned int exchange(struct nic *n, uint8_t ip_last, unsigned int seconds)
{
    uint8_t *f = malloc(60);
    unsigned int sent = 0;
    int rc = 0;

    make_arp(n, f, ip_last);
    for (unsigned int s = 0; s < seconds && !(n->arp_replies && n->from_dom0 >= 3); s++) {
        rc = netfront_xmit_sync(n->nf, f, 60);
        if (rc)
            break;
        sent++;
        msleep(1000);
    }
    free(f);
    test_check("tx_sync", rc == 0 && sent > 0, "%s: %u sent, rc %d", n->name, sent, rc);
    test_check("rx_from_dom0", n->from_dom0 > 0, "%s: %lu of %lu frames from dom0", n->name,
               n->from_dom0, n->frames);
    test_check("arp_reply", n->arp_replies > 0, "%s: %lu ARP replies", n->name, n->arp_replies);
    return sent;
}

/* dom0's count of frames from our vif devid (after we wrote data/net-sent). */
static void check_dom0_rx(const char *devid, unsigned int sent)
{
    char key[32], buf[24];
    int rc;

    snprintf(key, sizeof(key), "dom0-rx-%s", devid);
    rc = wait_key(key, buf, sizeof(buf), SECONDS(30));
    test_check("dom0_saw_tx", rc > 0 && strtoul(buf, NULL, 10) >= sent,
               "vif %s: dom0 rx_packets '%s' (rc %d), backend sent %u", devid, rc > 0 ? buf : "",
               rc, sent);
}

/* Frames the backend confirmed sending for n: what dom0 must have counted at least. */
static unsigned int tx_done(struct nic *n)
{
    struct netfront_stats s;

    netfront_stats(n->nf, &s);
    return (unsigned int)s.tx_packets;
}

static void check_clean_stats(struct nic *n)
{
    struct netfront_stats s;

    netfront_stats(n->nf, &s);
    test_check("no_bad_responses",
               !s.rx_bad_id && !s.rx_not_posted && !s.rx_error && !s.rx_short && !s.rx_oversize &&
                   !s.rx_bad_flags && !s.tx_bad_id && !s.tx_errors && !s.ring_errors,
               "%s: rx %lu tx %lu; bad: id %lu/%lu err %lu short %lu big %lu flags %lu "
               "txerr %lu ring %lu",
               n->name, s.rx_packets, s.tx_packets, s.rx_bad_id, s.tx_bad_id, s.rx_error,
               s.rx_short, s.rx_oversize, s.rx_bad_flags, s.tx_errors, s.ring_errors);
}

static unsigned int async_done, async_failed;

static void count_done(struct netfront *nf, int status, void *arg)
{
    async_done++;
    async_failed += status != 0;
}

/* Argument checks, a frame split over two pages, and a burst of async sends. */
static void transmit_paths(struct nic *n)
{
    uint8_t *pages = alloc_pages(1), *f = malloc(60);
    int rc, queued = 0;

    make_arp(n, f, 2);
    netfront_test_tx_isolation(n->nf, f, 60);
    rc = netfront_xmit(n->nf, f, 0, NULL, NULL);
    test_check("tx_zero_len", rc == -EINVAL, "rc %d", rc);
    rc = netfront_xmit(n->nf, f, NETFRONT_MAX_FRAME + 1, NULL, NULL);
    test_check("tx_oversize", rc == -EINVAL, "rc %d", rc);
    memcpy(pages + PAGE_SIZE - 20, f, 60);
    rc = netfront_xmit_sync(n->nf, pages + PAGE_SIZE - 20, 60);
    test_check("tx_two_slots", rc == 0, "rc %d", rc);
    async_done = async_failed = 0;
    for (int i = 0; i < 16; i++)
        queued += netfront_xmit(n->nf, f, 60, count_done, NULL) == 0;
    for (int i = 0; i < 50 && async_done < (unsigned int)queued; i++)
        msleep(100);
    test_check("tx_async_burst", queued == 16 && async_done == 16 && !async_failed,
               "%d queued, %u done, %u failed", queued, async_done, async_failed);
    free(f);
    free_pages(pages, 1);
}

static void close_nic(struct nic *n)
{
    int rc = netfront_close(n->nf);

    test_check("close", rc == 0, "%s: rc %d", n->name, rc);
    n->nf = NULL;
}

void suite_netfront(void)
{
    static struct nic n;
    unsigned int free_refs = gnttab_free_refs(), sent;

    netfront_test_setup_errors("device/vif/0");
    if (!nic_open(&n, "device/vif/0", "open_vif0"))
        return;
    test_check("mac", n.mac[0] == 0x00 && n.mac[1] == 0x16 && n.mac[2] == 0x3e && n.mac[5] == 0x01,
               "want 00:16:3e:..:..:01 from the config");
    if (!test_check("dom0_mac", get_dom0_mac(), "data/dom0-mac from the dom0 script"))
        return;
    exchange(&n, 2, 30);
    transmit_paths(&n);
    sent = tx_done(&n);
    xenbus_printf(XBT_NIL, "data", "net-sent", "%u", sent);
    check_dom0_rx("0", sent);
    check_clean_stats(&n);
    close_nic(&n);
    test_check("grants_returned", gnttab_free_refs() == free_refs, "free refs %u, before %u",
               gnttab_free_refs(), free_refs);
}

void suite_netfront_two(void)
{
    static struct nic a, b;
    unsigned int sa, sb;

    if (!nic_open(&a, "device/vif/0", "open_vif0") || !nic_open(&b, "device/vif/1", "open_vif1"))
        return;
    test_check("macs_differ", memcmp(a.mac, b.mac, NETFRONT_ETH_ALEN) != 0, "same MAC");
    if (!test_check("dom0_mac", get_dom0_mac(), "data/dom0-mac from the dom0 script"))
        return;
    exchange(&a, 2, 30);
    exchange(&b, 3, 30);
    sa = tx_done(&a);
    sb = tx_done(&b);
    xenbus_printf(XBT_NIL, "data", "net-sent", "%u", sa + sb);
    check_dom0_rx("0", sa);
    check_dom0_rx("1", sb);
    check_clean_stats(&a);
    check_clean_stats(&b);
    close_nic(&a);
    close_nic(&b);
}

/* The vif whose MAC ends in last, once it appears (up to 60 s): its node, or false. */
static bool find_new_vif(uint8_t last, char *node, size_t size)
{
    uint64_t deadline = NOW() + SECONDS(60);
    char want[4];

    snprintf(want, sizeof(want), "%02x", last);
    while (NOW() < deadline) {
        char **names, mac[24], path[64];
        int n = xenbus_directory(XBT_NIL, "device/vif", &names);
        bool found = false;

        for (int i = 0; i < n && !found; i++) {
            snprintf(path, sizeof(path), "device/vif/%s/mac", names[i]);
            found = xenbus_read_buf(XBT_NIL, path, mac, sizeof(mac)) == 17 &&
                    strcmp(mac + 15, want) == 0;
            if (found)
                snprintf(node, size, "device/vif/%s", names[i]);
        }
        if (n >= 0)
            free(names);
        if (found)
            return true;
        msleep(250);
    }
    return false;
}

/* Keep frames in flight on n until dom0 detaches it; then everything must come back. */
static void unplug_under_traffic(struct nic *n, unsigned int refs_without)
{
    uint8_t *f = malloc(60);
    unsigned int queued = 0;
    uint64_t deadline = NOW() + SECONDS(90);
    struct netfront_stats s;
    int rc = 0;

    make_arp(n, f, 3);
    async_done = async_failed = 0;
    xenbus_printf(XBT_NIL, "data", "net-ready", "1");
    while (netfront_state(n->nf) == NETFRONT_CONNECTED && NOW() < deadline) {
        rc = netfront_xmit(n->nf, f, 60, count_done, NULL);
        queued += rc == 0;
        if (rc || queued % 8 == 0)
            msleep(20);
    }
    rc = netfront_wait_detached(n->nf, NOW() + SECONDS(30));
    test_check("detached", rc == 0, "%s: rc %d after %u frames queued", n->name, rc, queued);
    test_check("pending_tx_completed", async_done == queued, "%u queued, %u completed (%u failed)",
               queued, async_done, async_failed);
    netfront_stats(n->nf, &s);
    printk("%s: unplugged with %lu frames aborted, %u failed, %lu grants leaked\n", n->name,
           s.tx_aborted, async_failed, s.grants_leaked);
    close_nic(n);
    test_check("grants_returned", gnttab_free_refs() == refs_without && !s.grants_leaked,
               "free refs %u, want %u", gnttab_free_refs(), refs_without);
    free(f);
}

void suite_netfront_hotplug(void)
{
    static struct nic a, b, c;
    unsigned int refs_without;
    char node[XENBUS_PATH_MAX];

    if (!nic_open(&a, "device/vif/0", "open_vif0"))
        return;
    refs_without = gnttab_free_refs();
    if (!nic_open(&b, "device/vif/1", "open_vif1"))
        return;
    if (!test_check("dom0_mac", get_dom0_mac(), "data/dom0-mac from the dom0 script"))
        return;
    unplug_under_traffic(&b, refs_without);
    xenbus_printf(XBT_NIL, "data", "net-detached", "1");
    if (!test_check("attach_seen", find_new_vif(0x12, node, sizeof(node)),
                    "vif with MAC ..:12 (xl network-attach)"))
        return;
    if (!nic_open(&c, node, "open_attached"))
        return;
    exchange(&c, 4, 30);
    check_clean_stats(&a);
    check_clean_stats(&c);
    close_nic(&c);
    close_nic(&a);
}
