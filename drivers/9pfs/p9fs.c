/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The 9pfs file API (include/p9fs.h): paths "/<tag>/..." resolved by walking fids from the
 * share's root, open/create, reads and writes split to the negotiated message size.
 */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include "p9_priv.h"

struct p9fs_stats p9_stats;

static int split(const char *rest, struct path *p)
{
    p->n = 0;
    while (*rest) {
        const char *end = strchr(rest, '/');
        size_t len = end ? (size_t)(end - rest) : strlen(rest);

        if (len > P9_NAME_MAX)
            return -ENAMETOOLONG;
        if (len && !(len == 1 && rest[0] == '.')) {
            if (p->n == ARRAY_SIZE(p->name))
                return -ENAMETOOLONG;
            p->name[p->n] = rest;
            p->len[p->n++] = (uint16_t)len;
        }
        rest += len + (end != NULL);
    }
    return 0;
}

int p9_walk_path(struct p9_share *s, const struct path *p, unsigned int n, uint32_t *fid,
                 struct p9_qid *qid)
{
    uint32_t from = s->root_fid;
    int rc = p9_fid_alloc(s, fid);

    qid->type = P9_QTDIR; /* the root, if no name is walked */
    for (unsigned int done = 0; !rc && (done < n || from == s->root_fid);) {
        unsigned int k = MIN(n - done, P9_MAXWELEM);

        rc = p9_walk(s, from, *fid, &p->name[done], &p->len[done], k, qid);
        /* A fid walked onto itself stays as it was when the walk fails: clunk it. */
        if (rc && from == *fid)
            p9_clunk(s, *fid);
        from = *fid;
        done += k;
    }
    if (rc)
        p9_fid_release(s, *fid);
    return rc;
}

void p9_put_fid(struct p9_share *s, uint32_t fid)
{
    p9_clunk(s, fid);
    p9_fid_release(s, fid);
}

int p9_resolve(const char *path, struct p9_share **s, struct path *p)
{
    const char *rest;

    *s = p9_share_lookup(path, &rest);
    if (!*s)
        return -ENOENT;
    return split(rest, p);
}

static int new_file(struct p9_share *s, uint32_t fid, const struct p9_qid *qid, uint32_t iounit,
                    struct p9fs_file **fp)
{
    struct p9fs_file *f = calloc(1, sizeof(*f));

    if (!f)
        return -ENOMEM;
    f->s = s;
    f->fid = fid;
    f->dir = qid->type & P9_QTDIR;
    f->chunk = s->msize - P9_IOHDR_MAX;
    if (iounit && iounit < f->chunk)
        f->chunk = iounit;
    *fp = f;
    return 0;
}

static int open_existing(struct p9_share *s, uint32_t fid, const struct p9_qid *qid, int flags,
                         struct p9fs_file **fp)
{
    int acc = flags & P9FS_O_ACCMODE;
    uint32_t lflags = (uint32_t)acc;
    struct p9_qid oq;
    uint32_t iounit;
    int rc = 0;

    if ((qid->type & P9_QTDIR) && acc != P9FS_O_RDONLY)
        rc = -EISDIR;
    else if (!(qid->type & P9_QTDIR) && (flags & P9FS_O_DIRECTORY))
        rc = -ENOTDIR;
    if (!(qid->type & P9_QTDIR))
        lflags |= flags & P9FS_O_TRUNC;
    if (!rc)
        rc = p9_lopen(s, fid, lflags, &oq, &iounit);
    if (!rc)
        rc = new_file(s, fid, &oq, iounit, fp);
    if (rc)
        p9_put_fid(s, fid);
    return rc;
}

static int create(struct p9_share *s, const struct path *p, int flags, unsigned int mode,
                  struct p9fs_file **fp)
{
    char name[P9_NAME_MAX + 1];
    uint32_t dfid, iounit;
    struct p9_qid qid;
    int rc = p9_walk_path(s, p, p->n - 1, &dfid, &qid);

    if (rc)
        return rc;
    memcpy(name, p->name[p->n - 1], p->len[p->n - 1]);
    name[p->len[p->n - 1]] = '\0';
    rc = p9_lcreate(s, dfid, name, (uint32_t)(flags & (P9FS_O_ACCMODE | P9FS_O_TRUNC)),
                    mode & 07777, &qid, &iounit);
    /* Tlcreate turns the directory's fid into the new file's. */
    if (!rc)
        rc = new_file(s, dfid, &qid, iounit, fp);
    if (rc)
        p9_put_fid(s, dfid);
    return rc;
}

int p9fs_open(const char *path, int flags, unsigned int mode, struct p9fs_file **fp)
{
    struct p9_share *s;
    struct path p;
    struct p9_qid qid;
    uint32_t fid;
    int rc = p9_resolve(path, &s, &p);

    if (rc)
        return rc;
    rc = p9_walk_path(s, &p, p.n, &fid, &qid);
    if (!rc && (flags & P9FS_O_CREAT) && (flags & P9FS_O_EXCL)) {
        p9_put_fid(s, fid);
        return -EEXIST;
    }
    if (!rc)
        return open_existing(s, fid, &qid, flags, fp);
    if (rc == -ENOENT && (flags & P9FS_O_CREAT) && p.n > 0)
        rc = create(s, &p, flags, mode, fp);
    return rc;
}

int p9fs_close(struct p9fs_file *f)
{
    int rc = p9_clunk(f->s, f->fid);

    p9_fid_release(f->s, f->fid);
    free(f->dbuf);
    free(f);
    return rc;
}

long p9fs_pread(struct p9fs_file *f, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;

    if (f->dir)
        return -EISDIR;
    while (done < len) {
        size_t want = MIN(len - done, (size_t)f->chunk);
        long n = p9_read(f->s, f->fid, off + done, (uint8_t *)buf + done, want);

        if (n < 0)
            return done ? (long)done : n;
        done += (size_t)n;
        p9_stats.bytes_read += (uint64_t)n;
        if ((size_t)n < want)
            break;
    }
    return (long)done;
}

long p9fs_pwrite(struct p9fs_file *f, const void *buf, size_t len, uint64_t off)
{
    size_t done = 0;

    if (f->dir)
        return -EISDIR;
    while (done < len) {
        size_t want = MIN(len - done, (size_t)f->chunk);
        long n = p9_write(f->s, f->fid, off + done, (const uint8_t *)buf + done, want);

        if (n < 0)
            return done ? (long)done : n;
        done += (size_t)n;
        p9_stats.bytes_written += (uint64_t)n;
        if (n == 0)
            break;
    }
    return (long)done;
}

int p9fs_fstat(struct p9fs_file *f, struct p9fs_stat *st)
{
    return p9_getattr(f->s, f->fid, st);
}

int p9fs_ftruncate(struct p9fs_file *f, uint64_t size)
{
    return f->dir ? -EISDIR : p9_truncate(f->s, f->fid, size);
}

int p9fs_fsync(struct p9fs_file *f)
{
    return p9_fsync(f->s, f->fid);
}

void p9fs_get_stats(struct p9fs_stats *st)
{
    *st = p9_stats;
}
