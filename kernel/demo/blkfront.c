/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Disk demo: one worker per disk under device/vbd (also ones attached later with
 * xl block-attach, found by xenstore watch; a disk that fails to open is reported once
 * and retried quietly with back-off). Each reads its disk round and round; a writable one also gets pattern
 * writes that are read back and checked byte by byte. Progress every few seconds.
 */
#include <kernel.h>
#include <blkfront.h>
#include <fmt.h>
#include <gnttab.h>
#include <mm.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <xenbus_hotplug.h>
#include "demo.h"

#define OPEN_TIMEOUT SECONDS(10)
#define CHUNK_ORDER  4 /* 64 KiB per I/O */
#define CHUNK        (PAGE_SIZE << CHUNK_ORDER)
#define REPORT_EVERY SECONDS(5)

struct worker {
    struct blkfront_dev *dev;
    uint8_t *buf;
    struct thread *thread;
    bool stop; /* the disk's node is gone */
};

/* The byte a pattern write puts at disk offset off in round seed. */
static uint8_t pattern(uint64_t off, unsigned int seed)
{
    return (uint8_t)((off >> 9) * 31 + (off & 511) + seed);
}

static void report(struct blkfront_dev *dev, unsigned long mismatches)
{
    struct blkfront_stats st;

    blkfront_get_stats(dev, &st);
    printk("blkfront-demo: vbd %u: read %llu KiB, written %llu KiB, %lu errors, %lu bad "
           "responses, %lu verify mismatches\n",
           blkfront_info(dev)->vdev, (unsigned long long)(st.bytes_read >> 10),
           (unsigned long long)(st.bytes_written >> 10), st.errors, st.bad_responses, mismatches);
}

/* Write a pattern chunk at off, read it back and count bytes that differ: 0 or -errno. */
static int write_verify(struct blkfront_dev *dev, uint8_t *buf, uint64_t off, size_t len,
                        unsigned int seed, unsigned long *mismatches)
{
    int rc;

    for (size_t i = 0; i < len; i++)
        buf[i] = pattern(off + i, seed);
    rc = blkfront_write(dev, off, buf, len);
    if (!rc) {
        memset(buf, 0, len);
        rc = blkfront_read(dev, off, buf, len);
    }
    for (size_t i = 0; !rc && i < len; i++)
        if (buf[i] != pattern(off + i, seed))
            (*mismatches)++;
    return rc;
}

/* I/O on one disk until it goes away: the error that ended it, or 0 when told to stop. */
static int disk_loop(struct worker *w, struct blkfront_dev *dev, uint8_t *buf)
{
    const struct blkfront_info *in = blkfront_info(dev);
    uint64_t size = in->sectors * in->sector_size, off = 0;
    uint64_t next_report = NOW() + REPORT_EVERY;
    unsigned long mismatches = 0;
    unsigned int seed = 0;
    int rc = 0;

    while (!rc && !w->stop) {
        size_t len = size - off < CHUNK ? (size_t)(size - off) : CHUNK;

        rc = blkfront_read(dev, off, buf, len);
        if (!rc && !in->readonly)
            rc = write_verify(dev, buf, off, len, seed, &mismatches);
        off += len;
        if (off >= size) {
            off = 0;
            seed++;
        }
        if (NOW() >= next_report || rc) {
            report(dev, mismatches);
            next_report = NOW() + REPORT_EVERY;
        }
        /* Let the other disks and the clock thread run between chunks. */
        schedule();
    }
    return rc;
}

static void disk_worker(void *arg)
{
    struct worker *w = arg;
    const struct blkfront_info *in = blkfront_info(w->dev);
    int rc;

    printk("blkfront-demo: %s: %llu sectors of %u bytes, %s, ring %u pages, %u segments%s%s\n",
           in->nodename, (unsigned long long)in->sectors, in->sector_size,
           in->readonly ? "read-only" : "writable (overwritten with test patterns)", in->ring_pages,
           in->max_segments, in->indirect ? " (indirect)" : "", in->flush ? ", flush" : "");
    rc = disk_loop(w, w->dev, w->buf);
    printk("blkfront-demo: %s: stopped (%s), closing\n", in->nodename, strerror_name(rc));
}

/* A disk appeared under device/vbd: connect and give it a worker. 0 or -errno. */
static int disk_open(void *arg, const char *node, void **dev)
{
    struct worker *w = calloc(1, sizeof(*w));
    int rc = w ? 0 : -ENOMEM;

    if (!rc)
        w->buf = alloc_pages(CHUNK_ORDER);
    if (!rc && !w->buf)
        rc = -ENOMEM;
    if (!rc)
        rc = blkfront_open(node, OPEN_TIMEOUT, &w->dev);
    if (!rc) {
        w->thread = create_thread("blkfront-disk", disk_worker, w);
        if (!w->thread) {
            blkfront_close(w->dev);
            rc = -ENOMEM;
        }
    }
    if (rc) {
        if (w && w->buf)
            free_pages(w->buf, CHUNK_ORDER);
        free(w);
        return rc;
    }
    *dev = w;
    return 0;
}

/* Its node is gone (detached): stop the worker if it still runs, close, free. */
static void disk_gone(void *arg, const char *node, void *dev)
{
    struct worker *w = dev;
    int rc;

    w->stop = true;
    join_thread(w->thread);
    rc = blkfront_close(w->dev);
    printk("blkfront-demo: %s: closed (%s); grant refs free %u of %u, pages free %lu\n", node,
           strerror_name(rc), gnttab_free_refs(), gnttab_nr_refs(), free_page_count());
    free_pages(w->buf, CHUNK_ORDER);
    free(w);
}

void demo_blkfront(void *arg)
{
    static const struct xenbus_hotplug_ops ops = {disk_open, disk_gone};
    static struct xenbus_hotplug hp = {.dir = "device/vbd", .who = "blkfront-demo", .ops = &ops};

    /* Disks come and go by xl block-attach/detach: followed by watch, never polled. */
    xenbus_hotplug_run(&hp);
}
