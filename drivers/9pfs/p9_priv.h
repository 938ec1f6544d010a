/* SPDX-License-Identifier: BSD-2-Clause */
/* 9pfs frontend internals: shares, their rings (data path), fids and the 9P calls. */
#ifndef MINIOS_P9_PRIV_H
#define MINIOS_P9_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <hypervisor.h>
#include <p9fs.h>
#include <wait.h>
#include <xenbus.h>
#include <xen/io/9pfs.h>
#include "p9_wire.h"

/*
 * Rings per share (the backend allows up to its max-rings) and pages per ring (2^order,
 * half for requests, half for responses; capped by max-ring-page-order). Each ring carries
 * one request at a time, so several threads use a share in parallel up to P9_MAX_RINGS.
 */
#define P9_MAX_RINGS      4u
#define P9_RING_ORDER     6u
#define P9_MIN_RING_ORDER 2u /* 8 KiB each way: room for the 4 KiB msize QEMU demands */
#define P9_MAX_FIDS       1024u
/* How long one request may take before the ring is given up (TCG under load is slow). */
#define P9_RPC_TIMEOUT     (120ULL * 1000000000ULL)
#define P9_CONNECT_TIMEOUT (30ULL * 1000000000ULL)

struct p9_ring {
    struct p9_share *share;
    unsigned int index;
    struct xen_9pfs_data_intf *intf; /* one page: indexes, order, grant refs of data */
    unsigned char *data;             /* 2^order pages: in (responses), then out (requests) */
    struct xen_9pfs_data halves;
    RING_IDX size; /* bytes in each half */
    grant_ref_t intf_ref;
    grant_ref_t refs[1u << P9_RING_ORDER];
    unsigned int nrefs;
    evtchn_port_t port;
    struct wait_queue_head wq;
    bool busy;
    bool broken;      /* out of step with the backend: every call fails */
    uint8_t *tx, *rx; /* msize bytes each: the request and response */
};

struct p9_share {
    char tag[P9FS_TAG_MAX + 1];
    struct xenbus_device xb;
    unsigned int nrings, order;
    uint32_t msize;
    struct p9_ring rings[P9_MAX_RINGS];
    struct semaphore free_rings;
    uint32_t root_fid;
    uint32_t fid_bits[P9_MAX_FIDS / 32];
};

/* Counters over every share (p9fs_get_stats). */
extern struct p9fs_stats p9_stats;

/* --- p9_ring.c: the data path ---------------------------------------------------------- */

/* Grant and bind ring index of share (order share->order). 0 or -errno. */
int p9_ring_setup(struct p9_share *s, unsigned int index);
/* Ungrant and free what p9_ring_setup made (after the backend disconnected). */
void p9_ring_free(struct p9_ring *r);
/* Take a free ring of s for one call (blocks while all are busy), and give it back. */
struct p9_ring *p9_ring_get(struct p9_share *s);
void p9_ring_put(struct p9_ring *r);
/*
 * Send the len-byte request in r->tx and wait for its response in r->rx: 0 and *rsp_len,
 * or -EPROTO/-ETIMEDOUT/-EIO (the ring is then broken for good).
 */
int p9_ring_call(struct p9_ring *r, size_t len, size_t *rsp_len);

/* --- p9_front.c: the control path ------------------------------------------------------ */

/* Connect every device/9pfs/N once (later calls return at once): share count or -errno. */
int p9_shares_init(void);
/* The share whose tag is the first component of path; *rest = the remainder. */
struct p9_share *p9_share_lookup(const char *path, const char **rest);

/* --- p9_ops.c: 9P2000.L calls on one share (each takes a ring for its duration) -------- */

int p9_fid_alloc(struct p9_share *s, uint32_t *fid);
void p9_fid_release(struct p9_share *s, uint32_t fid);

int p9_version(struct p9_share *s);
int p9_attach(struct p9_share *s, uint32_t fid);
/* Walk n names (n <= P9_MAXWELEM) from fid to newfid; -ENOENT if one is missing. */
int p9_walk(struct p9_share *s, uint32_t fid, uint32_t newfid, const char *const *names,
            const uint16_t *lens, unsigned int n, struct p9_qid *qid);
int p9_lopen(struct p9_share *s, uint32_t fid, uint32_t flags, struct p9_qid *qid,
             uint32_t *iounit);
int p9_lcreate(struct p9_share *s, uint32_t fid, const char *name, uint32_t flags, uint32_t mode,
               struct p9_qid *qid, uint32_t *iounit);
/* Bytes read (<= len, 0 at the end), or -errno. */
long p9_read(struct p9_share *s, uint32_t fid, uint64_t off, void *buf, size_t len);
long p9_write(struct p9_share *s, uint32_t fid, uint64_t off, const void *buf, size_t len);
int p9_clunk(struct p9_share *s, uint32_t fid);
int p9_getattr(struct p9_share *s, uint32_t fid, struct p9fs_stat *st);
int p9_truncate(struct p9_share *s, uint32_t fid, uint64_t size);
int p9_fsync(struct p9_share *s, uint32_t fid);
int p9_mkdir(struct p9_share *s, uint32_t dfid, const char *name, uint32_t mode);
int p9_unlinkat(struct p9_share *s, uint32_t dfid, const char *name, uint32_t flags);
int p9_renameat(struct p9_share *s, uint32_t olddfid, const char *oldname, uint32_t newdfid,
                const char *newname);
/*
 * Directory entries from offset: the raw Rreaddir data (in r->rx of a ring the caller
 * never sees) is copied to buf (len bytes): bytes copied, 0 at the end, or -errno.
 */
long p9_readdir(struct p9_share *s, uint32_t fid, uint64_t offset, void *buf, size_t len);

/* --- p9fs.c, p9fs_path.c: paths --------------------------------------------------------- */

#define P9_QTDIR        0x80
#define P9_AT_REMOVEDIR 0x200

struct p9fs_file {
    struct p9_share *s;
    uint32_t fid;
    uint32_t chunk; /* bytes per Tread/Twrite: iounit or msize less headers */
    bool dir;
    /* Directories: one Rreaddir's entries, handed out one at a time. */
    uint8_t *dbuf;
    size_t dlen, dpos;
    uint64_t doff;
};

/* A path's components below its share, "." and empty ones dropped. */
struct path {
    const char *name[64];
    uint16_t len[64];
    unsigned int n;
};

/* The share of path and its components: 0, -ENOENT (no such share), -ENAMETOOLONG. */
int p9_resolve(const char *path, struct p9_share **s, struct path *p);
/* A new fid for the first n components of p, walked from the root (n = 0: the root). */
int p9_walk_path(struct p9_share *s, const struct path *p, unsigned int n, uint32_t *fid,
                 struct p9_qid *qid);
/* Clunk fid and free its number. */
void p9_put_fid(struct p9_share *s, uint32_t fid);

#endif
