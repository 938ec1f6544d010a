/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The network demo: connect every device/vif/N there is or comes (`xl network-attach`),
 * print one line per incoming frame, and report and forget the ones detached.
 */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <netfront.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>
#include "demo.h"

#define DEMO_VIFS 8

static struct vif {
    struct netfront *nf;
    char id[16];
    unsigned long frames;
    bool reported; /* its detach was printed */
} vifs[DEMO_VIFS];

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

static struct vif *find_vif(const char *id)
{
    for (int i = 0; i < DEMO_VIFS; i++)
        if (vifs[i].nf && strcmp(vifs[i].id, id) == 0)
            return &vifs[i];
    return NULL;
}

static void open_vif(const char *id)
{
    char node[XENBUS_PATH_MAX], mac[18];
    uint8_t m[NETFRONT_ETH_ALEN];
    struct vif *v = NULL;
    int rc;

    for (int i = 0; i < DEMO_VIFS && !v; i++)
        if (!vifs[i].nf)
            v = &vifs[i];
    if (!v || strlen(id) >= sizeof(v->id))
        return;
    strlcpy(v->id, id, sizeof(v->id));
    v->frames = 0;
    v->reported = false;
    snprintf(node, sizeof(node), "device/vif/%s", id);
    rc = netfront_open(node, demo_rx, v, SECONDS(10), &v->nf);
    if (rc) {
        printk("netfront: %s: cannot connect: %s\n", node, strerror_name(-rc));
        v->nf = NULL;
        return;
    }
    netfront_mac(v->nf, m);
    print_mac(mac, sizeof(mac), m);
    printk("netfront: vif%s connected, MAC %s\n", id, mac);
}

/*
 * Report the detached, forget them once their node is gone (so an id libxl reuses is a
 * new device), and open what is new.
 */
static void rescan(void)
{
    char **names = NULL;
    int n = xenbus_directory(XBT_NIL, "device/vif", &names);

    for (int i = 0; i < DEMO_VIFS; i++) {
        struct vif *v = &vifs[i];
        bool listed = false;

        if (!v->nf || netfront_state(v->nf) != NETFRONT_DETACHED)
            continue;
        if (!v->reported)
            printk("netfront: vif%s detached after %lu frames\n", v->id, v->frames);
        v->reported = true;
        for (int j = 0; j < n; j++)
            listed |= strcmp(names[j], v->id) == 0;
        if (!listed) {
            netfront_close(v->nf);
            v->nf = NULL;
        }
    }
    for (int j = 0; j < n; j++)
        if (!find_vif(names[j]))
            open_vif(names[j]);
    if (n >= 0)
        free(names);
}

void demo_netfront(void *arg)
{
    struct xenbus_watch w;
    struct xenbus_event *ev;

    if (xenbus_watch_add(&w, "device/vif")) {
        printk("netfront: cannot watch device/vif\n");
        return;
    }
    for (;;) {
        rescan();
        if (xenbus_watch_wait(&w, NOW() + SECONDS(1), &ev) == 0)
            free(ev);
    }
}
