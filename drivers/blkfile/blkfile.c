/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Byte-granular disk files over blkfront: unaligned pieces go through a sector-aligned
 * bounce buffer, read-modify-write for partial sectors at either end of a write.
 */
#include <kernel.h>
#include <blkfile.h>
#include <blkfront.h>
#include <fmt.h>
#include <mm.h>
#include <string.h>

#define BOUNCE_BYTES (128u * 1024u)
#define MAX_DISKS    16u

/*
 * Disks stay connected once opened: files share the connection, and closing the last one
 * does not disconnect (a blkfront reopen after close finds the backend Closed: -ENODEV).
 */
static struct disk {
    long vdev;
    struct blkfront_dev *dev;
} disks[MAX_DISKS];

struct blkfile {
    struct blkfront_dev *dev;
    uint64_t size;
    unsigned int ssize;
    bool writable;
    uint8_t *bounce; /* BOUNCE_BYTES, page-aligned */
};

long blkfile_vdev(const char *name)
{
    const char *p = name;
    unsigned long long n;

    if (!strncmp(p, "/dev/", 5))
        p += 5;
    if (!strncmp(p, "vbd/", 4))
        p += 4;
    /* Xen's vbd numbering for xvd disks: 202 << 8 | disk << 4 (partition 0). */
    if (!strncmp(p, "xvd", 3) && p[3] >= 'a' && p[3] <= 'p' && p[4] == '\0')
        return (202L << 8) | ((long)(p[3] - 'a') << 4);
    if (p[0] >= '0' && p[0] <= '9' && str_to_ull(p, 10, &n) == 0 && n < (1ULL << 31))
        return (long)n;
    return -ENOENT;
}

/* The connection to disk vdev, made on first use. 0 and *devp, or -errno. */
static int disk_get(long vdev, struct blkfront_dev **devp)
{
    struct disk *free_slot = NULL;
    char node[32];
    int rc;

    for (unsigned int i = 0; i < MAX_DISKS; i++) {
        if (disks[i].dev && disks[i].vdev == vdev) {
            *devp = disks[i].dev;
            return blkfront_connected(*devp) ? 0 : -ENODEV;
        }
        if (!disks[i].dev && !free_slot)
            free_slot = &disks[i];
    }
    if (!free_slot)
        return -ENFILE;
    snprintf(node, sizeof(node), "device/vbd/%ld", vdev);
    rc = blkfront_open(node, 0, devp);
    /* Another thread may have connected it meanwhile: the slot is still ours to fill. */
    if (!rc && !free_slot->dev) {
        free_slot->vdev = vdev;
        free_slot->dev = *devp;
    }
    return rc;
}

int blkfile_open(const char *name, bool writable, struct blkfile **bfp)
{
    long vdev = blkfile_vdev(name);
    struct blkfile *bf;
    int rc;

    if (vdev < 0)
        return (int)vdev;
    bf = calloc(1, sizeof(*bf));
    if (!bf)
        return -ENOMEM;
    rc = disk_get(vdev, &bf->dev);
    if (!rc) {
        const struct blkfront_info *in = blkfront_info(bf->dev);

        bf->ssize = in->sector_size;
        bf->size = in->sectors * in->sector_size;
        bf->writable = writable;
        if (writable && in->readonly)
            rc = -EROFS;
        bf->bounce = rc ? NULL : memalign(PAGE_SIZE, BOUNCE_BYTES);
        if (!rc && !bf->bounce)
            rc = -ENOMEM;
    }
    if (rc) {
        free(bf);
        return rc;
    }
    *bfp = bf;
    return 0;
}

int blkfile_close(struct blkfile *bf)
{
    int rc = bf->writable ? blkfile_flush(bf) : 0;

    free(bf->bounce);
    free(bf);
    return rc;
}

uint64_t blkfile_size(const struct blkfile *bf)
{
    return bf->size;
}

int blkfile_flush(struct blkfile *bf)
{
    int rc = blkfront_flush(bf->dev);

    return rc == -EOPNOTSUPP ? 0 : rc;
}

/* The piece at off that one bounce-buffer transfer covers: [*start, *start + *n). */
static void piece(const struct blkfile *bf, uint64_t off, size_t len, uint64_t *start, size_t *n)
{
    uint64_t end = off + len;

    *start = ALIGN_DOWN(off, (uint64_t)bf->ssize);
    end = MIN(ALIGN_UP(end, (uint64_t)bf->ssize), *start + BOUNCE_BYTES);
    *n = (size_t)(end - *start);
}

long blkfile_pread(struct blkfile *bf, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;

    if (off >= bf->size)
        return 0;
    len = (size_t)MIN((uint64_t)len, bf->size - off);
    while (done < len) {
        uint64_t pos = off + done, start;
        size_t n, skip, k;
        int rc;

        piece(bf, pos, len - done, &start, &n);
        rc = blkfront_read(bf->dev, start, bf->bounce, n);
        if (rc)
            return done ? (long)done : rc;
        skip = (size_t)(pos - start);
        k = MIN(n - skip, len - done);
        memcpy((uint8_t *)buf + done, bf->bounce + skip, k);
        done += k;
    }
    return (long)done;
}

/* Read the sectors of [start, start + n) that the write covers only in part. */
static int fill_edges(struct blkfile *bf, uint64_t start, size_t n, uint64_t pos, size_t k)
{
    size_t last = n - bf->ssize;
    int rc = 0;

    if (pos != start)
        rc = blkfront_read(bf->dev, start, bf->bounce, bf->ssize);
    if (!rc && pos + k != start + n && (last != 0 || pos == start))
        rc = blkfront_read(bf->dev, start + last, bf->bounce + last, bf->ssize);
    return rc;
}

long blkfile_pwrite(struct blkfile *bf, const void *buf, size_t len, uint64_t off)
{
    size_t done = 0;

    if (!bf->writable)
        return -EBADF;
    if (len && off >= bf->size)
        return -ENOSPC;
    len = (size_t)MIN((uint64_t)len, bf->size - off);
    while (done < len) {
        uint64_t pos = off + done, start;
        size_t n, skip, k;
        int rc;

        piece(bf, pos, len - done, &start, &n);
        skip = (size_t)(pos - start);
        k = MIN(n - skip, len - done);
        rc = fill_edges(bf, start, n, pos, k);
        memcpy(bf->bounce + skip, (const uint8_t *)buf + done, k);
        if (!rc)
            rc = blkfront_write(bf->dev, start, bf->bounce, n);
        if (rc)
            return done ? (long)done : rc;
        done += k;
    }
    return (long)done;
}
