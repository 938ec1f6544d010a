/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blkfront against real blkback disks: a read-only and a writable one (tests/boot/blk*.cfg).
 * Pattern writes at known offsets for the host to check afterwards, async requests in
 * flight together, -EROFS without sending, and every grant and page back after close.
 */
#include <kernel.h>
#include <blkfront.h>
#include <fmt.h>
#include <gnttab.h>
#include <mm.h>
#include <string.h>
#include <xenbus.h>
#include "test.h"
#include "test_blkfront.h"
/* White-box tests below feed the driver responses no real backend would send. */
#include "../../drivers/blkfront/blkfront_priv.h"

#define MAX_DISKS     4
#define PAT_SMALL_OFF 0x1000   /* 4 KiB: one direct request */
#define PAT_ASYNC_OFF 0x300000 /* 32 x 8 KiB async requests in flight together */
#define ASYNC_REQS    32
#define ASYNC_LEN     0x2000

/* The pattern at disk offset off: the host-check script computes the same bytes. */
static uint8_t pattern(uint64_t off)
{
    return (uint8_t)((off >> 9) * 7 + (off & 511) + 0x5a);
}

void blkfront_test_fill(uint8_t *buf, uint64_t off, size_t len)
{
    for (size_t i = 0; i < len; i++)
        buf[i] = pattern(off + i);
}

/* Bytes of buf that differ from the pattern at off. */
size_t blkfront_test_mismatches(const uint8_t *buf, uint64_t off, size_t len)
{
    size_t bad = 0;

    for (size_t i = 0; i < len; i++)
        bad += buf[i] != pattern(off + i);
    return bad;
}

/* Write the pattern at off, read it back into a cleared buffer and compare every byte. */
static void write_read_verify(struct blkfront_dev *dev, const char *name, uint64_t off, size_t len)
{
    uint8_t *buf = memalign(PAGE_SIZE, len);
    int wrc, rrc;

    if (!buf) {
        test_report(name, TEST_ERROR, "no memory");
        return;
    }
    blkfront_test_fill(buf, off, len);
    wrc = blkfront_write(dev, off, buf, len);
    memset(buf, 0, len);
    rrc = blkfront_read(dev, off, buf, len);
    test_check(name, wrc == 0 && rrc == 0 && blkfront_test_mismatches(buf, off, len) == 0,
               "write %d read %d, %zu of %zu bytes differ", wrc, rrc,
               wrc || rrc ? len : blkfront_test_mismatches(buf, off, len), len);
    free(buf);
}

struct async_state {
    unsigned int pending, max_pending, errors;
    struct wait_queue_head wq;
};

static void async_done(struct blkfront_aiocb *cb, int status)
{
    struct async_state *s = cb->data;

    s->errors += status != 0;
    s->pending--;
    wake_up(&s->wq);
}

/* Many writes queued before any completes: all must finish, several at once in flight. */
static void async_writes(struct blkfront_dev *dev)
{
    struct blkfront_aiocb cbs[ASYNC_REQS];
    struct async_state s = {0, 0, 0, WAIT_QUEUE_HEAD_INIT(s.wq)};
    uint8_t *buf = memalign(PAGE_SIZE, ASYNC_REQS * ASYNC_LEN);
    unsigned int submitted = 0;
    size_t bad;
    int rc;

    if (!buf) {
        test_report("async_writes", TEST_ERROR, "no memory");
        return;
    }
    blkfront_test_fill(buf, PAT_ASYNC_OFF, ASYNC_REQS * ASYNC_LEN);
    for (unsigned int i = 0; i < ASYNC_REQS; i++) {
        cbs[i] = (struct blkfront_aiocb){BLKFRONT_WRITE,      PAT_ASYNC_OFF + i * ASYNC_LEN,
                                         buf + i * ASYNC_LEN, ASYNC_LEN,
                                         async_done,          &s};
        if (blkfront_submit(dev, &cbs[i]) != 0)
            break;
        submitted++;
        s.pending++;
        if (s.pending > s.max_pending)
            s.max_pending = s.pending;
    }
    wait_event(s.wq, s.pending == 0);
    test_check("async_writes", submitted == ASYNC_REQS && s.errors == 0 && s.max_pending > 1,
               "submitted %u of %u, %u errors, %u in flight at most", submitted, ASYNC_REQS,
               s.errors, s.max_pending);
    memset(buf, 0, ASYNC_REQS * ASYNC_LEN);
    rc = blkfront_read(dev, PAT_ASYNC_OFF, buf, ASYNC_REQS * ASYNC_LEN);
    bad = rc ? ASYNC_REQS * ASYNC_LEN
             : blkfront_test_mismatches(buf, PAT_ASYNC_OFF, ASYNC_REQS * ASYNC_LEN);
    test_check("async_verify", bad == 0, "read back: rc %d, %zu bytes differ", rc, bad);
    free(buf);
}

/* Requests blkfront must refuse before sending anything. */
static void bad_requests(struct blkfront_dev *dev)
{
    const struct blkfront_info *in = blkfront_info(dev);
    uint8_t *buf = memalign(PAGE_SIZE, in->max_request_bytes + PAGE_SIZE);
    struct blkfront_aiocb cb = {BLKFRONT_READ, 0, buf + 1, 512, async_done, NULL};
    uint64_t end = in->sectors * in->sector_size;
    int misaligned, beyond, big;

    if (!buf) {
        test_report("bad_requests", TEST_ERROR, "no memory");
        return;
    }
    misaligned = blkfront_submit(dev, &cb);
    cb = (struct blkfront_aiocb){BLKFRONT_READ, end, buf, 512, async_done, NULL};
    beyond = blkfront_submit(dev, &cb);
    cb = (struct blkfront_aiocb){BLKFRONT_READ, 0,   buf, in->max_request_bytes + PAGE_SIZE,
                                 async_done,    NULL};
    big = blkfront_submit(dev, &cb);
    test_check("bad_requests", misaligned == -EINVAL && beyond == -EINVAL && big == -E2BIG,
               "misaligned %d, beyond the end %d, too big %d", misaligned, beyond, big);
    free(buf);
}

static void writable_disk(struct blkfront_dev *dev)
{
    const struct blkfront_info *in = blkfront_info(dev);
    int rc;

    write_read_verify(dev, "rw_small", PAT_SMALL_OFF, 0x1000);
    write_read_verify(dev, "rw_large", PAT_LARGE_OFF, PAT_LARGE_LEN);
    async_writes(dev);
    blkfront_test_unaligned(dev);
    blkfront_test_isolation(dev);
    bad_requests(dev);
    rc = blkfront_flush(dev);
    test_check("flush", in->flush || in->barrier ? rc == 0 : rc == -EOPNOTSUPP,
               "rc %d (flush %d barrier %d)", rc, in->flush, in->barrier);
}

/* A read-only disk reads, and refuses writes and flushes with -EROFS without sending. */
static void readonly_disk(struct blkfront_dev *dev)
{
    struct blkfront_stats before, after;
    uint8_t *buf = memalign(PAGE_SIZE, 0x10000);
    struct blkfront_aiocb cb = {BLKFRONT_WRITE, 0, buf, 512, async_done, NULL};
    int rrc, wrc, arc, frc;

    if (!buf) {
        test_report("ro_disk", TEST_ERROR, "no memory");
        return;
    }
    rrc = blkfront_read(dev, 0, buf, 0x10000);
    test_check("ro_read", rrc == 0, "rc %d", rrc);
    blkfront_get_stats(dev, &before);
    wrc = blkfront_write(dev, 0, buf, 0x1000);
    arc = blkfront_submit(dev, &cb);
    frc = blkfront_flush(dev);
    blkfront_get_stats(dev, &after);
    test_check("ro_write_refused", wrc == -EROFS && arc == -EROFS && frc == -EROFS,
               "write %d, async write %d, flush %d", wrc, arc, frc);
    test_check("ro_nothing_sent", after.requests == before.requests && blkfront_connected(dev),
               "requests %lu -> %lu", before.requests, after.requests);
    free(buf);
}

/* Responses with an id out of range or for a slot not in flight: counted, dropped, harmless. */
static void bad_response_ids(struct blkfront_dev *dev)
{
    static const uint64_t ids[] = {100000, UINT64_MAX, 3};
    unsigned long before = dev->stats.bad_responses;
    uint8_t *buf = memalign(PAGE_SIZE, PAGE_SIZE);
    int rc = -ENOMEM;

    /* Between blocking calls nothing is in flight, so slot 3 is free. */
    for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
        blkif_response_t rsp = {.id = ids[i], .operation = BLKIF_OP_READ};

        blkfront_handle_response(dev, &rsp);
    }
    if (buf)
        rc = blkfront_read(dev, PAT_SMALL_OFF, buf, PAGE_SIZE);
    test_check("bad_response_ids",
               dev->stats.bad_responses == before + 3 && rc == 0 &&
                   !blkfront_test_mismatches(buf, PAT_SMALL_OFF, PAGE_SIZE),
               "bad responses %lu -> %lu, read after them %d", before, dev->stats.bad_responses,
               rc);
    free(buf);
}

/* A backend whose rsp_prod runs past our requests: the disk disconnects, nothing crashes. */
static void broken_ring(struct blkfront_dev *dev)
{
    uint64_t deadline = NOW() + SECONDS(60);
    uint8_t buf[512] __attribute__((aligned(512)));
    int rc;

    dev->ring.sring->rsp_prod += 5;
    wake_up(&dev->be_watch.wq);
    while (blkfront_connected(dev) && NOW() < deadline)
        msleep(10);
    rc = blkfront_read(dev, 0, buf, sizeof(buf));
    test_check("broken_ring_disconnects", !blkfront_connected(dev) && rc == -ENODEV,
               "connected %d, read %d, bad responses %lu", blkfront_connected(dev), rc,
               dev->stats.bad_responses);
}

/* Open every disk under device/vbd: the count, or -errno (SKIP reported when none). */
static int open_disks(struct blkfront_dev **devs)
{
    char **names, path[XENBUS_PATH_MAX];
    int n = xenbus_directory(XBT_NIL, "device/vbd", &names), opened = 0;

    if (n <= 0) {
        test_report("disks", TEST_SKIP, "no device/vbd (rc %d): give the domain disks", n);
        if (n == 0)
            free(names);
        return n < 0 ? n : 0;
    }
    for (int i = 0; i < n && opened < MAX_DISKS; i++) {
        int rc;

        snprintf(path, sizeof(path), "device/vbd/%s", names[i]);
        rc = blkfront_open(path, 0, &devs[opened]);
        if (test_check("open", rc == 0, "%s: rc %d", path, rc))
            opened++;
    }
    free(names);
    return opened;
}

static void describe(struct blkfront_dev *dev)
{
    const struct blkfront_info *in = blkfront_info(dev);

    test_check("info", in->sectors > 0 && in->sector_size >= 512,
               "%s: %llu x %u bytes, %s, info %#x, ring %u pages/%u slots, %u segments%s, "
               "flush %d barrier %d",
               in->nodename, (unsigned long long)in->sectors, in->sector_size,
               in->readonly ? "ro" : "rw", in->vdisk_info, in->ring_pages, in->ring_slots,
               in->max_segments, in->indirect ? " (indirect)" : "", in->flush, in->barrier);
}

static void check_no_leaks(unsigned int refs, unsigned long pages)
{
    test_check("grants_returned", gnttab_free_refs() == refs, "free refs %u, before %u",
               gnttab_free_refs(), refs);
    test_check("pages_returned", free_page_count() == pages, "free pages %lu, before %lu",
               free_page_count(), pages);
}

/* A disk closed (or whose open failed) can be opened again: the backend reconnects. */
static void reopen(const char *node)
{
    uint8_t *buf = memalign(PAGE_SIZE, PAGE_SIZE);
    struct blkfront_dev *dev;
    int rc = blkfront_open(node, SECONDS(60), &dev), rrc = -ENODEV, crc = -ENODEV;

    if (rc == 0) {
        rrc = buf ? blkfront_read(dev, 0, buf, PAGE_SIZE) : -ENOMEM;
        crc = blkfront_close(dev);
    }
    test_check("reopen_after_close", rc == 0 && rrc == 0 && crc == 0,
               "%s: open %d, read %d, close %d", node, rc, rrc, crc);
    free(buf);
}

void suite_blkfront(void)
{
    struct blkfront_dev *devs[MAX_DISKS];
    unsigned int refs = gnttab_free_refs();
    unsigned long pages = free_page_count();
    int n = open_disks(devs);
    bool saw_ro = false, saw_rw = false;

    for (int i = 0; i < n; i++) {
        describe(devs[i]);
        if (blkfront_info(devs[i])->readonly) {
            saw_ro = true;
            readonly_disk(devs[i]);
            broken_ring(devs[i]);
        } else {
            saw_rw = true;
            writable_disk(devs[i]);
            bad_response_ids(devs[i]);
        }
    }
    if (n > 0)
        test_check("both_kinds", saw_ro && saw_rw, "read-only %d, writable %d", saw_ro, saw_rw);
    for (int i = 0; i < n; i++) {
        struct blkfront_stats st;
        int rc;

        blkfront_get_stats(devs[i], &st);
        rc = blkfront_close(devs[i]);
        test_check("close", rc == 0 && st.leaked_grants == 0,
                   "rc %d, %lu requests, %lu errors, %lu bad responses, %lu leaked grants", rc,
                   st.requests, st.errors, st.bad_responses, st.leaked_grants);
    }
    if (n > 0)
        reopen("device/vbd/51712");
    if (n > 0)
        check_no_leaks(refs, pages);
}

/* --- Hot-plug: the dom0 script detaches xvdb during I/O, then attaches xvdc ------------- */

#define HOT_INFLIGHT 16
#define HOT_LEN      0x4000

struct hot_io {
    struct blkfront_aiocb cbs[HOT_INFLIGHT];
    bool busy[HOT_INFLIGHT];
    unsigned long ok, failed, other;
    unsigned int completions;
    struct wait_queue_head wq;
};

static void hot_done(struct blkfront_aiocb *cb, int status)
{
    struct hot_io *h = cb->data;

    h->busy[cb - h->cbs] = false;
    if (status == 0)
        h->ok++;
    else if (status == -ENODEV || status == -EIO)
        h->failed++;
    else
        h->other++;
    h->completions++;
    wake_up(&h->wq);
}

/* Keep HOT_INFLIGHT writes and reads going until the disk goes away: 0, or -ETIMEDOUT. */
static int io_until_gone(struct blkfront_dev *dev, struct hot_io *h, uint8_t *buf)
{
    uint64_t deadline = NOW() + SECONDS(240), off = 0;
    unsigned int seen = 0;

    while (blkfront_connected(dev) && NOW() < deadline) {
        for (unsigned int i = 0; i < HOT_INFLIGHT; i++) {
            if (h->busy[i])
                continue;
            h->cbs[i] = (struct blkfront_aiocb){i & 1 ? BLKFRONT_READ : BLKFRONT_WRITE,
                                                off,
                                                buf + i * HOT_LEN,
                                                HOT_LEN,
                                                hot_done,
                                                h};
            off = (off + HOT_LEN) % (8u << 20);
            if (blkfront_submit(dev, &h->cbs[i]) == 0)
                h->busy[i] = true;
        }
        wait_event_deadline(h->wq, h->completions != seen || !blkfront_connected(dev), deadline);
        seen = h->completions;
    }
    return blkfront_connected(dev) ? -ETIMEDOUT : 0;
}

static void detach_during_io(struct blkfront_dev *dev)
{
    struct hot_io *h = calloc(1, sizeof(*h));
    uint8_t *buf = memalign(PAGE_SIZE, HOT_INFLIGHT * HOT_LEN);
    struct blkfront_stats st;
    struct blkfront_aiocb cb = {BLKFRONT_READ, 0, buf, 512, hot_done, h};
    int rc, after, in_flight = 0;

    if (!h || !buf) {
        test_report("detach_io", TEST_ERROR, "no memory");
        return;
    }
    init_waitqueue_head(&h->wq);
    rc = io_until_gone(dev, h, buf);
    for (unsigned int i = 0; i < HOT_INFLIGHT; i++)
        in_flight += h->busy[i];
    /* Only once detached: a request still served would complete into hot_done later. */
    after = blkfront_connected(dev) ? -EISCONN : blkfront_submit(dev, &cb);
    test_check("detach_io", rc == 0 && h->ok > 0 && in_flight == 0 && h->other == 0,
               "rc %d: %lu ok, %lu failed with -ENODEV/-EIO, %lu other, %d never completed", rc,
               h->ok, h->failed, h->other, in_flight);
    test_check("submit_after_detach", after == -ENODEV, "rc %d", after);
    blkfront_get_stats(dev, &st);
    rc = blkfront_close(dev);
    test_check("close_detached", st.leaked_grants == 0 && st.bad_responses == 0,
               "close rc %d, %lu leaked grants, %lu bad responses", rc, st.leaked_grants,
               st.bad_responses);
    free(buf);
    free(h);
}

/* Wait for a disk that appears in device/vbd (xl block-attach) and use it. */
static void attach_new_disk(void)
{
    struct xenbus_watch w;
    uint64_t deadline = NOW() + SECONDS(120);
    struct blkfront_dev *dev = NULL;
    int rc = xenbus_watch_add(&w, "device/vbd/51744");

    for (struct xenbus_event *ev; rc == 0 && !dev;) {
        XenbusState st = XenbusStateUnknown;

        rc = xenbus_watch_wait(&w, deadline, &ev);
        if (rc)
            break;
        free(ev);
        if (xenbus_read_state("device/vbd/51744", &st) == 0 && st == XenbusStateInitialising)
            rc = blkfront_open("device/vbd/51744", 0, &dev);
    }
    xenbus_watch_remove(&w);
    if (!test_check("attach", rc == 0 && dev, "xvdc (device/vbd/51744): rc %d", rc))
        return;
    describe(dev);
    write_read_verify(dev, "attached_rw", 0x10000, 0x40000);
    rc = blkfront_close(dev);
    test_check("close_attached", rc == 0, "rc %d", rc);
}

void suite_blkfront_hotplug(void)
{
    struct blkfront_dev *devs[MAX_DISKS];
    unsigned int refs = gnttab_free_refs();
    unsigned long pages = free_page_count();
    int n = open_disks(devs);
    struct blkfront_dev *rw = NULL;

    for (int i = 0; i < n; i++) {
        if (!blkfront_info(devs[i])->readonly && !rw)
            rw = devs[i];
        else
            blkfront_close(devs[i]);
    }
    if (n <= 0)
        return;
    if (!test_check("writable_disk", rw != NULL, "%d disks opened", n))
        return;
    printk("blkfront-hotplug: I/O on %s until it is detached\n", blkfront_info(rw)->nodename);
    detach_during_io(rw);
    attach_new_disk();
    check_no_leaks(refs, pages);
}

/* --- Benchmark: the cost of bounce buffers (tests/boot/blkfront-bench.cfg) ------------- */

void suite_blkfront_bench(void)
{
    struct blkfront_dev *devs[MAX_DISKS];
    int n = open_disks(devs);

    if (n > 0)
        blkfront_test_bench(devs[0], 1);
    for (int i = 0; i < n; i++)
        blkfront_close(devs[i]);
}
