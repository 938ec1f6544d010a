/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCP part of the bench suite (bench_parts=tcp): lwIP on every vif and lwiperf's iperf 2
 * server on port 5001, then one "tcp" mark. dom0 (tools/bench/dom0.sh) runs Debian's iperf
 * against us in both directions (its -r: we then connect back) and pings us before it
 * acknowledges the mark, so the figures come from dom0, the same way as for the Linux guest.
 */
#include <kernel.h>
#include <net.h>
#include <time.h>
#include <xenbus.h>
#include "bench.h"
#include "test.h"

bool bench_tcp(void)
{
    char addr[NET_ADDR_STRLEN];
    int n, rc;

    if (!IS_ENABLED(CONFIG_LWIP)) {
        test_report("bench_tcp_lwip", TEST_SKIP, "built without CONFIG_LWIP");
        return true;
    }
    n = net_init();
    if (n <= 0)
        return test_check("bench_tcp_net", false, "net_init %d", n);
    rc = net_iperf_start();
    if (!rc)
        rc = net_vif_ipv4(0, addr, sizeof(addr), NOW() + SECONDS(30));
    if (rc)
        return test_check("bench_tcp_net", false, "iperf server or address: %d", rc);
    printk("bench: tcp server at %s:5001\n", addr);
    /* How long dom0's iperf runs each way: 10 s, or 1 s in smoke runs. */
    xenbus_printf(XBT_NIL, "data", "bench-tcp-secs", "%d", bench_ns >= SECONDS(1) ? 10 : 1);
    bench_mark("start", "tcp");
    bench_mark("end", "tcp");
    return true;
}
