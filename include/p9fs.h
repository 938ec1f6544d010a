/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Files shared from dom0 over Xen 9pfs (xl.cfg "p9", device/9pfs/N), 9P2000.L. Each share
 * is mounted at "/<tag>": paths here are absolute, "/share/dir/file". Shares connect on
 * first use. Thread context only; several threads may use a share at once (one request per
 * ring in flight). Errors: 0 or -errno, the server's own errno (Rlerror) where it refused,
 * -ENOENT for a path under no share, -EPROTO/-EIO when the backend broke the protocol.
 * Only with CONFIG_9PFS: callers test IS_ENABLED(CONFIG_9PFS) before calling.
 */
#ifndef MINIOS_P9FS_H
#define MINIOS_P9FS_H

#include <stdint.h>
#include <stddef.h>
#include <errno.h>

#define P9FS_TAG_MAX  31
#define P9FS_NAME_MAX 255

/* Open flags: Linux's values, which 9P2000.L carries unchanged. */
#define P9FS_O_RDONLY    00
#define P9FS_O_WRONLY    01
#define P9FS_O_RDWR      02
#define P9FS_O_ACCMODE   03
#define P9FS_O_CREAT     0100
#define P9FS_O_EXCL      0200
#define P9FS_O_TRUNC     01000
#define P9FS_O_APPEND    02000
#define P9FS_O_DIRECTORY 0200000

/* File type bits of p9fs_stat.mode (Linux/POSIX values). */
#define P9FS_S_IFMT  0170000
#define P9FS_S_IFDIR 0040000
#define P9FS_S_IFREG 0100000

struct p9fs_stat {
    uint32_t mode, uid, gid;
    uint64_t ino, nlink, size, blksize, blocks;
    uint64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};

struct p9fs_dirent {
    uint64_t ino;
    uint8_t type; /* DT_* (Linux values: 4 directory, 8 regular file) */
    char name[P9FS_NAME_MAX + 1];
};

struct p9fs_file;

/* Connected shares (connecting them on the first call), and the tag of share i or NULL. */
unsigned int p9fs_share_count(void);
const char *p9fs_share_tag(unsigned int i);

/*
 * Open path with P9FS_O_* flags (mode: permissions of a file O_CREAT makes). A directory
 * opens with P9FS_O_DIRECTORY or read-only. 0 and *fp, or -errno (-EISDIR, -ENOENT ...).
 * P9FS_O_APPEND is left to the caller (writes go where p9fs_pwrite is told).
 */
int p9fs_open(const char *path, int flags, unsigned int mode, struct p9fs_file **fp);
/* Release the file (always freed): 0 or the server's -errno for the clunk. */
int p9fs_close(struct p9fs_file *f);
/* Bytes transferred (short counts are possible, 0 = end of file), or -errno. */
long p9fs_pread(struct p9fs_file *f, void *buf, size_t len, uint64_t off);
long p9fs_pwrite(struct p9fs_file *f, const void *buf, size_t len, uint64_t off);
int p9fs_fstat(struct p9fs_file *f, struct p9fs_stat *st);
int p9fs_ftruncate(struct p9fs_file *f, uint64_t size);
int p9fs_fsync(struct p9fs_file *f);
/* Next entry of a directory opened with p9fs_open: 1 and *d, 0 at the end, or -errno. */
int p9fs_readdir(struct p9fs_file *f, struct p9fs_dirent *d);
/* Start the directory over from its first entry. */
void p9fs_rewinddir(struct p9fs_file *f);

int p9fs_stat(const char *path, struct p9fs_stat *st);
int p9fs_truncate(const char *path, uint64_t size);
int p9fs_unlink(const char *path);
int p9fs_rmdir(const char *path);
int p9fs_mkdir(const char *path, unsigned int mode);
/* Both paths on the same share, else -EXDEV. */
int p9fs_rename(const char *oldpath, const char *newpath);

/*
 * With CONFIG_LIBC (drivers/9pfs/p9fs_fd.c): connect the shares and mount
 * each at "/<tag>" in the libc's mount table (include/fdtab.h). The count mounted, or
 * -errno from fs_mount.
 */
int p9fs_mount_all(void);

/* Requests and bytes since boot, over every share (for the benchmark and tests). */
struct p9fs_stats {
    uint64_t requests, bytes_read, bytes_written;
};
void p9fs_get_stats(struct p9fs_stats *st);

#endif
