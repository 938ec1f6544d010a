/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw virtual disks as files: byte offsets and lengths of any alignment on top of
 * blkfront (include/blkfront.h), for the libc's /dev/xvdX files and for applications.
 * Names: "/dev/xvda".."/dev/xvdp", "xvda", a vbd number "51712" or "/dev/vbd/51712".
 * Thread context only; one thread at a time per blkfile. Only with CONFIG_BLKFRONT.
 */
#ifndef MINIOS_BLKFILE_H
#define MINIOS_BLKFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct blkfile;

/* The vbd number a name stands for (see above), or -ENOENT if it names no disk. */
long blkfile_vdev(const char *name);
/*
 * Open the disk, connecting it on first use (blkfront_open; the connection is kept for
 * later opens). 0 and *bfp, or -errno: -ENOENT bad name or no such disk, -EROFS writable
 * asked of a read-only disk, as blkfront_open otherwise.
 */
int blkfile_open(const char *name, bool writable, struct blkfile **bfp);
/* Flush (if writable and supported) and free; the disk stays connected. 0 or -errno. */
int blkfile_close(struct blkfile *bf);
/* Disk size in bytes. */
uint64_t blkfile_size(const struct blkfile *bf);
/* Bytes read, short at the end of the disk (0 at or past it), or -errno. */
long blkfile_pread(struct blkfile *bf, void *buf, size_t len, uint64_t off);
/* Bytes written (short at the end; -ENOSPC at or past it), or -errno (-EROFS). */
long blkfile_pwrite(struct blkfile *bf, const void *buf, size_t len, uint64_t off);
/* Make writes durable: 0, or -errno (0 when the backend has no flush: nothing to do). */
int blkfile_flush(struct blkfile *bf);

/*
 * With CONFIG_LIBC (drivers/blkfile/blkfile_fd.c, not built yet): mount "/dev/vbd" (any
 * vbd number below it) and "/dev/xvdX" for each xvd disk in device/vbd in the libc's
 * mount table. 0 or -errno from fs_mount.
 */
int blkfile_mount_all(void);

#endif
