/* SPDX-License-Identifier: BSD-2-Clause */
/* 9pfs calls on paths (stat, truncate, unlink, rmdir, mkdir, rename) and directory reading. */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include "p9_priv.h"

/* Run op on the fid of the whole path. */
static int with_fid(const char *path, int (*op)(struct p9_share *, uint32_t, void *), void *arg)
{
    struct p9_share *s;
    struct path p;
    struct p9_qid qid;
    uint32_t fid;
    int rc = p9_resolve(path, &s, &p);

    if (!rc)
        rc = p9_walk_path(s, &p, p.n, &fid, &qid);
    if (rc)
        return rc;
    rc = op(s, fid, arg);
    p9_put_fid(s, fid);
    return rc;
}

static int getattr_op(struct p9_share *s, uint32_t fid, void *arg)
{
    return p9_getattr(s, fid, arg);
}

int p9fs_stat(const char *path, struct p9fs_stat *st)
{
    return with_fid(path, getattr_op, st);
}

static int truncate_op(struct p9_share *s, uint32_t fid, void *arg)
{
    return p9_truncate(s, fid, *(uint64_t *)arg);
}

int p9fs_truncate(const char *path, uint64_t size)
{
    return with_fid(path, truncate_op, &size);
}

/* The parent directory's fid and the last name of path (which must have one). */
struct parent {
    struct p9_share *s;
    uint32_t dfid;
    char name[P9_NAME_MAX + 1];
};

static int parent_get(const char *path, struct parent *pa)
{
    struct path p;
    struct p9_qid qid;
    int rc = p9_resolve(path, &pa->s, &p);

    if (rc)
        return rc;
    if (p.n == 0)
        return -EBUSY; /* the share's root itself */
    memcpy(pa->name, p.name[p.n - 1], p.len[p.n - 1]);
    pa->name[p.len[p.n - 1]] = '\0';
    if (!strcmp(pa->name, ".."))
        return -EINVAL;
    return p9_walk_path(pa->s, &p, p.n - 1, &pa->dfid, &qid);
}

static int unlink_flags(const char *path, uint32_t flags)
{
    struct parent pa;
    int rc = parent_get(path, &pa);

    if (rc)
        return rc;
    rc = p9_unlinkat(pa.s, pa.dfid, pa.name, flags);
    p9_put_fid(pa.s, pa.dfid);
    return rc;
}

int p9fs_unlink(const char *path)
{
    return unlink_flags(path, 0);
}

int p9fs_rmdir(const char *path)
{
    return unlink_flags(path, P9_AT_REMOVEDIR);
}

int p9fs_mkdir(const char *path, unsigned int mode)
{
    struct parent pa;
    int rc = parent_get(path, &pa);

    if (rc)
        return rc;
    rc = p9_mkdir(pa.s, pa.dfid, pa.name, mode & 07777);
    p9_put_fid(pa.s, pa.dfid);
    return rc;
}

int p9fs_rename(const char *oldpath, const char *newpath)
{
    struct parent from, to;
    int rc = parent_get(oldpath, &from);

    if (rc)
        return rc;
    rc = parent_get(newpath, &to);
    if (!rc && to.s != from.s) {
        p9_put_fid(to.s, to.dfid);
        rc = -EXDEV;
    }
    if (!rc) {
        rc = p9_renameat(from.s, from.dfid, from.name, to.dfid, to.name);
        p9_put_fid(to.s, to.dfid);
    }
    p9_put_fid(from.s, from.dfid);
    return rc;
}

/* Fetch the next Rreaddir's worth of entries: 1, 0 at the end, or -errno. */
static int readdir_fill(struct p9fs_file *f)
{
    long n;

    if (!f->dbuf) {
        f->dbuf = malloc(f->chunk);
        if (!f->dbuf)
            return -ENOMEM;
    }
    n = p9_readdir(f->s, f->fid, f->doff, f->dbuf, f->chunk);
    if (n < 0)
        return (int)n;
    f->dlen = (size_t)n;
    f->dpos = 0;
    return n > 0;
}

int p9fs_readdir(struct p9fs_file *f, struct p9fs_dirent *d)
{
    struct p9_msg m;
    struct p9_qid qid;
    uint64_t next;

    if (!f->dir)
        return -ENOTDIR;
    if (f->dpos >= f->dlen) {
        int rc = readdir_fill(f);

        if (rc <= 0)
            return rc;
    }
    /* One entry: qid[13] offset[8] type[1] name[s], all inside what the server sent. */
    m = (struct p9_msg){f->dbuf + f->dpos, f->dlen - f->dpos, 0, false};
    p9_get_qid(&m, &qid);
    next = p9_get_u64(&m);
    d->type = p9_get_u8(&m);
    if (p9_get_name(&m, d->name) || m.err)
        return -EPROTO;
    d->ino = qid.path;
    f->dpos += m.pos;
    f->doff = next;
    return 1;
}

void p9fs_rewinddir(struct p9fs_file *f)
{
    f->doff = 0;
    f->dpos = f->dlen = 0;
}
