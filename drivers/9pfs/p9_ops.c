/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 9P2000.L calls: each builds its request in a ring's tx buffer, waits for the response and
 * parses it with the checks of p9_wire.c. Lengths the server returns are never trusted:
 * a count beyond what was asked or beyond the message is a protocol error.
 */
#include <kernel.h>
#include <string.h>
#include "p9_priv.h"

#define P9_VERSION       "9P2000.L"
#define P9_GETATTR_BASIC 0x7ffull
#define P9_SETATTR_SIZE  0x8u

int p9_fid_alloc(struct p9_share *s, uint32_t *fid)
{
    for (uint32_t i = 0; i < P9_MAX_FIDS; i++) {
        if (!(s->fid_bits[i / 32] & (1u << (i % 32)))) {
            s->fid_bits[i / 32] |= 1u << (i % 32);
            *fid = i;
            return 0;
        }
    }
    return -EMFILE;
}

void p9_fid_release(struct p9_share *s, uint32_t fid)
{
    ASSERT(fid < P9_MAX_FIDS);
    s->fid_bits[fid / 32] &= ~(1u << (fid % 32));
}

/* One call in flight on a ring: the tag is the ring's index (QEMU answers a tag on ring
 * tag % num-rings, so this keeps each response on the ring of its request). */
struct call {
    struct p9_share *s;
    struct p9_ring *r;
    struct p9_msg m;
    uint16_t tag;
    uint8_t type;
};

static void call_begin(struct call *c, struct p9_share *s, uint8_t type)
{
    c->s = s;
    c->r = p9_ring_get(s);
    c->tag = (uint16_t)c->r->index;
    c->type = type;
    p9_begin(&c->m, c->r->tx, s->msize, type, c->tag);
}

/* Send, receive and check the header: 0 with c->m at the response body, or -errno. */
static int call_run(struct call *c)
{
    size_t len = p9_finish(&c->m), rsp_len;
    int rc = len ? p9_ring_call(c->r, len, &rsp_len) : -ENAMETOOLONG;

    if (!rc)
        rc = p9_parse_reply(&c->m, c->r->rx, rsp_len, c->tag, c->type + 1);
    return rc;
}

/* Finish a call: -EPROTO if the body did not parse exactly, else rc. */
static int call_end(struct call *c, int rc)
{
    if (!rc && !p9_done(&c->m))
        rc = -EPROTO;
    p9_ring_put(c->r);
    return rc;
}

/* A call whose response has no body. */
static int call_simple(struct call *c)
{
    return call_end(c, call_run(c));
}

int p9_version(struct p9_share *s)
{
    /* Tversion carries NOTAG, which QEMU answers on ring NOTAG % num-rings. Only the
     * connecting thread knows the share yet, so that ring is free. */
    struct p9_ring *r = &s->rings[P9_NOTAG % s->nrings];
    char version[P9_NAME_MAX + 1];
    struct p9_msg m;
    size_t rsp_len;
    uint32_t msize;
    int rc;

    p9_begin(&m, r->tx, s->msize, P9_TVERSION, P9_NOTAG);
    p9_put_u32(&m, s->msize);
    p9_put_str(&m, P9_VERSION);
    rc = p9_ring_call(r, p9_finish(&m), &rsp_len);
    if (!rc)
        rc = p9_parse_reply(&m, r->rx, rsp_len, P9_NOTAG, P9_TVERSION + 1);
    if (rc)
        return rc;
    msize = p9_get_u32(&m);
    if (p9_get_name(&m, version) || !p9_done(&m) || msize < 4096 || msize > s->msize ||
        strcmp(version, P9_VERSION))
        return -EPROTO;
    s->msize = msize;
    return 0;
}

int p9_attach(struct p9_share *s, uint32_t fid)
{
    struct call c;
    struct p9_qid qid;
    int rc;

    call_begin(&c, s, P9_TATTACH);
    p9_put_u32(&c.m, fid);
    p9_put_u32(&c.m, P9_NOFID);
    p9_put_str(&c.m, "");
    p9_put_str(&c.m, "");
    p9_put_u32(&c.m, 0);
    rc = call_run(&c);
    if (!rc)
        p9_get_qid(&c.m, &qid);
    return call_end(&c, rc);
}

int p9_walk(struct p9_share *s, uint32_t fid, uint32_t newfid, const char *const *names,
            const uint16_t *lens, unsigned int n, struct p9_qid *qid)
{
    struct call c;
    uint16_t nwqid;
    int rc;

    ASSERT(n <= P9_MAXWELEM);
    call_begin(&c, s, P9_TWALK);
    p9_put_u32(&c.m, fid);
    p9_put_u32(&c.m, newfid);
    p9_put_u16(&c.m, (uint16_t)n);
    for (unsigned int i = 0; i < n; i++)
        p9_put_strn(&c.m, names[i], lens[i]);
    rc = call_run(&c);
    if (rc)
        return call_end(&c, rc);
    nwqid = p9_get_u16(&c.m);
    if (nwqid > n)
        return call_end(&c, -EPROTO);
    for (unsigned int i = 0; i < nwqid; i++)
        p9_get_qid(&c.m, qid);
    rc = call_end(&c, 0);
    /* A partial walk creates no newfid: the first missing name ends it. */
    if (!rc && nwqid < n)
        rc = -ENOENT;
    return rc;
}

static int open_reply(struct call *c, int rc, struct p9_qid *qid, uint32_t *iounit)
{
    if (!rc) {
        p9_get_qid(&c->m, qid);
        *iounit = p9_get_u32(&c->m);
    }
    return call_end(c, rc);
}

int p9_lopen(struct p9_share *s, uint32_t fid, uint32_t flags, struct p9_qid *qid, uint32_t *iounit)
{
    struct call c;

    call_begin(&c, s, P9_TLOPEN);
    p9_put_u32(&c.m, fid);
    p9_put_u32(&c.m, flags);
    return open_reply(&c, call_run(&c), qid, iounit);
}

int p9_lcreate(struct p9_share *s, uint32_t fid, const char *name, uint32_t flags, uint32_t mode,
               struct p9_qid *qid, uint32_t *iounit)
{
    struct call c;

    call_begin(&c, s, P9_TLCREATE);
    p9_put_u32(&c.m, fid);
    p9_put_str(&c.m, name);
    p9_put_u32(&c.m, flags);
    p9_put_u32(&c.m, mode);
    p9_put_u32(&c.m, 0);
    return open_reply(&c, call_run(&c), qid, iounit);
}

/* Treaddir and Tread: a count[4] then that many bytes, at most len; copied to buf. */
static long read_like(struct p9_share *s, uint8_t type, uint32_t fid, uint64_t off, void *buf,
                      size_t len)
{
    struct call c;
    uint32_t count;
    const uint8_t *data;
    int rc;

    call_begin(&c, s, type);
    len = MIN(len, (size_t)s->msize - P9_IOHDR_MAX);
    p9_put_u32(&c.m, fid);
    p9_put_u64(&c.m, off);
    p9_put_u32(&c.m, (uint32_t)len);
    rc = call_run(&c);
    if (rc)
        return call_end(&c, rc);
    count = p9_get_u32(&c.m);
    data = count <= len ? p9_get_data(&c.m, count) : NULL;
    if (data)
        memcpy(buf, data, count);
    rc = call_end(&c, data ? 0 : -EPROTO);
    return rc ? rc : (long)count;
}

long p9_read(struct p9_share *s, uint32_t fid, uint64_t off, void *buf, size_t len)
{
    return read_like(s, P9_TREAD, fid, off, buf, len);
}

long p9_readdir(struct p9_share *s, uint32_t fid, uint64_t offset, void *buf, size_t len)
{
    return read_like(s, P9_TREADDIR, fid, offset, buf, len);
}

long p9_write(struct p9_share *s, uint32_t fid, uint64_t off, const void *buf, size_t len)
{
    struct call c;
    uint32_t count;
    int rc;

    call_begin(&c, s, P9_TWRITE);
    len = MIN(len, (size_t)s->msize - P9_IOHDR_MAX);
    p9_put_u32(&c.m, fid);
    p9_put_u64(&c.m, off);
    p9_put_u32(&c.m, (uint32_t)len);
    p9_put_data(&c.m, buf, len);
    rc = call_run(&c);
    count = rc ? 0 : p9_get_u32(&c.m);
    if (!rc && count > len)
        rc = -EPROTO;
    rc = call_end(&c, rc);
    return rc ? rc : (long)count;
}

int p9_clunk(struct p9_share *s, uint32_t fid)
{
    struct call c;

    call_begin(&c, s, P9_TCLUNK);
    p9_put_u32(&c.m, fid);
    return call_simple(&c);
}

int p9_getattr(struct p9_share *s, uint32_t fid, struct p9fs_stat *st)
{
    struct call c;
    struct p9_qid qid;
    int rc;

    call_begin(&c, s, P9_TGETATTR);
    p9_put_u32(&c.m, fid);
    p9_put_u64(&c.m, P9_GETATTR_BASIC);
    rc = call_run(&c);
    if (!rc) {
        p9_get_u64(&c.m); /* valid */
        p9_get_qid(&c.m, &qid);
        st->ino = qid.path;
        st->mode = p9_get_u32(&c.m);
        st->uid = p9_get_u32(&c.m);
        st->gid = p9_get_u32(&c.m);
        st->nlink = p9_get_u64(&c.m);
        p9_get_u64(&c.m); /* rdev */
        st->size = p9_get_u64(&c.m);
        st->blksize = p9_get_u64(&c.m);
        st->blocks = p9_get_u64(&c.m);
        st->atime_sec = p9_get_u64(&c.m);
        st->atime_nsec = p9_get_u64(&c.m);
        st->mtime_sec = p9_get_u64(&c.m);
        st->mtime_nsec = p9_get_u64(&c.m);
        st->ctime_sec = p9_get_u64(&c.m);
        st->ctime_nsec = p9_get_u64(&c.m);
        for (unsigned int i = 0; i < 4; i++)
            p9_get_u64(&c.m); /* btime, gen, data_version */
    }
    return call_end(&c, rc);
}

int p9_truncate(struct p9_share *s, uint32_t fid, uint64_t size)
{
    struct call c;

    call_begin(&c, s, P9_TSETATTR);
    p9_put_u32(&c.m, fid);
    p9_put_u32(&c.m, P9_SETATTR_SIZE);
    p9_put_u32(&c.m, 0); /* mode */
    p9_put_u32(&c.m, 0); /* uid */
    p9_put_u32(&c.m, 0); /* gid */
    p9_put_u64(&c.m, size);
    for (unsigned int i = 0; i < 4; i++)
        p9_put_u64(&c.m, 0); /* atime, mtime (unchanged) */
    return call_simple(&c);
}

int p9_fsync(struct p9_share *s, uint32_t fid)
{
    struct call c;

    call_begin(&c, s, P9_TFSYNC);
    p9_put_u32(&c.m, fid);
    p9_put_u32(&c.m, 0);
    return call_simple(&c);
}

int p9_mkdir(struct p9_share *s, uint32_t dfid, const char *name, uint32_t mode)
{
    struct call c;
    struct p9_qid qid;
    int rc;

    call_begin(&c, s, P9_TMKDIR);
    p9_put_u32(&c.m, dfid);
    p9_put_str(&c.m, name);
    p9_put_u32(&c.m, mode);
    p9_put_u32(&c.m, 0);
    rc = call_run(&c);
    if (!rc)
        p9_get_qid(&c.m, &qid);
    return call_end(&c, rc);
}

int p9_unlinkat(struct p9_share *s, uint32_t dfid, const char *name, uint32_t flags)
{
    struct call c;

    call_begin(&c, s, P9_TUNLINKAT);
    p9_put_u32(&c.m, dfid);
    p9_put_str(&c.m, name);
    p9_put_u32(&c.m, flags);
    return call_simple(&c);
}

int p9_renameat(struct p9_share *s, uint32_t olddfid, const char *oldname, uint32_t newdfid,
                const char *newname)
{
    struct call c;

    call_begin(&c, s, P9_TRENAMEAT);
    p9_put_u32(&c.m, olddfid);
    p9_put_str(&c.m, oldname);
    p9_put_u32(&c.m, newdfid);
    p9_put_str(&c.m, newname);
    return call_simple(&c);
}
