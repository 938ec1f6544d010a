/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The TCP/IP demo (CONFIG_LWIP): bring up every vif, serve daytime on TCP port 13 (ping is
 * answered by lwIP itself), and say how to try it. Each address is also written to
 * xenstore (data/net/vifN/ipv4, ipv6), where `make run` finds it for dom0.
 */
#include <kernel.h>
#include <fmt.h>
#include <net.h>
#include <time.h>
#include <xenbus.h>
#include "demo.h"

static void announce(unsigned int i)
{
    char a4[NET_ADDR_STRLEN], a6[NET_ADDR_STRLEN], dir[XENBUS_PATH_MAX];
    const char *id = net_vif_id(i);

    if (net_vif_ipv4(i, a4, sizeof(a4), NOW() + SECONDS(60))) {
        printk("net: vif%s: no IPv4 address after 60 s\n", id);
        return;
    }
    net_vif_ipv6_linklocal(i, a6, sizeof(a6));
    printk("net: vif%s: %s (%s), %s: daytime on TCP port 13, try `nc %s 13` or "
           "`ping %s` in dom0\n",
           id, a4, net_vif_source(i), a6, a4, a4);
    snprintf(dir, sizeof(dir), "data/net/vif%s", id);
    xenbus_printf(XBT_NIL, dir, "ipv4", "%s", a4);
    xenbus_printf(XBT_NIL, dir, "ipv6", "%s", a6);
}

void demo_net(void *arg)
{
    int n = net_init();
    int rc;

    if (n <= 0) {
        printk("net: no network (%s)\n", n ? strerror_name(-n) : "no vif");
        return;
    }
    rc = daytime_start();
    if (rc)
        printk("net: daytime: %s\n", strerror_name(-rc));
    for (unsigned int i = 0; i < net_vif_count(); i++)
        announce(i);
}
