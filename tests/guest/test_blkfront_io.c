/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blkfront buffers that are 512-byte aligned but not page-aligned, backend isolation
 * (what a backend can reach of such a buffer's pages), and the bounce-buffer benchmark.
 * Called from the blkfront suite (test_blkfront.c) on its writable disk.
 */
#include <kernel.h>
#include <blkfront.h>
#include <fmt.h>
#include <gnttab.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include "test.h"
#include "test_blkfront.h"
#include "../../drivers/blkfront/blkfront_priv.h"

#define GUARD 0xa5

/* Every byte of buf[0, len) equals c. */
/* How many bytes of buf are c. */
static size_t count(const uint8_t *buf, size_t len, uint8_t c)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++)
        n += buf[i] == c;
    return n;
}

static bool all(const uint8_t *buf, size_t len, uint8_t c)
{
    for (size_t i = 0; i < len; i++)
        if (buf[i] != c)
            return false;
    return true;
}

/*
 * Write the pattern from a buffer at page offset page_off, read it back into a buffer at
 * the same offset surrounded by guard bytes: both succeed, the data matches and not one
 * guard byte changed (the bounce copies stay inside the buffer).
 */
static void unaligned_case(struct blkfront_dev *dev, size_t page_off, size_t len)
{
    size_t total = page_off + len + PAGE_SIZE;
    uint8_t *area = memalign(PAGE_SIZE, total), *buf = area + page_off;
    char name[48];
    int wrc, rrc;
    bool guards;

    snprintf(name, sizeof(name), "unaligned_io_%#zx_%zu", page_off, len);
    if (!area) {
        test_report(name, TEST_ERROR, "no memory");
        return;
    }
    blkfront_test_fill(buf, PAT_LARGE_OFF, len);
    wrc = blkfront_write(dev, PAT_LARGE_OFF, buf, len);
    memset(area, GUARD, total);
    rrc = blkfront_read(dev, PAT_LARGE_OFF, buf, len);
    guards = all(area, page_off, GUARD) && all(buf + len, total - page_off - len, GUARD);
    test_check(name,
               wrc == 0 && rrc == 0 && guards && !blkfront_test_mismatches(buf, PAT_LARGE_OFF, len),
               "write %d read %d, guards %s, %zu bytes differ", wrc, rrc,
               guards ? "intact" : "overwritten",
               rrc ? len : blkfront_test_mismatches(buf, PAT_LARGE_OFF, len));
    free(area);
}

void blkfront_test_unaligned(struct blkfront_dev *dev)
{
    /* The cases; every write stays inside the pattern area the host checks. */
    static const size_t offs[] = {0x200, 0xe00};
    static const size_t lens[] = {512, 11 * 4096, 64 * 4096, (1u << 20) + 512};

    for (size_t i = 0; i < ARRAY_SIZE(offs); i++)
        for (size_t j = 0; j < ARRAY_SIZE(lens); j++)
            unaligned_case(dev, offs[i], lens[j]);
}

static void noop_done(struct blkfront_aiocb *cb, int status)
{
    *(int *)cb->data = status ? status : 1;
}

/* The frame grant ref gives the backend: 0 and *mfn, or -EINVAL. */
static int granted(grant_ref_t ref, unsigned long *mfn)
{
    bool ro;

    return gnttab_query(ref, mfn, &ro);
}

/*
 * A 512-byte read into the middle of a page that also holds a secret: the backend must be
 * granted some other page, with nothing of the secret in it. A whole aligned page keeps
 * the fast path: the caller's page itself.
 */
void blkfront_test_isolation(struct blkfront_dev *dev)
{
    uint8_t *page = memalign(PAGE_SIZE, 2 * PAGE_SIZE);
    struct blkfront_aiocb cb = {BLKFRONT_READ, PAT_LARGE_OFF, NULL, 512, noop_done, NULL};
    struct blkfront_slot *s = NULL;
    unsigned long mfn = 0, fast_mfn = 0;
    int done = 0, rc, frc = -1;
    bool other_page = false, clean = false, fast = false;

    if (!page) {
        test_report("bounce_isolation", TEST_ERROR, "no memory");
        return;
    }
    memset(page, 0x5e, 2 * PAGE_SIZE); /* the "secret" around the buffer */
    cb.buf = page + 0x200;
    cb.data = &done;
    rc = blkfront_submit(dev, &cb);
    /*
     * The slot is ours until we block, but the completion may already have run from the
     * event handler: the granted page then holds the 512 bytes read, not zeros. Either way
     * the secret (3.5 KiB of 0x5e around the buffer) must not be in it.
     */
    for (unsigned int i = 0; !rc && i < dev->info.ring_slots; i++)
        if (dev->slots[i].cb == &cb)
            s = &dev->slots[i];
    if (s && granted(s->refs[0], &mfn) == 0) {
        uint8_t *g = mfn_to_virt(mfn);

        other_page = mfn != virt_to_mfn(page);
        clean = other_page && count(g, PAGE_SIZE, 0x5e) < 512;
    }
    wait_event(dev->slot_wq, done != 0);
    test_check("bounce_isolation",
               rc == 0 && other_page && clean && done == 1 &&
                   !blkfront_test_mismatches(page + 0x200, PAT_LARGE_OFF, 512) &&
                   all(page, 0x200, 0x5e) && all(page + 0x400, 2 * PAGE_SIZE - 0x400, 0x5e),
               "submit %d, granted %s page%s, completion %d", rc,
               other_page ? "another" : "the caller's", clean ? " (no secret in it)" : "", done);
    /* A whole page at a page boundary: granted in place. */
    cb = (struct blkfront_aiocb){BLKFRONT_READ, PAT_LARGE_OFF, page + PAGE_SIZE,
                                 PAGE_SIZE,     noop_done,     &done};
    done = 0;
    frc = blkfront_submit(dev, &cb);
    for (unsigned int i = 0; !frc && i < dev->info.ring_slots; i++)
        if (dev->slots[i].cb == &cb && granted(dev->slots[i].refs[0], &fast_mfn) == 0)
            fast = fast_mfn == virt_to_mfn(page + PAGE_SIZE);
    if (!frc)
        wait_event(dev->slot_wq, done != 0);
    test_check("bounce_fast_path", frc == 0 && fast && done == 1,
               "submit %d, caller's page granted %d, completion %d", frc, fast, done);
    free(page);
}

/* Read total bytes in blocks of block from a buffer at page offset off: kB/s, or -errno. */
static long bench_one(struct blkfront_dev *dev, uint8_t *area, size_t off, size_t block,
                      uint64_t total)
{
    uint64_t disk = dev->info.sectors * dev->info.sector_size, start = NOW(), pos = 0;
    uint64_t ns;

    for (uint64_t done = 0; done < total; done += block) {
        int rc = blkfront_read(dev, pos, area + off, block);

        if (rc)
            return rc;
        pos = pos + block + block > disk ? 0 : pos + block;
    }
    ns = NOW() - start;
    /* In kB/s (10^3 bytes): emulated disks under load can be slower than 0.1 MB/s. */
    return (long)(total * 1000 / (ns / 1000 ? ns / 1000 : 1));
}

/*
 * Sequential reads with a page-owned buffer (the fast path, as before bounce buffers) and
 * with one at page offset 0x200 (first and last page bounced), interleaved so machine load
 * hits both alike.
 */
void blkfront_test_bench(struct blkfront_dev *dev, unsigned int mib)
{
    static const struct {
        const char *name;
        size_t off, block;
        unsigned int div; /* small blocks are slow under emulation: read mib / div */
    } modes[] = {
        {"bench_aligned_128k", 0, 128 * 1024, 1},
        {"bench_unaligned_128k", 0x200, 128 * 1024, 1},
        {"bench_aligned_4k", 0, 4096, 8},
        {"bench_unaligned_4k", 0x200, 4096, 8},
    };
    long sum[ARRAY_SIZE(modes)] = {0};
    uint8_t *area = memalign(PAGE_SIZE, 128 * 1024 + PAGE_SIZE);
    const long rounds = 3;

    if (!area) {
        test_report("bench", TEST_ERROR, "no memory");
        return;
    }
    for (long r = 0; r < rounds; r++) {
        for (size_t m = 0; m < ARRAY_SIZE(modes); m++) {
            struct blkfront_stats before, after;
            long v;

            blkfront_get_stats(dev, &before);
            v = bench_one(dev, area, modes[m].off, modes[m].block,
                          ((uint64_t)mib << 20) / modes[m].div);
            blkfront_get_stats(dev, &after);
            printk("bench round %ld %s: %lu pages bounced, %llu us in bounce work\n", r,
                   modes[m].name, after.bounced_pages - before.bounced_pages,
                   (unsigned long long)((after.bounce_ns - before.bounce_ns) / 1000));

            printk("bench round %ld %s: %ld.%03ld MB/s\n", r, modes[m].name, v / 1000, v % 1000);
            sum[m] = sum[m] < 0 ? sum[m] : v < 0 ? v : sum[m] + v;
        }
    }
    for (size_t m = 0; m < ARRAY_SIZE(modes); m++) {
        long v = sum[m] < 0 ? sum[m] : sum[m] / rounds;

        test_check(modes[m].name, v > 0, "%ld.%03ld MB/s (mean of %ld reads of %u KiB)", v / 1000,
                   v % 1000, rounds, (mib << 10) / modes[m].div);
    }
    free(area);
}
