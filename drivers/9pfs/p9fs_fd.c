/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 9pfs shares as libc files (include/fdtab.h): each share mounted at "/<tag>", its files
 * and directories behind descriptors. Errors are the server's errno values, passed through.
 */
#include <kernel.h>
#include <fdtab.h>
#include <fmt.h>
#include <p9fs.h>
#include <string.h>

/* Flags and modes agree between fdtab.h and p9fs.h (both Linux values). */
BUILD_BUG_ON(FD_O_CREAT != P9FS_O_CREAT || FD_O_EXCL != P9FS_O_EXCL);
BUILD_BUG_ON(FD_O_TRUNC != P9FS_O_TRUNC || FD_O_DIRECTORY != P9FS_O_DIRECTORY);
BUILD_BUG_ON(FD_O_ACCMODE != P9FS_O_ACCMODE || FD_S_IFDIR != P9FS_S_IFDIR);

#define PATH_LEN (P9FS_TAG_MAX + 2 + 1024)

/* "/<tag>/<rest>" for the kernel API; fs is the share's tag. */
static int full_path(void *fs, const char *rest, char *out)
{
    int n = snprintf(out, PATH_LEN, "/%s/%s", (const char *)fs, rest);

    return n >= PATH_LEN ? -ENAMETOOLONG : 0;
}

static long p9_pread(struct fd_file *f, void *buf, size_t len, uint64_t off)
{
    return p9fs_pread(f->priv, buf, len, off);
}

static long p9_pwrite(struct fd_file *f, const void *buf, size_t len, uint64_t off)
{
    return p9fs_pwrite(f->priv, buf, len, off);
}

static void stat_to_fd(const struct p9fs_stat *p, struct fd_stat *st)
{
    memset(st, 0, sizeof(*st));
    st->mode = p->mode;
    st->nlink = (uint32_t)p->nlink;
    st->uid = p->uid;
    st->gid = p->gid;
    st->ino = p->ino;
    st->size = p->size;
    st->blocks = p->blocks;
    st->blksize = (uint32_t)p->blksize;
    st->atime_sec = (int64_t)p->atime_sec;
    st->mtime_sec = (int64_t)p->mtime_sec;
    st->ctime_sec = (int64_t)p->ctime_sec;
    st->atime_nsec = (long)p->atime_nsec;
    st->mtime_nsec = (long)p->mtime_nsec;
    st->ctime_nsec = (long)p->ctime_nsec;
}

static int p9_fstat(struct fd_file *f, struct fd_stat *st)
{
    struct p9fs_stat p;
    int rc = p9fs_fstat(f->priv, &p);

    if (!rc)
        stat_to_fd(&p, st);
    return rc;
}

static int p9_ftruncate(struct fd_file *f, uint64_t len)
{
    return p9fs_ftruncate(f->priv, len);
}

static int p9_fsync(struct fd_file *f)
{
    return p9fs_fsync(f->priv);
}

static int p9_readdir(struct fd_file *f, struct fd_dirent *ent)
{
    struct p9fs_dirent d;
    int rc;

    /* rewinddir() sets the offset back to 0; the position itself is p9fs's. */
    if (f->offset == 0)
        p9fs_rewinddir(f->priv);
    rc = p9fs_readdir(f->priv, &d);
    if (rc == 1) {
        f->offset++;
        ent->ino = d.ino;
        ent->type = d.type;
        strlcpy(ent->name, d.name, sizeof(ent->name));
    }
    return rc;
}

static int p9_close(struct fd_file *f)
{
    return p9fs_close(f->priv);
}

static const struct fd_ops p9_file_ops = {
    .name = "9p",
    .pread = p9_pread,
    .pwrite = p9_pwrite,
    .fstat = p9_fstat,
    .ftruncate = p9_ftruncate,
    .fsync = p9_fsync,
    .readdir = p9_readdir,
    .close = p9_close,
};

static int p9_open(void *fs, const char *path, int flags, uint32_t mode, struct fd_file *f)
{
    char full[PATH_LEN];
    struct p9fs_file *pf;
    int rc = full_path(fs, path, full);

    if (!rc)
        rc = p9fs_open(
            full, flags & (FD_O_ACCMODE | FD_O_CREAT | FD_O_EXCL | FD_O_TRUNC | FD_O_DIRECTORY),
            mode, &pf);
    if (rc)
        return rc;
    f->ops = &p9_file_ops;
    f->priv = pf;
    return 0;
}

static int p9_stat(void *fs, const char *path, struct fd_stat *st)
{
    char full[PATH_LEN];
    struct p9fs_stat p;
    int rc = full_path(fs, path, full);

    if (!rc)
        rc = p9fs_stat(full, &p);
    if (!rc)
        stat_to_fd(&p, st);
    return rc;
}

/* The path calls that only take paths: op on the full path. */
static int on_path(void *fs, const char *path, int (*op)(const char *))
{
    char full[PATH_LEN];
    int rc = full_path(fs, path, full);

    return rc ? rc : op(full);
}

static int p9_unlink(void *fs, const char *path)
{
    return on_path(fs, path, p9fs_unlink);
}

static int p9_rmdir(void *fs, const char *path)
{
    return on_path(fs, path, p9fs_rmdir);
}

static int p9_mkdir(void *fs, const char *path, uint32_t mode)
{
    char full[PATH_LEN];
    int rc = full_path(fs, path, full);

    return rc ? rc : p9fs_mkdir(full, mode);
}

static int p9_rename(void *fs, const char *from, const char *to)
{
    char a[PATH_LEN], b[PATH_LEN];
    int rc = full_path(fs, from, a);

    if (!rc)
        rc = full_path(fs, to, b);
    return rc ? rc : p9fs_rename(a, b);
}

static const struct fs_ops p9_fs_ops = {
    .open = p9_open,
    .stat = p9_stat,
    .unlink = p9_unlink,
    .rename = p9_rename,
    .mkdir = p9_mkdir,
    .rmdir = p9_rmdir,
};

int p9fs_mount_all(void)
{
    unsigned int n = p9fs_share_count();
    char prefix[P9FS_TAG_MAX + 2];
    int rc = 0;

    for (unsigned int i = 0; i < n && !rc; i++) {
        const char *tag = p9fs_share_tag(i);

        snprintf(prefix, sizeof(prefix), "/%s", tag);
        rc = fs_mount(prefix, &p9_fs_ops, (void *)tag);
    }
    return rc ? rc : (int)n;
}
