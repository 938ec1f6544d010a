/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The bench suite's driver: boot timestamps, then (bench=smoke|full) the parts named by
 * bench_parts= (default disk,net,idle; also tcp: lwIP and lwiperf for dom0's iperf): the disk workloads on every disk (named by backend:
 * blkback "phy" or QEMU "qdisk"), the network workloads and 30 s of idling, each between
 * two marks that dom0 answers after reading the domain's CPU time from `xl list`.
 */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>
#include "bench.h"
#include "test.h"

uint64_t bench_ns = SECONDS(3);
static unsigned int mark_seq;

void bench_mark(const char *what, const char *key)
{
    /* 120 s: dom0 runs iperf 10 s each way at the tcp mark, slow under load */
    uint64_t deadline = NOW() + SECONDS(120);
    char val[96], ack[24];
    int rc;

    snprintf(val, sizeof(val), "%u %s %s", ++mark_seq, what, key);
    rc = xenbus_write(XBT_NIL, "data/bench-mark", val);
    if (rc) {
        printk("bench: warning: cannot write data/bench-mark: %d\n", rc);
        return;
    }
    /* Poll, not watch: the ack may be written before a watch would be in place. */
    while (NOW() < deadline) {
        if (xenbus_read_buf(XBT_NIL, "data/bench-ack", ack, sizeof(ack)) > 0 &&
            strtoul(ack, NULL, 10) == mark_seq)
            return;
        msleep(20); /* a poll costs CPU that dom0 would count into the workload */
    }
    printk("bench: warning: no ack for mark %u\n", mark_seq);
}

void bench_report(const char *key, uint64_t bytes, uint64_t ios, uint64_t ns)
{
    printk("bench: %s bytes=%llu ios=%llu ns=%llu\n", key, (unsigned long long)bytes,
           (unsigned long long)ios, (unsigned long long)ns);
}

/* The value of "NAME=" on the command line, or dflt. */
static void cmdline_word(const char *name, char *buf, size_t size, const char *dflt)
{
    const char *p = strstr(kernel_cmdline(), name);
    size_t n = 0;

    if (p)
        for (p += strlen(name); p[n] && p[n] != ' ' && n + 1 < size; n++)
            buf[n] = p[n];
    buf[n] = '\0';
    if (!n)
        snprintf(buf, size, "%s", dflt);
}

/* Every disk of the domain, named by its backend type (blkback "vbd" -> phy, or qdisk). */
static void all_disks(void)
{
    char **names, node[48], be[XENBUS_PATH_MAX], name[64];
    int n = xenbus_directory(XBT_NIL, "device/vbd", &names);

    if (n <= 0) {
        test_report("bench_disk", TEST_FAIL, "no disks (%d)", n);
        return;
    }
    for (int i = 0; i < n; i++) {
        snprintf(node, sizeof(node), "device/vbd/%s", names[i]);
        snprintf(be, sizeof(be), "%s/backend", node);
        if (xenbus_read_buf(XBT_NIL, be, be, sizeof(be)) < 0)
            continue;
        const char *backend = strstr(be, "/backend/qdisk/") ? "qdisk" : "phy";

        snprintf(name, sizeof(name), "bench_disk_%s", backend);
        test_check(name, bench_disk(node, backend), "%s", node);
    }
    free(names);
}

void suite_bench(void)
{
    char mode[16], parts[32];
    uint64_t idle_ms = 30000;

    cmdline_word("bench=", mode, sizeof(mode), "boot");
    cmdline_word("bench_parts=", parts, sizeof(parts), "disk,net,idle");
    printk("bench: app ours mode=%s\n", mode);
    /* The kernel's own view of its boot (start_kernel's app thread printed it as well). */
    printk("bench: boot start_kernel_ns=0 app_ns=%llu\n",
           (unsigned long long)(app_start_ns() - boot_start_ns()));
    printk("bench: mem free_kib=%lu total_kib=%lu\n", free_page_count() * (PAGE_SIZE / 1024),
           total_page_count() * (PAGE_SIZE / 1024));
    if (strcmp(mode, "boot") == 0) {
        test_report("bench_boot", TEST_PASS, "mode=boot");
        return;
    }
    if (strcmp(mode, "smoke") == 0) {
        bench_ns = MILLISECS(200);
        idle_ms = 1000;
    }
    if (strstr(parts, "disk"))
        all_disks();
    if (strstr(parts, "net"))
        test_check("bench_net", bench_net(), "device/vif/0");
    if (strstr(parts, "tcp"))
        test_check("bench_tcp", bench_tcp(), "lwiperf on port 5001");
    if (strstr(parts, "idle")) {
        bench_mark("start", "idle");
        msleep(idle_ms);
        bench_mark("end", "idle");
    }
    printk("bench: done\n");
}
