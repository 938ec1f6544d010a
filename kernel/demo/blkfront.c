/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Disk demo: one worker per disk under device/vbd (also ones attached later with
 * xl block-attach). Each reads its disk round and round; a writable one also gets pattern
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
#include <xenbus.h>
#include "demo.h"

#define MAX_DISKS    8
#define CHUNK_ORDER  4 /* 64 KiB per I/O */
#define CHUNK        (PAGE_SIZE << CHUNK_ORDER)
#define REPORT_EVERY SECONDS(5)

struct worker {
    char nodename[32];
    struct thread *thread;
    bool running, finished;
};

static struct worker workers[MAX_DISKS];

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

/* I/O on one disk until it goes away: 0 never, the error that ended it otherwise. */
static int disk_loop(struct blkfront_dev *dev, uint8_t *buf)
{
    const struct blkfront_info *in = blkfront_info(dev);
    uint64_t size = in->sectors * in->sector_size, off = 0;
    uint64_t next_report = NOW() + REPORT_EVERY;
    unsigned long mismatches = 0;
    unsigned int seed = 0;
    int rc = 0;

    while (!rc) {
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
    struct blkfront_dev *dev;
    uint8_t *buf = alloc_pages(CHUNK_ORDER);
    int rc = buf ? blkfront_open(w->nodename, 0, &dev) : -ENOMEM;

    if (rc) {
        printk("blkfront-demo: %s: open failed: %d\n", w->nodename, rc);
    } else {
        const struct blkfront_info *in = blkfront_info(dev);

        printk("blkfront-demo: %s: %llu sectors of %u bytes, %s, ring %u pages, %u segments%s%s\n",
               w->nodename, (unsigned long long)in->sectors, in->sector_size,
               in->readonly ? "read-only" : "writable (overwritten with test patterns)",
               in->ring_pages, in->max_segments, in->indirect ? " (indirect)" : "",
               in->flush ? ", flush" : "");
        rc = disk_loop(dev, buf);
        printk("blkfront-demo: %s: stopped (%d), closing\n", w->nodename, rc);
        rc = blkfront_close(dev);
        printk("blkfront-demo: %s: closed (%d); grant refs free %u of %u, pages free %lu\n",
               w->nodename, rc, gnttab_free_refs(), gnttab_nr_refs(), free_page_count());
    }
    if (buf)
        free_pages(buf, CHUNK_ORDER);
    w->finished = true;
}

/* The frontend state of nodename: only a fresh (Initialising) disk is ours to open. */
static bool is_new_disk(const char *nodename)
{
    XenbusState st;

    return xenbus_read_state(nodename, &st) == 0 && st == XenbusStateInitialising;
}

static void start_worker(const char *nodename)
{
    struct worker *free_slot = NULL;

    for (unsigned int i = 0; i < MAX_DISKS; i++) {
        if (workers[i].running && strcmp(workers[i].nodename, nodename) == 0)
            return;
        if (!workers[i].running && !free_slot)
            free_slot = &workers[i];
    }
    if (!free_slot || !is_new_disk(nodename))
        return;
    strlcpy(free_slot->nodename, nodename, sizeof(free_slot->nodename));
    free_slot->finished = false;
    free_slot->thread = create_thread("blkfront-disk", disk_worker, free_slot);
    free_slot->running = free_slot->thread != NULL;
}

/* Join the workers whose disk went away, so a disk attached again gets a new one. */
static void reap_workers(void)
{
    for (unsigned int i = 0; i < MAX_DISKS; i++) {
        if (workers[i].running && workers[i].finished) {
            join_thread(workers[i].thread);
            workers[i].running = false;
        }
    }
}

static void scan_disks(void)
{
    char **names, path[XENBUS_PATH_MAX];
    int n = xenbus_directory(XBT_NIL, "device/vbd", &names);

    if (n < 0)
        return;
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "device/vbd/%s", names[i]);
        start_worker(path);
    }
    free(names);
}

void demo_blkfront(void *arg)
{
    struct xenbus_watch watch;
    int rc = xenbus_watch_add(&watch, "device/vbd");

    if (rc) {
        printk("blkfront-demo: cannot watch device/vbd: %d\n", rc);
        return;
    }
    /* Every change under device/vbd (a disk attached or detached) triggers a rescan. */
    for (;;) {
        struct xenbus_event *ev;

        if (xenbus_watch_wait(&watch, NOW() + SECONDS(2), &ev) == 0)
            free(ev);
        reap_workers();
        scan_disks();
    }
}
