/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 9pfs against blkfront throughput in one boot (tests/boot/9pfs-bench.cfg): the same
 * amount written and read back through a 9p file and through the raw disk, interleaved
 * so that both see the same machine load. Prints "bench NAME: N.NN MB/s" lines.
 */
#include <kernel.h>
#include <blkfront.h>
#include <fmt.h>
#include <mm.h>
#include <p9fs.h>
#include <string.h>
#include <time.h>
#include "test.h"

#define BENCH_BYTES (8u << 20)
#define BENCH_CHUNK (1u << 20)

/* The 9p file or the disk, written or read in BENCH_CHUNK pieces: 0 or -errno. */
struct target {
    const char *name;
    struct p9fs_file *f;
    struct blkfront_dev *dev;
};

static int io(struct target *t, bool write, uint8_t *buf, uint64_t off)
{
    long n;

    if (t->dev)
        return write ? blkfront_write(t->dev, off, buf, BENCH_CHUNK)
                     : blkfront_read(t->dev, off, buf, BENCH_CHUNK);
    n = write ? p9fs_pwrite(t->f, buf, BENCH_CHUNK, off) : p9fs_pread(t->f, buf, BENCH_CHUNK, off);
    return n == BENCH_CHUNK ? 0 : n < 0 ? (int)n : -EIO;
}

static void run(struct target *t, bool write, uint8_t *buf)
{
    char name[48];
    uint64_t t0 = NOW(), us, kbs;
    int rc = 0;

    for (uint64_t off = 0; !rc && off < BENCH_BYTES; off += BENCH_CHUNK)
        rc = io(t, write, buf, off);
    us = (NOW() - t0) / 1000 + 1;
    kbs = (uint64_t)BENCH_BYTES * 1000 / us; /* bytes per ms = kB/s */
    snprintf(name, sizeof(name), "bench_%s_%s", t->name, write ? "write" : "read");
    if (test_check(name, rc == 0, "rc %d", rc))
        printk("bench %s: %llu.%02llu MB/s (%u MiB in %llu ms)\n", name + 6,
               (unsigned long long)(kbs / 1000), (unsigned long long)(kbs % 1000 / 10),
               BENCH_BYTES >> 20, (unsigned long long)(us / 1000));
}

void suite_9pfs_bench(void)
{
    struct target p9 = {"9p", NULL, NULL}, blk = {"blkfront", NULL, NULL};
    uint8_t *buf = memalign(PAGE_SIZE, BENCH_CHUNK);
    int a = -ENOSYS, b = -ENOSYS;

    if (!IS_ENABLED(CONFIG_9PFS) || !IS_ENABLED(CONFIG_BLKFRONT) || !buf) {
        test_report("bench", TEST_SKIP, "needs CONFIG_9PFS, CONFIG_BLKFRONT and 1 MiB");
        free(buf);
        return;
    }
    for (size_t i = 0; i < BENCH_CHUNK; i++)
        buf[i] = (uint8_t)(i * 7);
    a = p9fs_open("/share/bench.dat", P9FS_O_RDWR | P9FS_O_CREAT | P9FS_O_TRUNC, 0644, &p9.f);
    b = blkfront_open("device/vbd/51712", 0, &blk.dev);
    if (test_check("bench_open", !a && !b, "9p %d blkfront %d", a, b)) {
        run(&p9, true, buf);
        run(&blk, true, buf);
        run(&p9, false, buf);
        run(&blk, false, buf);
    }
    if (!a)
        p9fs_close(p9.f);
    if (!b)
        blkfront_close(blk.dev);
    free(buf);
}
