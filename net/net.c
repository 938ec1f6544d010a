/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bringing lwIP up: the tcpip thread, then one netif per device/vif/N, addressed from the
 * backend's "ip" node, else the command line's ip= (first vif), else DHCP, plus an IPv6
 * link-local address on each. Addresses are printed as they arrive.
 */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <net.h>
#include <string.h>
#include <wait.h>
#include <xenbus.h>
#include "lwip/dhcp.h"
#include "lwip/tcpip.h"
#include "ipcfg.h"
#include "net_priv.h"

static struct vif vifs[NET_MAX_VIFS];
static unsigned int nvifs;
static bool started;
/* Woken by lwIP's status callback whenever an address changes (DHCP, link-local). */
static DEFINE_WAIT_QUEUE(addr_wq);

static void status_changed(struct netif *netif)
{
    struct vif *v = netif->state;
    char a[NET_ADDR_STRLEN];

    if (!ip4_addr_isany_val(*netif_ip4_addr(netif)) &&
        !ip4_addr_cmp(netif_ip4_addr(netif), &v->announced)) {
        ip4_addr_copy(v->announced, *netif_ip4_addr(netif));
        ip4addr_ntoa_r(netif_ip4_addr(netif), a, sizeof(a));
        printk("net: vif%s: IPv4 %s (%s)\n", v->id, a, v->source);
    }
    wake_up(&addr_wq);
}

/* The backend's "ip" node (xl's vif ip=): 0 and *cfg, or -errno (none there). */
static int backend_ipcfg(const struct vif *v, struct ipcfg *cfg)
{
    char path[XENBUS_PATH_MAX], be[XENBUS_PATH_MAX], ip[128];

    snprintf(path, sizeof(path), "device/vif/%s/backend", v->id);
    if (xenbus_read_buf(XBT_NIL, path, be, sizeof(be)) < 0)
        return -ENOENT;
    snprintf(path, sizeof(path), "%s/ip", be);
    if (xenbus_read_buf(XBT_NIL, path, ip, sizeof(ip)) < 0)
        return -ENOENT;
    return ipcfg_from_backend(ip, cfg);
}

static void choose_address(struct vif *v, bool first, struct ipcfg *cfg)
{
    int rc;

    *cfg = (struct ipcfg){0};
    if (!backend_ipcfg(v, cfg)) {
        v->source = "xenstore";
        return;
    }
    rc = first ? ipcfg_from_cmdline(kernel_cmdline(), cfg) : -ENOENT;
    if (!rc) {
        v->source = "cmdline";
        return;
    }
    if (rc == -EINVAL)
        printk("net: ignoring malformed ip= (want ip=ADDR/PREFIX[,GATEWAY])\n");
    *cfg = (struct ipcfg){0};
    v->source = "dhcp";
}

static int vif_up(struct vif *v, bool first)
{
    struct ipcfg cfg;
    ip4_addr_t addr, mask, gw;
    int rc = vif_open(v);

    if (rc)
        return rc;
    choose_address(v, first, &cfg);
    ip4_addr_set_u32(&addr, lwip_htonl(cfg.addr));
    ip4_addr_set_u32(&mask, lwip_htonl(cfg.netmask));
    ip4_addr_set_u32(&gw, lwip_htonl(cfg.gateway));
    LOCK_TCPIP_CORE();
    if (!netif_add(&v->netif, &addr, &mask, &gw, v, vif_netif_init, tcpip_input)) {
        UNLOCK_TCPIP_CORE();
        netfront_close(v->nf);
        return -ENOMEM;
    }
    v->added = true;
    netif_set_status_callback(&v->netif, status_changed);
    netif_create_ip6_linklocal_address(&v->netif, 1);
    if (first)
        netif_set_default(&v->netif);
    netif_set_link_up(&v->netif);
    netif_set_up(&v->netif);
    if (!cfg.addr && dhcp_start(&v->netif) != ERR_OK)
        printk("net: vif%s: cannot start DHCP\n", v->id);
    UNLOCK_TCPIP_CORE();
    return 0;
}

/* In the tcpip thread, once lwIP is initialised. */
static void tcpip_ready(void *arg)
{
    synguard_start();
    up(arg);
}

int net_init(void)
{
    struct semaphore ready;
    char **names = NULL;
    int n, rc = -ENODEV;

    if (started)
        return (int)nvifs;
    started = true;
    sema_init(&ready, 0);
    tcpip_init(tcpip_ready, &ready);
    down(&ready);
    n = xenbus_directory(XBT_NIL, "device/vif", &names);
    for (int i = 0; i < n && nvifs < NET_MAX_VIFS; i++) {
        struct vif *v = &vifs[nvifs];

        strlcpy(v->id, names[i], sizeof(v->id));
        rc = vif_up(v, nvifs == 0);
        if (rc)
            printk("net: vif%s: %s\n", names[i], strerror_name(-rc));
        else
            nvifs++;
    }
    if (n >= 0)
        free(names);
    return nvifs ? (int)nvifs : rc;
}

unsigned int net_vif_count(void)
{
    return nvifs;
}

int net_vif_ipv4(unsigned int i, char *buf, size_t size, uint64_t deadline)
{
    struct netif *netif = &vifs[i].netif;

    if (i >= nvifs)
        return -ENODEV;
    if (wait_event_deadline(addr_wq, !ip4_addr_isany_val(*netif_ip4_addr(netif)), deadline))
        return -ETIMEDOUT;
    ip4addr_ntoa_r(netif_ip4_addr(netif), buf, (int)size);
    return 0;
}

int net_vif_ipv6_linklocal(unsigned int i, char *buf, size_t size)
{
    if (i >= nvifs)
        return -ENODEV;
    ip6addr_ntoa_r(netif_ip6_addr(&vifs[i].netif, 0), buf, (int)size);
    for (char *p = buf; *p; p++) /* lwIP writes upper case; ip(8) and ping6 lower */
        if (*p >= 'A' && *p <= 'F')
            *p = (char)(*p - 'A' + 'a');
    return 0;
}

const char *net_vif_source(unsigned int i)
{
    return i < nvifs ? vifs[i].source : NULL;
}

const char *net_vif_id(unsigned int i)
{
    return i < nvifs ? vifs[i].id : NULL;
}

int net_vif_stats(unsigned int i, struct netfront_stats *st, bool *csum_offload)
{
    if (i >= nvifs)
        return -ENODEV;
    netfront_stats(vifs[i].nf, st);
    *csum_offload = vifs[i].csum_offload;
    return 0;
}
