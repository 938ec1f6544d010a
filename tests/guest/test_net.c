/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCP/IP against real dom0 tools (test=net, CONFIG_LWIP). The guest brings up its vifs,
 * serves daytime (13), TCP/UDP echo (7), the echo report (8) and iperf (5001), and writes
 * its addresses to data/net/vifN/{ipv4,ipv6}. The boot test's dom0 script then pings,
 * connects and attacks, writes one "PASS|FAIL detail" per check to data/result/NAME and
 * finally data/net-done; each becomes a test line here.
 *
 * "net-expect=SRC[,SRC...]" on the command line names where each vif's IPv4 address must
 * come from (xenstore, cmdline, dhcp).
 */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <net.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>
#include "test.h"
#include "libc/helpers.h"

#define DOM0_TIMEOUT SECONDS(600)

/* The i-th comma-separated word of net-expect=, into buf; false if there is none. */
static bool expected_source(unsigned int i, char *buf, size_t size)
{
    const char *p = strstr(kernel_cmdline(), "net-expect=");

    if (!p)
        return false;
    p += strlen("net-expect=");
    for (; i; i--) {
        while (*p && *p != ',' && *p != ' ')
            p++;
        if (*p != ',')
            return false;
        p++;
    }
    size_t n = 0;

    while (p[n] && p[n] != ',' && p[n] != ' ' && n + 1 < size) {
        buf[n] = p[n];
        n++;
    }
    buf[n] = '\0';
    return n > 0;
}

static void check_vif(unsigned int i)
{
    char a4[NET_ADDR_STRLEN], a6[NET_ADDR_STRLEN], want[16], name[32], dir[XENBUS_PATH_MAX];
    const char *src = net_vif_source(i);
    int rc = net_vif_ipv4(i, a4, sizeof(a4), NOW() + SECONDS(60));

    snprintf(name, sizeof(name), "ipv4_vif%u", i);
    if (!test_check(name, rc == 0, "%s (%s)", rc ? strerror_name(-rc) : a4, src))
        return;
    if (expected_source(i, want, sizeof(want))) {
        snprintf(name, sizeof(name), "source_vif%u", i);
        test_check(name, strcmp(want, src) == 0, "%s, expected %s", src, want);
    }
    net_vif_ipv6_linklocal(i, a6, sizeof(a6));
    snprintf(name, sizeof(name), "ipv6_vif%u", i);
    test_check(name, strncmp(a6, "fe80::", 6) == 0, "%s", a6);
    snprintf(dir, sizeof(dir), "data/net/vif%u", i);
    xenbus_printf(XBT_NIL, dir, "ipv6", "%s", a6);
    xenbus_printf(XBT_NIL, dir, "ipv4", "%s", a4); /* last: dom0 waits for this one */
}

/* Turn dom0's verdicts in data/result/ into test lines (also for the libc-sock suite). */
void test_report_dom0_results(void)
{
    char **names = NULL, path[XENBUS_PATH_MAX], value[256];
    int n = xenbus_directory(XBT_NIL, "data/result", &names);

    if (n <= 0) {
        test_report("dom0_results", TEST_FAIL, "dom0 wrote none (%d)", n);
        return;
    }
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "data/result/%s", names[i]);
        if (xenbus_read_buf(XBT_NIL, path, value, sizeof(value)) < 0)
            continue;
        bool pass = strncmp(value, "PASS", 4) == 0;
        const char *detail = value[4] == ' ' ? value + 5 : "";

        test_report(names[i], pass ? TEST_PASS : TEST_FAIL, "%s", detail);
    }
    free(names);
}

/*
 * Checksum offload both ways on vif0, after dom0's traffic: the backend took
 * feature-no-csum-offload=0, our TCP frames went out checksum-blank, and frames from dom0's
 * stack arrived blank or validated (skipping lwIP's checks). The echo tests' checksums on
 * both ends show that the data stayed intact meanwhile. Only with "net-offload=1" on the
 * command line: configs whose dom0 sends no TCP have no frame to count.
 */
static void check_offload(void)
{
    struct netfront_stats st;
    bool csum = false;
    int rc = net_vif_stats(0, &st, &csum);

    if (!strstr(kernel_cmdline(), "net-offload=1"))
        return;
    test_check("csum_offload", !rc && csum && st.tx_csum_blank && st.rx_csum_trusted,
               "negotiated %d, tx csum_blank %lu of %lu, rx blank/validated %lu of %lu", csum,
               st.tx_csum_blank, st.tx_packets, st.rx_csum_trusted, st.rx_packets);
}

/* A feature key of vif0 (ours, or from=backend: the backend's) as a number, -1 if absent. */
static int vif_feature(const char *from, const char *key)
{
    char path[XENBUS_PATH_MAX], dir[XENBUS_PATH_MAX], buf[16];

    snprintf(path, sizeof(path), "device/vif/%s%s", net_vif_id(0), from ? "/backend" : "");
    if (from && xenbus_read_buf(XBT_NIL, path, dir, sizeof(dir)) < 0)
        return -1;
    snprintf(path, sizeof(path), "%s/%s", from ? dir : path, key);
    if (xenbus_read_buf(XBT_NIL, path, buf, sizeof(buf)) < 0)
        return -1;
    return buf[0] - '0';
}

/*
 * Scatter-gather and GSO receive on vif0 (with "net-offload=1"): both sides offer
 * feature-sg and feature-gso-tcpv4, and dom0's TCP (echo, iperf) came in as frames over
 * several slots with a GSO extra, none of them refused.
 */
static void check_gso(void)
{
    struct netfront_stats st;
    bool csum;
    int fe_sg = vif_feature(NULL, "feature-sg"), fe_gso = vif_feature(NULL, "feature-gso-tcpv4");
    int be_sg = vif_feature("be", "feature-sg"), be_gso = vif_feature("be", "feature-gso-tcpv4");
    int rc = net_vif_stats(0, &st, &csum);
    unsigned long bad = st.rx_bad_extra + st.rx_too_long + st.rx_oversize + st.rx_bad_flags;

    if (!strstr(kernel_cmdline(), "net-offload=1"))
        return;
    test_check("gso_rx",
               !rc && fe_sg == 1 && fe_gso == 1 && be_sg == 1 && be_gso == 1 && st.rx_gso &&
                   st.rx_multislot && !bad,
               "sg %d/%d gso-tcpv4 %d/%d (ours/backend's); rx %lu frames, %lu multi-slot, "
               "%lu GSO, %lu pages lent to lwIP, %lu refused",
               fe_sg, be_sg, fe_gso, be_gso, st.rx_packets, st.rx_multislot, st.rx_gso,
               st.rx_pages_kept, bad);
}

static void run_net(void)
{
    int n = net_init(), rc;
    uint64_t deadline;
    char buf[16];

    if (!test_check("net_init", n > 0, "%d", n))
        return;
    rc = daytime_start();
    if (!rc)
        rc = net_echo_start();
    if (!rc)
        rc = net_iperf_start();
    if (!test_check("services", rc == 0, "%s", rc ? strerror_name(-rc) : "13, 7, 8, 5001"))
        return;
    for (unsigned int i = 0; i < net_vif_count(); i++)
        check_vif(i);
    /* Even at memory = 4 the stack must leave applications room (its pools are static). */
    test_check("memory", free_page_count() * 4 >= 512, "%lu of %lu KiB free with the stack up",
               free_page_count() * 4, total_page_count() * 4);
    xenbus_write(XBT_NIL, "data/net-ready", "1");
    deadline = NOW() + DOM0_TIMEOUT;
    while (xenbus_read_buf(XBT_NIL, "data/net-done", buf, sizeof(buf)) < 0 && NOW() < deadline)
        msleep(500);
    if (test_check("dom0_done", NOW() < deadline, "data/net-done"))
        test_report_dom0_results();
    check_offload();
    check_gso();
}

void suite_net(void)
{
    if (!IS_ENABLED(CONFIG_LWIP)) {
        test_report("net", TEST_SKIP, "built without CONFIG_LWIP");
        return;
    }
    run_net();
}
