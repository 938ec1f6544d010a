/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCP part of the bench suite (bench_parts=tcp): lwIP on every vif and lwiperf's iperf 2
 * server on port 5001. At the "tcp" mark dom0 (tools/bench/dom0.sh) runs Debian's iperf
 * client against us and pings us; between the "tcp.tx" marks lwiperf's client sends to
 * dom0's iperf server for 10 s. The figures come from dom0's iperf, as for the Linux guest.
 */
#include <kernel.h>
#include <errno.h>
#include <net.h>
#include <time.h>
#include <xenbus.h>
#include "bench.h"
#include "test.h"

#define BENCH_DOM0_IP "10.0.0.1"

/* Wait until lwiperf has reported `want` tests: 0, or -ETIMEDOUT at deadline. */
static int wait_reports(unsigned int want, uint64_t deadline)
{
    while (net_iperf_reports() < want) {
        if (NOW() >= deadline)
            return -ETIMEDOUT;
        msleep(100);
    }
    return 0;
}

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
    bench_mark("start", "tcp.tx");
    n = (int)net_iperf_reports();
    rc = net_iperf_client(BENCH_DOM0_IP);
    if (!rc && wait_reports((unsigned int)n + 1, NOW() + SECONDS(60)))
        rc = -ETIMEDOUT;
    bench_mark("end", "tcp.tx");
    return test_check("bench_tcp_tx", rc == 0, "lwiperf client to %s: %d", BENCH_DOM0_IP, rc);
}
