/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The mount table: absolute path prefixes ("/share", "/dev/xvda") mapped to file systems,
 * and the path calls (open, stat, unlink, rename, mkdir, rmdir) routed by longest prefix.
 * The working directory is always "/": relative paths are taken from there.
 */
#include <kernel.h>
#include <list.h>
#include <mm.h>
#include <string.h>
#include "../kernapi.h"
#include "core.h"

struct mount {
    struct list_head node;
    char *prefix; /* normalised, no trailing "/" */
    size_t len;
    const struct fs_ops *ops;
    void *fs;
};

static struct list_head mounts = LIST_HEAD_INIT(mounts);

/* The mount holding the normalised path, and the rest of the path after its prefix. */
static struct mount *lookup(const char *norm, const char **rest)
{
    struct mount *best = NULL;
    struct list_head *pos;

    list_for_each(pos, &mounts)
    {
        struct mount *m = list_entry(pos, struct mount, node);

        if (strncmp(norm, m->prefix, m->len) == 0 && (norm[m->len] == '/' || !norm[m->len]) &&
            (!best || m->len > best->len))
            best = m;
    }
    if (best)
        *rest = norm[best->len] == '/' ? norm + best->len + 1 : norm + best->len;
    return best;
}

int fs_mount(const char *prefix, const struct fs_ops *ops, void *fs)
{
    char norm[PATH_MAX_LEN];
    struct list_head *pos;
    struct mount *m;

    if (!prefix || prefix[0] != '/' || vfs_normalise(prefix, norm) || !strcmp(norm, "/"))
        return -EINVAL;
    list_for_each(pos, &mounts)
    {
        if (!strcmp(list_entry(pos, struct mount, node)->prefix, norm))
            return -EEXIST;
    }
    m = calloc(1, sizeof(*m));
    if (m)
        m->prefix = malloc(strlen(norm) + 1);
    if (!m || !m->prefix) {
        free(m);
        return -ENOMEM;
    }
    strcpy(m->prefix, norm);
    m->len = strlen(norm);
    m->ops = ops;
    m->fs = fs;
    list_add_tail(&m->node, &mounts);
    return 0;
}

int fs_umount(const char *prefix)
{
    char norm[PATH_MAX_LEN];
    struct list_head *pos;

    if (!prefix || vfs_normalise(prefix, norm))
        return -ENOENT;
    list_for_each(pos, &mounts)
    {
        struct mount *m = list_entry(pos, struct mount, node);

        if (!strcmp(m->prefix, norm)) {
            list_del(&m->node);
            free(m->prefix);
            free(m);
            return 0;
        }
    }
    return -ENOENT;
}

/*
 * Resolve path: the mount and the path inside it (in buf). -ENOENT when no mount holds it
 * (the root directory itself is not a file system we can write to).
 */
static int resolve(const char *path, char *buf, struct mount **m, const char **rest)
{
    int rc = vfs_normalise(path, buf);

    if (rc)
        return rc;
    *m = lookup(buf, rest);
    return *m ? 0 : -ENOENT;
}

int kvfs_open(const char *path, int flags, uint32_t mode)
{
    char buf[PATH_MAX_LEN];
    const char *rest;
    struct mount *m;
    struct fd_file *f;
    int rc = resolve(path, buf, &m, &rest);

    if (rc)
        return rc;
    if (!m->ops->open)
        return -ENOSYS;
    f = calloc(1, sizeof(*f));
    if (!f)
        return -ENOMEM;
    f->flags = flags;
    rc = m->ops->open(m->fs, rest, flags, mode, f);
    if (rc == 0)
        rc = fd_install_file(f);
    if (rc == -EMFILE && f->ops && f->ops->close)
        f->ops->close(f);
    if (rc < 0)
        free(f);
    return rc;
}

int kvfs_stat(const char *path, struct fd_stat *st)
{
    char buf[PATH_MAX_LEN];
    const char *rest;
    struct mount *m;
    int rc = vfs_normalise(path, buf);

    if (rc)
        return rc;
    memset(st, 0, sizeof(*st));
    if (!strcmp(buf, "/")) {
        st->mode = FD_S_IFDIR | 0755;
        st->nlink = 2;
        return 0;
    }
    m = lookup(buf, &rest);
    if (!m)
        return -ENOENT;
    return m->ops->stat ? m->ops->stat(m->fs, rest, st) : -ENOSYS;
}

#define PATH_OP(name, op, ...)                                                 \
    ({                                                                         \
        char buf[PATH_MAX_LEN];                                                \
        const char *rest;                                                      \
        struct mount *m;                                                       \
        int rc = resolve((name), buf, &m, &rest);                              \
        if (rc == 0)                                                           \
            rc = m->ops->op ? m->ops->op(m->fs, rest, ##__VA_ARGS__) : -EROFS; \
        rc;                                                                    \
    })

int kvfs_unlink(const char *path)
{
    return PATH_OP(path, unlink);
}

int kvfs_mkdir(const char *path, uint32_t mode)
{
    return PATH_OP(path, mkdir, mode);
}

int kvfs_rmdir(const char *path)
{
    return PATH_OP(path, rmdir);
}

int kvfs_rename(const char *from, const char *to)
{
    char buf1[PATH_MAX_LEN], buf2[PATH_MAX_LEN];
    const char *rest1, *rest2;
    struct mount *m1, *m2;
    int rc = resolve(from, buf1, &m1, &rest1);

    if (rc == 0)
        rc = resolve(to, buf2, &m2, &rest2);
    if (rc)
        return rc;
    if (m1 != m2)
        return -EXDEV;
    return m1->ops->rename ? m1->ops->rename(m1->fs, rest1, rest2) : -EROFS;
}
