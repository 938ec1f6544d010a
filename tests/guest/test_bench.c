/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The bench suite's driver: boot timestamps, then (bench=smoke|full) the disk workloads on
 * xvda (blkback, phy) and xvdb (QEMU qdisk), the network workloads and 30 s of idling, each
 * between two marks that dom0 answers after reading the domain's CPU time from `xl list`.
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
    uint64_t deadline = NOW() + SECONDS(60);
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
        msleep(2);
    }
    printk("bench: warning: no ack for mark %u\n", mark_seq);
}

void bench_report(const char *key, uint64_t bytes, uint64_t ios, uint64_t ns)
{
    printk("bench: %s bytes=%llu ios=%llu ns=%llu\n", key, (unsigned long long)bytes,
           (unsigned long long)ios, (unsigned long long)ns);
}

/* The value of "bench=" on the command line: boot (default), smoke or full. */
static void bench_mode(char *buf, size_t size)
{
    const char *p = strstr(kernel_cmdline(), "bench=");
    size_t n = 0;

    if (p)
        for (p += 6; p[n] && p[n] != ' ' && n + 1 < size; n++)
            buf[n] = p[n];
    buf[n] = '\0';
    if (!n)
        snprintf(buf, size, "boot");
}

void suite_bench(void)
{
    char mode[16];
    uint64_t idle_ms = 30000;

    bench_mode(mode, sizeof(mode));
    /* The kernel's own view of its boot, printed by start_kernel's app thread already. */
    printk("bench: app ours mode=%s\n", mode);
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
    test_check("bench_disk_phy", bench_disk("device/vbd/51712", "phy"), "xvda (phy)");
    test_check("bench_disk_qdisk", bench_disk("device/vbd/51728", "qdisk"), "xvdb (qdisk)");
    test_check("bench_net", bench_net(), "device/vif/0");
    bench_mark("start", "idle");
    msleep(idle_ms);
    bench_mark("end", "idle");
    printk("bench: done\n");
}
