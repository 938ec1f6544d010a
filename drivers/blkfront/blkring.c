/* SPDX-License-Identifier: BSD-2-Clause */
/* Pure blkif arithmetic: response ids, status codes and buffer segments. */
#include <errno.h>
#include "blkring.h"

/* Mirrors of blkif.h's BLKIF_RSP_* (this file stays free of Xen headers for the host). */
#define RSP_OKAY       0
#define RSP_ERROR      (-1)
#define RSP_EOPNOTSUPP (-2)

int blkring_check_id(uint64_t id, unsigned int n, const bool *busy)
{
    if (id >= n)
        return -ERANGE;
    if (!busy[id])
        return -ENOENT;
    return (int)id;
}

int blkring_status_errno(int16_t status)
{
    switch (status) {
    case RSP_OKAY:
        return 0;
    case RSP_EOPNOTSUPP:
        return -EOPNOTSUPP;
    case RSP_ERROR:
    default:
        return -EIO;
    }
}

int blkring_segments(uintptr_t addr, size_t len, unsigned int max, struct blkring_seg *segs)
{
    const uintptr_t mask = BLKRING_SECTOR_SIZE - 1;
    unsigned int n = 0;

    if (len == 0 || (addr & mask) || (len & mask))
        return -EINVAL;
    while (len) {
        uintptr_t off = addr & (BLKRING_PAGE_SIZE - 1);
        size_t chunk = BLKRING_PAGE_SIZE - off;

        if (chunk > len)
            chunk = len;
        if (n == max)
            return -E2BIG;
        segs[n].page = addr - off;
        segs[n].first = (uint8_t)(off >> BLKRING_SECTOR_SHIFT);
        segs[n].last = (uint8_t)((off + chunk - 1) >> BLKRING_SECTOR_SHIFT);
        n++;
        addr += chunk;
        len -= chunk;
    }
    return (int)n;
}

bool blkring_range_ok(uint64_t offset, uint64_t len, uint64_t sectors, unsigned int sector_size)
{
    uint64_t size;

    if (sector_size < BLKRING_SECTOR_SIZE || (sector_size & (sector_size - 1)))
        return false;
    if ((offset | len) & (sector_size - 1))
        return false;
    /* sectors * sector_size overflowing means a disk larger than any offset: clamp. */
    size = sectors > UINT64_MAX / sector_size ? UINT64_MAX : sectors * sector_size;
    return offset <= size && len <= size - offset;
}

unsigned int blkring_indirect_pages(unsigned int nseg)
{
    return (nseg + BLKRING_SEGS_PER_INDIRECT_PAGE - 1) / BLKRING_SEGS_PER_INDIRECT_PAGE;
}

unsigned int blkring_pow2_floor(unsigned int n)
{
    unsigned int p = 1;

    while (p <= n / 2)
        p *= 2;
    return p;
}
