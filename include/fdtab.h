/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The libc's file-descriptor table and mount table (CONFIG_LIBC): the interface a file
 * system (9pfs), a raw device (/dev/xvda) or a socket layer (lwIP) implements to appear as
 * file descriptors to read/write/lseek/fstat/fcntl/dup/close/select/poll/opendir.
 *
 * Contract for implementers:
 *  - Every function returns 0 (or a count) or a NEGATIVE errno in the KERNEL's numbering
 *    (include/errno.h: the Linux/Xen values, also what 9P2000.L's Rlerror carries). The libc
 *    translates to newlib's errno values. Code compiled against newlib's headers (whose E*
 *    values differ) converts with errno_to_kernel() / errno_from_kernel() below.
 *  - Flags and bits are this header's FD_* values (Linux's numbers, also 9P2000.L's Tlopen
 *    flags), never newlib's O_* (the libc translates).
 *  - This header needs nothing but the compiler's stdint/stddef/stdbool, so it can be used
 *    from kernel code and from code built against newlib's headers alike.
 *  - Threads are cooperative: an op runs until it blocks. A blocking op (read on an empty
 *    socket) sleeps on its own wait queue unless (f->flags & FD_O_NONBLOCK), in which case
 *    it returns -EAGAIN. Whenever the readiness of any file may have changed (data arrived,
 *    space freed, peer closed), the driver calls fd_notify(), which wakes every thread in
 *    select()/poll(); they re-ask ops->poll. fd_notify() is safe from event handlers.
 *  - Files are reference counted: ops->close runs once, when the last descriptor (after
 *    dup) is closed and no thread is inside an op on it.
 */
#ifndef MINIOS_FDTAB_H
#define MINIOS_FDTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Descriptors are 0 .. FD_MAX - 1; select() sees only those below newlib's FD_SETSIZE (64). */
#define FD_MAX 128

/* open() flags as ops see them (Linux / 9P2000.L values). */
#define FD_O_ACCMODE   0x3
#define FD_O_RDONLY    0x0
#define FD_O_WRONLY    0x1
#define FD_O_RDWR      0x2
#define FD_O_CREAT     0x40
#define FD_O_EXCL      0x80
#define FD_O_TRUNC     0x200
#define FD_O_APPEND    0x400
#define FD_O_NONBLOCK  0x800
#define FD_O_DIRECTORY 0x10000

/* Readiness bits returned by ops->poll (poll()'s POLL* values). */
#define FD_POLLIN   0x1
#define FD_POLLPRI  0x2
#define FD_POLLOUT  0x4
#define FD_POLLERR  0x8
#define FD_POLLHUP  0x10
#define FD_POLLNVAL 0x20

/* lseek whence. */
#define FD_SEEK_SET 0
#define FD_SEEK_CUR 1
#define FD_SEEK_END 2

/* File type bits of fd_stat.mode: POSIX S_IF* values (same in newlib and Linux). */
#define FD_S_IFMT   0170000
#define FD_S_IFSOCK 0140000
#define FD_S_IFREG  0100000
#define FD_S_IFBLK  0060000
#define FD_S_IFDIR  0040000
#define FD_S_IFCHR  0020000
#define FD_S_IFIFO  0010000

/* Directory entry types (Linux DT_* values, also 9P2000.L's Rreaddir type). */
#define FD_DT_UNKNOWN 0
#define FD_DT_FIFO    1
#define FD_DT_CHR     2
#define FD_DT_DIR     4
#define FD_DT_BLK     6
#define FD_DT_REG     8
#define FD_DT_LNK     10
#define FD_DT_SOCK    12

struct fd_stat {
    uint32_t mode; /* FD_S_IF* | permission bits */
    uint32_t nlink;
    uint32_t uid, gid;
    uint64_t ino, dev, rdev;
    uint64_t size;
    uint64_t blocks; /* 512-byte units */
    uint32_t blksize;
    int64_t atime_sec, mtime_sec, ctime_sec;
    long atime_nsec, mtime_nsec, ctime_nsec;
};

struct fd_dirent {
    uint64_t ino;
    uint8_t type; /* FD_DT_* */
    char name[256];
};

struct fd_file;

/*
 * What a kind of file does. Any op may be NULL: the libc then answers with the POSIX
 * behaviour noted, never a silent success.
 */
struct fd_ops {
    const char *name; /* "console", "9p", "socket", ...: for diagnostics */
    /* Streams (console, sockets): NULL = read/write through pread/pwrite at f->offset. */
    long (*read)(struct fd_file *f, void *buf, size_t len);
    long (*write)(struct fd_file *f, const void *buf, size_t len);
    /* Seekable files: NULL = -ESPIPE (and lseek gives -ESPIPE). */
    long (*pread)(struct fd_file *f, void *buf, size_t len, uint64_t off);
    long (*pwrite)(struct fd_file *f, const void *buf, size_t len, uint64_t off);
    /* NULL = a character device of mode 0600 (isatty() is true only for the console). */
    int (*fstat)(struct fd_file *f, struct fd_stat *st);
    int (*ftruncate)(struct fd_file *f, uint64_t len); /* NULL = -EINVAL */
    int (*fsync)(struct fd_file *f);                   /* NULL = 0 (nothing to flush) */
    /*
     * Next entry of a directory opened with FD_O_DIRECTORY: 1, 0 at the end, or -errno.
     * f->offset is the op's to use as its position; rewinddir() sets it back to 0.
     */
    int (*readdir)(struct fd_file *f, struct fd_dirent *ent); /* NULL = -ENOTDIR */
    /* Current FD_POLL* readiness, without blocking. NULL = always FD_POLLIN|FD_POLLOUT. */
    unsigned int (*poll)(struct fd_file *f);
    /* ioctl (FIONBIO, FIONREAD, ...): NULL = -ENOTTY. */
    int (*ioctl)(struct fd_file *f, unsigned long req, void *arg);
    /* Last reference gone: free priv. The return value is close()'s. */
    int (*close)(struct fd_file *f);
};

/* One open file, shared by descriptors made with dup(). Ops may read every field. */
struct fd_file {
    const struct fd_ops *ops;
    void *priv;      /* the implementer's state */
    int flags;       /* FD_O_*: access mode, FD_O_APPEND, FD_O_NONBLOCK (fcntl may change) */
    uint64_t offset; /* for pread/pwrite-based read/write/lseek; maintained by the libc */
    unsigned int refs;
};

/*
 * A new descriptor (the lowest free one) for a file with ops, priv and FD_O_* flags:
 * the descriptor >= 0, or -EMFILE / -ENOMEM. Used by socket(), accept() and open().
 */
int fd_install(const struct fd_ops *ops, void *priv, int flags);
/*
 * The file behind fd with a reference taken (so a concurrent close() cannot free it while
 * the caller uses it), or NULL (bad descriptor). Release with fd_put().
 */
struct fd_file *fd_get(int fd);
void fd_put(struct fd_file *f);
/* Wake every select()/poll() so it re-checks readiness. Any context. */
void fd_notify(void);

/*
 * A file system or device mounted at an absolute path prefix. The libc resolves a path
 * (made absolute, "." and ".." and repeated "/" removed) to the mount with the longest
 * matching prefix and passes the rest, without a leading "/" ("" for the mount point
 * itself), to these ops. Any op may be NULL: -EROFS for the modifying ones, -ENOSYS else.
 */
struct fs_ops {
    /* Fill f->ops and f->priv (f->flags holds the FD_O_* flags) for path: 0 or -errno. */
    int (*open)(void *fs, const char *path, int flags, uint32_t mode, struct fd_file *f);
    int (*stat)(void *fs, const char *path, struct fd_stat *st);
    int (*unlink)(void *fs, const char *path);
    /* Both paths are in this mount (a rename across mounts fails with -EXDEV first). */
    int (*rename)(void *fs, const char *from, const char *to);
    int (*mkdir)(void *fs, const char *path, uint32_t mode);
    int (*rmdir)(void *fs, const char *path);
};

/*
 * Mount fs at prefix ("/share", "/dev/xvda"): 0, -EEXIST (already mounted there), -EINVAL
 * (not absolute, or "/"), -ENOMEM. The prefix is copied.
 */
int fs_mount(const char *prefix, const struct fs_ops *ops, void *fs);
/* Remove the mount at prefix: 0 or -ENOENT. Open files keep working until closed. */
int fs_umount(const char *prefix);

/* Errno translation between the kernel's values (Linux) and newlib's. Unknown: EIO. */
int errno_from_kernel(int kernel_errno);
int errno_to_kernel(int newlib_errno);
/*
 * For a libc call's return: rc >= 0 as it is; a negative kernel errno sets the calling
 * thread's errno (translated) and gives -1. E.g. a socket layer's
 *     int listen(int fd, int backlog) { return libc_ret(my_listen(fd, backlog)); }
 * where my_listen finds its state with fd_get(fd) and checks f->ops == &my_socket_ops
 * (else -ENOTSOCK), and fd_put()s it before returning.
 */
long libc_ret(long rc);

#endif
