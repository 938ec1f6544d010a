/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Block frontend: virtual disks (device/vbd/N) served by a blkif backend. Asynchronous
 * requests with completion callbacks, blocking read/write/flush on top, several requests in
 * flight per disk. Thread context only; completion callbacks run in the disk's own
 * completion thread ("blkfront-N"), never in an event handler.
 *
 * Buffers: in RAM (heap, alloc_pages, thread stacks; not the mapping area), 512-byte
 * aligned, of any length that is a multiple of the disk's sector size; offsets likewise.
 * The backend only ever gets access to the I/O's own bytes: a page the buffer covers
 * entirely is granted in place (the fast path: every page of a page-aligned buffer whose
 * length is a multiple of 4 KiB), a partial first or last page goes through a zeroed
 * bounce page of blkfront's own (one copy of those bytes).
 * When the disk goes away (xl block-detach, backend closing), requests in flight complete
 * with -ENODEV and new ones are refused with -ENODEV; the caller then calls blkfront_close.
 */
#ifndef MINIOS_BLKFRONT_H
#define MINIOS_BLKFRONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct blkfront_dev;

/* What the backend told us about the disk and what this connection uses. */
struct blkfront_info {
    char nodename[32];         /* "device/vbd/51712" */
    unsigned int vdev;         /* the N of device/vbd/N */
    uint64_t sectors;          /* size in sector_size units */
    unsigned int sector_size;  /* bytes, a power of two >= 512 */
    unsigned int vdisk_info;   /* the backend's "info" (VDISK_* bits) */
    bool readonly;             /* mode "r" or VDISK_READONLY: writes fail with -EROFS */
    bool flush;                /* feature-flush-cache */
    bool barrier;              /* feature-barrier */
    unsigned int ring_pages;   /* pages of the shared ring (max-ring-page-order) */
    unsigned int ring_slots;   /* requests that can be in flight at once */
    unsigned int max_segments; /* pages per request: 11, or more with indirect requests */
    bool indirect;             /* feature-max-indirect-segments in use */
    size_t max_request_bytes;  /* largest single request blkfront_submit accepts */
};

/* Counters, for the demo and tests. */
struct blkfront_stats {
    uint64_t bytes_read, bytes_written;
    unsigned long requests, errors; /* completed requests; those with status != 0 */
    unsigned long bad_responses;    /* dropped: id out of range or not in flight */
    unsigned long leaked_grants;    /* grants the backend never released (pages kept) */
    unsigned long bounced_pages;    /* partial pages that went through a bounce page */
    uint64_t bounce_ns;             /* time spent preparing and copying bounce pages */
};

enum blkfront_op { BLKFRONT_READ, BLKFRONT_WRITE, BLKFRONT_FLUSH };

/*
 * One asynchronous request. The caller owns it and fills the public fields; it must stay
 * untouched until done(cb, status) has been called (status 0 or -errno: -EIO backend
 * error, -EOPNOTSUPP backend refused the operation, -ENODEV disk gone).
 */
struct blkfront_aiocb {
    enum blkfront_op op;
    uint64_t offset; /* bytes; ignored for FLUSH */
    void *buf;       /* ignored for FLUSH */
    size_t len;      /* bytes, <= info.max_request_bytes; 0 for FLUSH */
    void (*done)(struct blkfront_aiocb *cb, int status);
    void *data; /* for the caller */
};

/*
 * Connect to the disk at nodename ("device/vbd/N"), waiting up to timeout_ns (0: a
 * default of 30 s) for the backend. 0 and *devp, or -errno (-ENOENT no such disk,
 * -ETIMEDOUT, -ECONNREFUSED backend closed, -ENOMEM, -EPROTO unusable backend values).
 * timeout_ns also bounds every later wait on this backend (blocking I/O, close).
 */
int blkfront_open(const char *nodename, uint64_t timeout_ns, struct blkfront_dev **devp);
/*
 * Let requests in flight finish, disconnect and free everything (grants, pages, thread).
 * Also after the disk went away. 0, or -errno from the handshake (resources freed anyway,
 * except pages the backend still holds, which are counted as leaked and never reused).
 */
int blkfront_close(struct blkfront_dev *dev);

/* Change how long later waits on this backend may take (0: the 30 s default). */
void blkfront_set_timeout(struct blkfront_dev *dev, uint64_t timeout_ns);

const struct blkfront_info *blkfront_info(const struct blkfront_dev *dev);
void blkfront_get_stats(const struct blkfront_dev *dev, struct blkfront_stats *stats);
/* Whether the disk is still connected (false once the backend went away). */
bool blkfront_connected(const struct blkfront_dev *dev);

/*
 * Queue cb without blocking: 0 (done will be called exactly once), or -errno with done
 * never called: -EAGAIN every ring slot busy (retry after a completion), -EROFS write or
 * flush to a read-only disk (nothing sent), -EINVAL misaligned or out of the disk, -E2BIG
 * over max_request_bytes, -ENODEV disk gone, -EOPNOTSUPP flush without backend support,
 * -ENOSPC no grant references, -ENOMEM.
 */
int blkfront_submit(struct blkfront_dev *dev, struct blkfront_aiocb *cb);

/*
 * Blocking I/O of any length (split into requests kept in flight together): 0 or the
 * first -errno of blkfront_submit or a completion. A backend that leaves a batch of
 * requests unanswered for the open's timeout is cut off: the disk disconnects (as if
 * detached) and the call returns -ETIMEDOUT.
 */
int blkfront_read(struct blkfront_dev *dev, uint64_t offset, void *buf, size_t len);
int blkfront_write(struct blkfront_dev *dev, uint64_t offset, const void *buf, size_t len);
/* Ask the backend to make written data durable: 0 or -errno (as blkfront_read). */
int blkfront_flush(struct blkfront_dev *dev);

#endif
