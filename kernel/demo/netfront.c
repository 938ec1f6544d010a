/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The network demo: connect every device/vif/N there is or comes (`xl network-attach`,
 * found by xenstore watch), print one line per incoming frame, and report and forget the
 * ones detached. A vif that fails to connect is reported once and retried with back-off.
 */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <netfront.h>
#include <string.h>
#include <time.h>
#include <xenbus_hotplug.h>
#include "demo.h"

#define OPEN_TIMEOUT SECONDS(10)

struct vif {
    struct netfront *nf;
    char id[16];
    unsigned long frames;
};

static void print_mac(char *buf, size_t size, const uint8_t *m)
{
    snprintf(buf, size, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void demo_rx(struct netfront *nf, const void *frame, size_t len, void *arg)
{
    struct vif *v = arg;
    const uint8_t *f = frame;
    char dst[18], src[18];

    v->frames++;
    print_mac(dst, sizeof(dst), f);
    print_mac(src, sizeof(src), f + 6);
    printk("netfront: vif%s: %zu bytes %s -> %s type 0x%04x\n", v->id, len, src, dst,
           (unsigned int)(f[12] << 8 | f[13]));
}

/* A vif appeared under device/vif: connect it. 0 or -errno. */
static int vif_open(void *arg, const char *node, void **dev)
{
    char mac[18];
    uint8_t m[NETFRONT_ETH_ALEN];
    struct vif *v = calloc(1, sizeof(*v));
    int rc;

    if (!v)
        return -ENOMEM;
    strlcpy(v->id, strrchr(node, '/') + 1, sizeof(v->id));
    rc = netfront_open(node, demo_rx, v, OPEN_TIMEOUT, &v->nf);
    if (rc) {
        free(v);
        return rc;
    }
    netfront_mac(v->nf, m);
    print_mac(mac, sizeof(mac), m);
    printk("netfront: vif%s connected, MAC %s\n", v->id, mac);
    *dev = v;
    return 0;
}

/* Its node is gone (xl network-detach): close it, so a reused id is a new device. */
static void vif_gone(void *arg, const char *node, void *dev)
{
    struct vif *v = dev;

    printk("netfront: vif%s detached after %lu frames\n", v->id, v->frames);
    netfront_close(v->nf);
    free(v);
}

void demo_netfront(void *arg)
{
    static const struct xenbus_hotplug_ops ops = {vif_open, vif_gone};
    static struct xenbus_hotplug hp = {.dir = "device/vif", .who = "netfront-demo", .ops = &ops};

    /* Followed by xenstore watch, never polled. */
    xenbus_hotplug_run(&hp);
}
