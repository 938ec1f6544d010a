/* SPDX-License-Identifier: BSD-2-Clause */
/* Blocking blkfront I/O on top of blkfront_submit: split, keep a batch in flight, wait. */
#include <kernel.h>
#include <time.h>
#include "blkfront_priv.h"

/* Requests one blocking call keeps in flight at once. */
#define SYNC_BATCH 8

struct sync_io {
    unsigned int pending;
    int err;
    struct wait_queue_head wq;
};

static void sync_done(struct blkfront_aiocb *cb, int status)
{
    struct sync_io *s = cb->data;

    if (status && !s->err)
        s->err = status;
    s->pending--;
    wake_up(&s->wq);
}

/* Submit cb, waiting until deadline for a free slot while the ring is full: 0 or -errno. */
static int submit_wait(struct blkfront_dev *dev, struct blkfront_aiocb *cb, uint64_t deadline)
{
    for (;;) {
        int rc = blkfront_submit(dev, cb);

        if (rc != -EAGAIN)
            return rc;
        if (wait_event_deadline(dev->slot_wq, dev->nr_free > 0 || dev->state != BLKFRONT_CONNECTED,
                                deadline))
            return -ETIMEDOUT;
    }
}

/*
 * Wait for the batch in s until deadline: 0 or its first error. A backend that has not
 * answered by then is cut off (the disk disconnects, which fails what is in flight), and
 * only then do we return -ETIMEDOUT: the requests and s live on our stack.
 */
static int wait_batch(struct blkfront_dev *dev, struct sync_io *s, uint64_t deadline)
{
    if (wait_event_deadline(s->wq, s->pending == 0, deadline) == 0)
        return s->err;
    printk("blkfront %u: no answer to %u requests for %llu ms: disconnecting\n", dev->info.vdev,
           s->pending, (unsigned long long)(dev->timeout / NSEC_PER_MSEC));
    blkfront_abort(dev);
    wait_event(s->wq, s->pending == 0);
    return -ETIMEDOUT;
}

/*
 * The longest piece from buf that one request takes: max_segments pages counted from
 * buf's own page (a buffer not page-aligned spans one page more than its length says).
 */
static size_t chunk_len(const struct blkfront_dev *dev, const char *buf, size_t len)
{
    size_t room = dev->info.max_request_bytes - ((uintptr_t)buf & (PAGE_SIZE - 1));

    room &= ~(size_t)(dev->info.sector_size - 1);
    return len < room ? len : room;
}

static int sync_rw(struct blkfront_dev *dev, enum blkfront_op op, uint64_t offset, char *buf,
                   size_t len)
{
    struct blkfront_aiocb cbs[SYNC_BATCH];
    struct sync_io s = {0, 0, WAIT_QUEUE_HEAD_INIT(s.wq)};
    int rc = 0;

    if (len == 0)
        return dev->state == BLKFRONT_CONNECTED ? 0 : -ENODEV;
    while (len && !rc) {
        /* Computed once per batch: how long the backend may take to answer all of it. */
        uint64_t deadline = NOW() + dev->timeout;
        int wrc;

        for (unsigned int n = 0; n < SYNC_BATCH && len; n++) {
            size_t chunk = chunk_len(dev, buf, len);

            cbs[n] = (struct blkfront_aiocb){op, offset, buf, chunk, sync_done, &s};
            rc = submit_wait(dev, &cbs[n], deadline);
            if (rc)
                break;
            s.pending++;
            offset += chunk;
            buf += chunk;
            len -= chunk;
        }
        /* Even after a submit error, the batch's earlier requests must finish first. */
        wrc = wait_batch(dev, &s, deadline);
        if (!rc || wrc == -ETIMEDOUT)
            rc = wrc;
    }
    return rc;
}

int blkfront_read(struct blkfront_dev *dev, uint64_t offset, void *buf, size_t len)
{
    return sync_rw(dev, BLKFRONT_READ, offset, buf, len);
}

int blkfront_write(struct blkfront_dev *dev, uint64_t offset, const void *buf, size_t len)
{
    /* The backend only reads the pages of a write (they are granted read-only). */
    return sync_rw(dev, BLKFRONT_WRITE, offset, (char *)buf, len);
}

int blkfront_flush(struct blkfront_dev *dev)
{
    struct sync_io s = {1, 0, WAIT_QUEUE_HEAD_INIT(s.wq)};
    struct blkfront_aiocb cb = {BLKFRONT_FLUSH, 0, NULL, 0, sync_done, &s};
    uint64_t deadline = NOW() + dev->timeout;
    int rc = submit_wait(dev, &cb, deadline);

    if (rc)
        return rc;
    return wait_batch(dev, &s, deadline);
}
