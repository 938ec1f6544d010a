/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Disk workloads of the bench suite through blkfront's asynchronous API: QD application
 * requests of BS bytes kept in flight for bench_ns, each split into as many blkfront
 * requests as max_request_bytes needs (as Linux splits by its segment limit). Every
 * request uses the same page-aligned buffer, like lbench on Linux: data is not checked.
 */
#include <kernel.h>
#include <blkfront.h>
#include <fmt.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include <wait.h>
#include "bench.h"

#define MAX_QD     32
#define BUF_ORDER  8 /* 1 MiB */
#define MAX_CHUNKS 64

struct workload {
    const char *name;
    bool write, random;
    size_t bs;
    unsigned int qd;
};

struct slot {
    struct blkfront_aiocb cbs[MAX_CHUNKS];
    unsigned int pending;
    struct run *run;
};

struct run {
    struct blkfront_dev *dev;
    const struct workload *w;
    struct slot slots[MAX_QD];
    unsigned int inflight; /* application requests */
    uint64_t ios, errors, completions, next, size, rnd;
    struct wait_queue_head wq;
    char *buf;
};

static const struct workload workloads[] = {
    {"seqread.qd1", false, false, 1 << 20, 1},   {"seqread.qd8", false, false, 1 << 20, 8},
    {"seqread.qd32", false, false, 1 << 20, 32}, {"seqwrite.qd1", true, false, 1 << 20, 1},
    {"seqwrite.qd8", true, false, 1 << 20, 8},   {"seqwrite.qd32", true, false, 1 << 20, 32},
    {"randread.qd1", false, true, 4096, 1},      {"randread.qd32", false, true, 4096, 32},
    {"randwrite.qd1", true, true, 4096, 1},      {"randwrite.qd32", true, true, 4096, 32},
};

static void chunk_done(struct blkfront_aiocb *cb, int status)
{
    struct slot *s = cb->data;
    struct run *r = s->run;

    r->completions++;
    if (status)
        r->errors++;
    if (--s->pending == 0) {
        r->ios++;
        r->inflight--;
    }
    wake_up(&r->wq);
}

static uint64_t next_offset(struct run *r)
{
    size_t bs = r->w->bs;
    uint64_t off;

    if (r->w->random) {
        r->rnd ^= r->rnd << 13;
        r->rnd ^= r->rnd >> 7;
        r->rnd ^= r->rnd << 17;
        return r->rnd % (r->size / bs) * bs;
    }
    off = r->next;
    r->next = (r->next + bs) % r->size;
    return off;
}

/* Submit one application request as chunks, waiting for ring slots: 0 or -errno. */
static int start_slot(struct run *r, struct slot *s)
{
    size_t max = blkfront_info(r->dev)->max_request_bytes, done = 0;
    uint64_t off = next_offset(r);
    unsigned int n = 0, chunks = (unsigned int)((r->w->bs + max - 1) / max);

    s->pending = chunks;
    r->inflight++;
    while (done < r->w->bs) {
        struct blkfront_aiocb *cb = &s->cbs[n++];
        size_t len = r->w->bs - done < max ? r->w->bs - done : max;
        int rc;

        *cb = (struct blkfront_aiocb){r->w->write ? BLKFRONT_WRITE : BLKFRONT_READ,
                                      off + done,
                                      r->buf + done,
                                      len,
                                      chunk_done,
                                      s};
        while ((rc = blkfront_submit(r->dev, cb)) == -EAGAIN) {
            uint64_t seen = r->completions;

            wait_event(r->wq, r->completions != seen);
        }
        if (rc) {
            /* the chunks already queued still complete; the rest never will */
            s->pending -= chunks - (n - 1);
            if (s->pending == 0)
                r->inflight--;
            return rc;
        }
        done += len;
    }
    return 0;
}

static bool run_workload(struct blkfront_dev *dev, const char *backend, const struct workload *w,
                         char *buf)
{
    struct run *r = calloc(1, sizeof(*r));
    char key[48];
    uint64_t t0, deadline;
    int rc = 0;

    if (!r)
        return false;
    *r = (struct run){.dev = dev, .w = w, .buf = buf, .rnd = 88172645463325252ULL};
    init_waitqueue_head(&r->wq);
    r->size = blkfront_info(dev)->sectors * blkfront_info(dev)->sector_size / w->bs * w->bs;
    snprintf(key, sizeof(key), "disk.%s.%s", backend, w->name);
    bench_mark("start", key);
    t0 = NOW();
    deadline = t0 + bench_ns;
    while (NOW() < deadline && !rc) {
        for (unsigned int i = 0; i < w->qd && !rc && NOW() < deadline; i++)
            if (r->slots[i].pending == 0) {
                r->slots[i].run = r;
                rc = start_slot(r, &r->slots[i]);
            }
        uint64_t seen = r->completions;

        wait_event(r->wq, r->completions != seen || r->inflight < w->qd);
    }
    wait_event(r->wq, r->inflight == 0);
    uint64_t ns = NOW() - t0;

    bench_mark("end", key);
    if (rc || r->errors)
        printk("bench: %s error=%d errors=%llu\n", key, rc, (unsigned long long)r->errors);
    bench_report(key, r->ios * w->bs, r->ios, ns);
    rc = rc || r->errors || !r->ios;
    free(r);
    return !rc;
}

bool bench_disk(const char *nodename, const char *backend)
{
    struct blkfront_dev *dev;
    char *buf = alloc_pages(BUF_ORDER);
    bool ok = true;
    int rc;

    if (!buf)
        return false;
    memset(buf, 0x5a, PAGE_SIZE << BUF_ORDER);
    rc = blkfront_open(nodename, SECONDS(30), &dev);
    if (rc) {
        printk("bench: %s: open failed: %d\n", nodename, rc);
        free_pages(buf, BUF_ORDER);
        return false;
    }
    if ((1u << 20) / blkfront_info(dev)->max_request_bytes >= MAX_CHUNKS) {
        printk("bench: %s: requests too small\n", nodename);
        ok = false;
    }
    for (size_t i = 0; i < ARRAY_SIZE(workloads) && ok; i++)
        ok = run_workload(dev, backend, &workloads[i], buf);
    blkfront_close(dev);
    free_pages(buf, BUF_ORDER);
    return ok;
}
