/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The POSIX descriptor calls newlib's stdio and applications use, on the descriptor table
 * in libc/core: read/write/lseek/close/dup/fcntl/fstat/isatty/ioctl/fsync/ftruncate.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libc.h"

/* Flag pairs newlib O_* <-> FD_O_*; the access mode (0, 1, 2) is the same in both. */
static const struct {
    int libc, fd;
} flag_map[] = {
    {O_CREAT, FD_O_CREAT},   {O_EXCL, FD_O_EXCL},         {O_TRUNC, FD_O_TRUNC},
    {O_APPEND, FD_O_APPEND}, {O_NONBLOCK, FD_O_NONBLOCK}, {O_DIRECTORY, FD_O_DIRECTORY},
};

int libc_flags_to_fd(int oflags)
{
    int f = oflags & O_ACCMODE;

    for (unsigned int i = 0; i < sizeof(flag_map) / sizeof(flag_map[0]); i++)
        if (oflags & flag_map[i].libc)
            f |= flag_map[i].fd;
    return f;
}

int libc_flags_from_fd(int fdflags)
{
    int f = fdflags & FD_O_ACCMODE;

    for (unsigned int i = 0; i < sizeof(flag_map) / sizeof(flag_map[0]); i++)
        if (fdflags & flag_map[i].fd)
            f |= flag_map[i].libc;
    return f;
}

void libc_stat_from_fd(struct stat *st, const struct fd_stat *k)
{
    memset(st, 0, sizeof(*st));
    st->st_dev = k->dev;
    st->st_ino = k->ino;
    st->st_mode = k->mode;
    st->st_nlink = k->nlink;
    st->st_uid = k->uid;
    st->st_gid = k->gid;
    st->st_rdev = k->rdev;
    st->st_size = k->size;
    st->st_atim.tv_sec = k->atime_sec;
    st->st_atim.tv_nsec = k->atime_nsec;
    st->st_mtim.tv_sec = k->mtime_sec;
    st->st_mtim.tv_nsec = k->mtime_nsec;
    st->st_ctim.tv_sec = k->ctime_sec;
    st->st_ctim.tv_nsec = k->ctime_nsec;
    st->st_blksize = k->blksize ? k->blksize : 4096;
    st->st_blocks = k->blocks;
}

/* newlib declares read/write returning _READ_WRITE_RETURN_TYPE (int) on this target. */
_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t len)
{
    return libc_ret(kfd_read(fd, buf, len));
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t len)
{
    return libc_ret(kfd_write(fd, buf, len));
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
    return libc_ret(kfd_pread(fd, buf, len, off));
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
    return libc_ret(kfd_pwrite(fd, buf, len, off));
}

off_t lseek(int fd, off_t off, int whence)
{
    int64_t rc = kfd_lseek(fd, off, whence);

    if (sizeof(off_t) < sizeof(rc) && rc > INT32_MAX) {
        errno = EOVERFLOW; /* off_t is 32 bits on x86_32 */
        return -1;
    }
    return libc_ret((long)rc);
}

int close(int fd)
{
    return libc_ret(kfd_close(fd));
}

int dup(int fd)
{
    return libc_ret(kfd_dup(fd, 0));
}

int dup2(int fd, int newfd)
{
    return libc_ret(kfd_dup2(fd, newfd));
}

int pipe(int fds[2])
{
    return libc_ret(kfd_pipe(fds));
}

int fstat(int fd, struct stat *st)
{
    struct fd_stat k;
    int rc = kfd_fstat(fd, &k);

    if (rc == 0)
        libc_stat_from_fd(st, &k);
    return libc_ret(rc);
}

int isatty(int fd)
{
    int rc = kfd_isatty(fd);

    if (rc == 0)
        errno = ENOTTY;
    return rc < 0 ? libc_ret(rc) : rc;
}

int fsync(int fd)
{
    return libc_ret(kfd_fsync(fd));
}

int ftruncate(int fd, off_t len)
{
    return libc_ret(kfd_ftruncate(fd, len));
}

int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    long arg;

    va_start(ap, cmd);
    arg = va_arg(ap, long);
    va_end(ap);
    switch (cmd) {
    case F_DUPFD:
        return libc_ret(kfd_dup(fd, (int)arg));
    case F_GETFD:
        return libc_ret(kfd_getfd(fd) > 0 ? FD_CLOEXEC : kfd_getfd(fd));
    case F_SETFD:
        return libc_ret(kfd_setfd(fd, arg & FD_CLOEXEC));
    case F_GETFL: {
        int rc = kfd_getfl(fd);

        return libc_ret(rc < 0 ? rc : libc_flags_from_fd(rc));
    }
    case F_SETFL:
        return libc_ret(kfd_setfl(fd, libc_flags_to_fd((int)arg)));
    default:
        errno = EINVAL; /* record locks (F_GETLK, ...) are not supported */
        return -1;
    }
}

int ioctl(int fd, unsigned long req, ...)
{
    va_list ap;
    void *arg;

    va_start(ap, req);
    arg = va_arg(ap, void *);
    va_end(ap);
    return libc_ret(kfd_ioctl(fd, req, arg));
}
