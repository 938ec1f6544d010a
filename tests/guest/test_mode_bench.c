/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Measurements to compare boot modes (test=mode-bench): how long the kernel took to reach the
 * application, by Xen's runstate accounting of our vcpu, and sequential read throughput of
 * the first disk through blkfront. They pass whenever they could measure; the numbers are
 * the point.
 */
#include <kernel.h>
#include <blkfront.h>
#include <hypervisor.h>
#include <mm.h>
#include <time.h>
#include <xenbus.h>
#include "test.h"

#define CHUNK_ORDER 4 /* 64 KiB per blkfront_read */
/* Read the disk up to 4 times, stopping after 10 s: under the shim a pass takes minutes. */
#define READ_PASSES 4
#define READ_LIMIT  SECONDS(10)

/*
 * The vcpu's life in ns since it first ran (running + runnable + blocked: everything but
 * "offline", which covers the domain build before xl unpauses it), and of that the time
 * it ran.
 */
static void check_boot_time(void)
{
    struct vcpu_runstate_info info;
    uint64_t alive, ran;

    if (HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &info)) {
        test_report("boot_time", TEST_SKIP, "no runstate info");
        return;
    }
    ran = info.time[RUNSTATE_running];
    alive = ran + info.time[RUNSTATE_runnable] + info.time[RUNSTATE_blocked];
    test_report("boot_time", TEST_PASS, "%llu ms from first run to the application, ran %llu ms",
                (unsigned long long)(alive / 1000000), (unsigned long long)(ran / 1000000));
}

static void read_disk(struct blkfront_dev *dev, void *buf)
{
    const struct blkfront_info *in = blkfront_info(dev);
    uint64_t size = in->sectors * in->sector_size, start, ns, done = 0;
    size_t chunk = PAGE_SIZE << CHUNK_ORDER;
    int rc = 0;

    start = NOW();
    while (!rc && done < READ_PASSES * size && NOW() - start < READ_LIMIT) {
        rc = blkfront_read(dev, done % size, buf, chunk);
        done += chunk;
    }
    ns = NOW() - start;
    if (!test_check("blk_seq_read", rc == 0 && ns > 0, "rc %d", rc))
        return;
    printk("blk_seq_read: %llu KiB in %llu ms: %llu KiB/s (%s, %zu KiB requests)\n",
           (unsigned long long)(done >> 10), (unsigned long long)(ns / 1000000),
           (unsigned long long)(done * 1000000000ULL / ns >> 10), in->nodename, chunk >> 10);
}

void suite_mode_bench(void)
{
    struct blkfront_dev *dev;
    void *buf;
    int rc;

    check_boot_time();
    rc = blkfront_open("device/vbd/51712", 0, &dev);
    if (rc) {
        test_report("blk_seq_read", TEST_SKIP, "no disk xvda (rc %d)", rc);
        return;
    }
    buf = alloc_pages(CHUNK_ORDER);
    if (test_check("blk_buffer", buf != NULL, "64 KiB"))
        read_disk(dev, buf);
    free_pages(buf, CHUNK_ORDER);
    blkfront_close(dev);
}
