/* SPDX-License-Identifier: BSD-2-Clause */
/* Blocking blkfront I/O on top of blkfront_submit: split, keep a batch in flight, wait. */
#include <kernel.h>
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

/* Submit cb, waiting for a free slot while the ring is full: 0 or -errno. */
static int submit_wait(struct blkfront_dev *dev, struct blkfront_aiocb *cb)
{
    for (;;) {
        int rc = blkfront_submit(dev, cb);

        if (rc != -EAGAIN)
            return rc;
        wait_event(dev->slot_wq, dev->nr_free > 0 || dev->state != BLKFRONT_CONNECTED);
    }
}

static int sync_rw(struct blkfront_dev *dev, enum blkfront_op op, uint64_t offset, char *buf,
                   size_t len)
{
    struct blkfront_aiocb cbs[SYNC_BATCH];
    struct sync_io s = {0, 0, WAIT_QUEUE_HEAD_INIT(s.wq)};
    size_t max = dev->info.max_request_bytes;
    int rc = 0;

    if (len == 0)
        return dev->state == BLKFRONT_CONNECTED ? 0 : -ENODEV;
    while (len && !rc) {
        unsigned int n;

        for (n = 0; n < SYNC_BATCH && len; n++) {
            size_t chunk = len < max ? len : max;

            cbs[n] = (struct blkfront_aiocb){op, offset, buf, chunk, sync_done, &s};
            rc = submit_wait(dev, &cbs[n]);
            if (rc)
                break;
            s.pending++;
            offset += chunk;
            buf += chunk;
            len -= chunk;
        }
        /* Even after a submit error, the batch's earlier requests must finish first. */
        wait_event(s.wq, s.pending == 0);
        if (!rc)
            rc = s.err;
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
    int rc = submit_wait(dev, &cb);

    if (rc)
        return rc;
    wait_event(s.wq, s.pending == 0);
    return s.err;
}
