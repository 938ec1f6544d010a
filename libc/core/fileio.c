/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * read/write/lseek and friends on a descriptor: streams go to ops->read/write, seekable
 * files to ops->pread/pwrite at the file's offset, which this file maintains.
 */
#include <kernel.h>
#include <string.h>
#include "../kernapi.h"
#include "core.h"

static bool can_read(const struct fd_file *f)
{
    return (f->flags & FD_O_ACCMODE) != FD_O_WRONLY;
}

static bool can_write(const struct fd_file *f)
{
    return (f->flags & FD_O_ACCMODE) != FD_O_RDONLY;
}

static int file_size(struct fd_file *f, uint64_t *size)
{
    struct fd_stat st;
    int rc;

    if (!f->ops->fstat)
        return -ESPIPE;
    memset(&st, 0, sizeof(st));
    rc = f->ops->fstat(f, &st);
    if (rc == 0)
        *size = st.size;
    return rc;
}

long kfd_read(int fd, void *buf, size_t len)
{
    struct fd_file *f = fd_get(fd);
    long rc;

    if (!f)
        return -EBADF;
    if (!can_read(f))
        rc = -EBADF;
    else if (f->ops->read)
        rc = f->ops->read(f, buf, len);
    else if (f->ops->pread) {
        rc = f->ops->pread(f, buf, len, f->offset);
        if (rc > 0)
            f->offset += rc;
    } else
        rc = -EINVAL;
    fd_put(f);
    return rc;
}

long kfd_write(int fd, const void *buf, size_t len)
{
    struct fd_file *f = fd_get(fd);
    long rc = 0;

    if (!f)
        return -EBADF;
    if (!can_write(f))
        rc = -EBADF;
    else if (f->ops->write)
        rc = f->ops->write(f, buf, len);
    else if (f->ops->pwrite) {
        uint64_t size;

        if (f->flags & FD_O_APPEND)
            rc = file_size(f, &size);
        if (rc == 0 && (f->flags & FD_O_APPEND))
            f->offset = size;
        if (rc == 0)
            rc = f->ops->pwrite(f, buf, len, f->offset);
        if (rc > 0)
            f->offset += rc;
    } else
        rc = -EINVAL;
    fd_put(f);
    return rc;
}

/* pread (into rbuf) and pwrite (from wbuf): the same checks, then the file's operation. */
static long positional_io(int fd, bool write, void *rbuf, const void *wbuf, size_t len, int64_t off)
{
    struct fd_file *f = fd_get(fd);
    long rc;

    if (!f)
        return -EBADF;
    if (!(write ? can_write(f) : can_read(f)))
        rc = -EBADF;
    else if (off < 0)
        rc = -EINVAL;
    else if (write)
        rc = f->ops->pwrite ? f->ops->pwrite(f, wbuf, len, off) : -ESPIPE;
    else
        rc = f->ops->pread ? f->ops->pread(f, rbuf, len, off) : -ESPIPE;
    fd_put(f);
    return rc;
}

long kfd_pread(int fd, void *buf, size_t len, int64_t off)
{
    return positional_io(fd, false, buf, NULL, len, off);
}

long kfd_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
    return positional_io(fd, true, NULL, buf, len, off);
}

static int64_t seek(struct fd_file *f, int64_t off, int whence)
{
    uint64_t base = 0;
    int rc;

    if (!f->ops->pread && !f->ops->pwrite)
        return -ESPIPE;
    switch (whence) {
    case FD_SEEK_SET:
        break;
    case FD_SEEK_CUR:
        base = f->offset;
        break;
    case FD_SEEK_END:
        rc = file_size(f, &base);
        if (rc)
            return rc;
        break;
    default:
        return -EINVAL;
    }
    if ((int64_t)base + off < 0)
        return -EINVAL;
    f->offset = base + off;
    return (int64_t)f->offset;
}

int64_t kfd_lseek(int fd, int64_t off, int whence)
{
    struct fd_file *f = fd_get(fd);
    int64_t rc;

    if (!f)
        return -EBADF;
    rc = seek(f, off, whence);
    fd_put(f);
    return rc;
}

int kfd_fstat(int fd, struct fd_stat *st)
{
    struct fd_file *f = fd_get(fd);
    int rc = 0;

    if (!f)
        return -EBADF;
    memset(st, 0, sizeof(*st));
    if (f->ops->fstat)
        rc = f->ops->fstat(f, st);
    else {
        st->mode = FD_S_IFCHR | 0600;
        st->nlink = 1;
    }
    fd_put(f);
    return rc;
}

int kfd_ftruncate(int fd, int64_t len)
{
    struct fd_file *f = fd_get(fd);
    int rc;

    if (!f)
        return -EBADF;
    if (len < 0)
        rc = -EINVAL;
    else if (!can_write(f))
        rc = -EBADF;
    else
        rc = f->ops->ftruncate ? f->ops->ftruncate(f, len) : -EINVAL;
    fd_put(f);
    return rc;
}

int kfd_fsync(int fd)
{
    struct fd_file *f = fd_get(fd);
    int rc;

    if (!f)
        return -EBADF;
    rc = f->ops->fsync ? f->ops->fsync(f) : 0;
    fd_put(f);
    return rc;
}

int kfd_readdir(int fd, struct fd_dirent *ent)
{
    struct fd_file *f = fd_get(fd);
    int rc;

    if (!f)
        return -EBADF;
    rc = f->ops->readdir ? f->ops->readdir(f, ent) : -ENOTDIR;
    fd_put(f);
    return rc;
}

int kfd_rewinddir(int fd)
{
    struct fd_file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    f->offset = 0;
    fd_put(f);
    return 0;
}

int kfd_ioctl(int fd, unsigned long req, void *arg)
{
    struct fd_file *f = fd_get(fd);
    int rc;

    if (!f)
        return -EBADF;
    rc = f->ops->ioctl ? f->ops->ioctl(f, req, arg) : -ENOTTY;
    fd_put(f);
    return rc;
}
