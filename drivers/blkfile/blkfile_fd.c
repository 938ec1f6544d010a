/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw disks as libc files (include/fdtab.h): "/dev/xvdX" for each disk in device/vbd,
 * and "/dev/vbd/N" for any vbd number; read/write/lseek in bytes through blkfile.
 */
#include <kernel.h>
#include <blkfile.h>
#include <fdtab.h>
#include <fmt.h>
#include <mm.h>
#include <string.h>
#include <xenbus.h>

static long bf_pread(struct fd_file *f, void *buf, size_t len, uint64_t off)
{
    return blkfile_pread(f->priv, buf, len, off);
}

static long bf_pwrite(struct fd_file *f, const void *buf, size_t len, uint64_t off)
{
    return blkfile_pwrite(f->priv, buf, len, off);
}

static int bf_fstat(struct fd_file *f, struct fd_stat *st)
{
    memset(st, 0, sizeof(*st));
    /* A block device with its size, so that lseek(SEEK_END) finds the end of the disk. */
    st->mode = FD_S_IFBLK | 0600;
    st->nlink = 1;
    st->size = blkfile_size(f->priv);
    st->blocks = st->size / 512;
    st->blksize = 4096;
    return 0;
}

static int bf_fsync(struct fd_file *f)
{
    return blkfile_flush(f->priv);
}

static int bf_close(struct fd_file *f)
{
    return blkfile_close(f->priv);
}

static const struct fd_ops blk_file_ops = {
    .name = "blk",
    .pread = bf_pread,
    .pwrite = bf_pwrite,
    .fstat = bf_fstat,
    .fsync = bf_fsync,
    .close = bf_close,
};

/* fs: the disk's vbd number for "/dev/xvdX" (path ""), NULL for "/dev/vbd" (path "N"). */
static int bf_open(void *fs, const char *path, int flags, uint32_t mode, struct fd_file *f)
{
    char name[24];
    struct blkfile *bf;
    int rc;

    if (fs)
        snprintf(name, sizeof(name), "%lu", (unsigned long)(uintptr_t)fs);
    else if (strlcpy(name, path, sizeof(name)) >= sizeof(name))
        return -ENOENT;
    if ((fs && path[0]) || (flags & (FD_O_DIRECTORY | FD_O_TRUNC)))
        return path[0] ? -ENOENT : -EINVAL;
    rc = blkfile_open(name, (flags & FD_O_ACCMODE) != FD_O_RDONLY, &bf);
    if (rc)
        return rc;
    f->ops = &blk_file_ops;
    f->priv = bf;
    return 0;
}

static const struct fs_ops blk_fs_ops = {
    .open = bf_open,
};

int blkfile_mount_all(void)
{
    char **ids;
    int n = xenbus_directory(XBT_NIL, "device/vbd", &ids),
        rc = fs_mount("/dev/vbd", &blk_fs_ops, NULL);

    for (int i = 0; n > 0 && i < n; i++) {
        unsigned long long v;
        char path[16];

        /* xvda..xvdp: 202 << 8 | disk << 4. */
        if (str_to_ull(ids[i], 10, &v) || (v >> 8) != 202 || (v & 15) || ((v >> 4) & 15) > 15)
            continue;
        snprintf(path, sizeof(path), "/dev/xvd%c", (char)('a' + ((v >> 4) & 15)));
        if (!rc)
            rc = fs_mount(path, &blk_fs_ops, (void *)(uintptr_t)v);
    }
    if (n > 0)
        free(ids);
    return rc;
}
