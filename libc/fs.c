/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Path calls on the mount table (libc/core/vfs.c): open, stat, unlink, rename, mkdir,
 * rmdir, access, and directory streams. There are no links: lstat is stat.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libc.h"

int open(const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode = 0;

    if (flags & O_CREAT) {
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    return libc_ret(kvfs_open(path, libc_flags_to_fd(flags), mode));
}

int creat(const char *path, mode_t mode)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int stat(const char *path, struct stat *st)
{
    struct fd_stat k;
    int rc = kvfs_stat(path, &k);

    if (rc == 0)
        libc_stat_from_fd(st, &k);
    return libc_ret(rc);
}

/* newlib declares lstat only for some systems. */
int lstat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st)
{
    return stat(path, st);
}

int access(const char *path, int mode)
{
    struct stat st;

    /* Permission bits are the server's business; existence is what we can tell. */
    return stat(path, &st);
}

int unlink(const char *path)
{
    return libc_ret(kvfs_unlink(path));
}

int rename(const char *from, const char *to)
{
    return libc_ret(kvfs_rename(from, to));
}

int mkdir(const char *path, mode_t mode)
{
    return libc_ret(kvfs_mkdir(path, mode));
}

int rmdir(const char *path)
{
    return libc_ret(kvfs_rmdir(path));
}

DIR *fdopendir(int fd)
{
    DIR *d;

    if (kfd_getfl(fd) < 0) {
        errno = EBADF;
        return NULL;
    }
    d = calloc(1, sizeof(*d));
    if (d)
        d->fd = fd;
    return d;
}

DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    DIR *d;

    if (fd < 0)
        return NULL;
    d = fdopendir(fd);
    if (!d)
        close(fd);
    return d;
}

struct dirent *readdir(DIR *d)
{
    struct fd_dirent k;
    int rc = kfd_readdir(d->fd, &k);

    if (rc <= 0) {
        if (rc < 0)
            libc_ret(rc);
        return NULL; /* the end: errno unchanged */
    }
    d->ent.d_ino = k.ino;
    d->ent.d_type = k.type;
    strncpy(d->ent.d_name, k.name, sizeof(d->ent.d_name) - 1);
    d->ent.d_name[sizeof(d->ent.d_name) - 1] = '\0';
    return &d->ent;
}

void rewinddir(DIR *d)
{
    kfd_rewinddir(d->fd);
}

int dirfd(DIR *d)
{
    return d->fd;
}

int closedir(DIR *d)
{
    int rc = close(d->fd);

    free(d);
    return rc;
}
