/* SPDX-License-Identifier: BSD-2-Clause */
/* Pure blkif arithmetic (no Xen headers, host unit-tested): ids, status, segments. */
#ifndef MINIOS_BLKRING_H
#define MINIOS_BLKRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* blkif sector numbers and segment bounds are always in 512-byte units. */
#define BLKRING_SECTOR_SHIFT 9
#define BLKRING_SECTOR_SIZE  (1u << BLKRING_SECTOR_SHIFT)
#define BLKRING_PAGE_SIZE    4096u
/* Segments an indirect page holds: PAGE_SIZE / sizeof(struct blkif_request_segment). */
#define BLKRING_SEGS_PER_INDIRECT_PAGE (BLKRING_PAGE_SIZE / 8)

/* One page of a buffer: its page-aligned address and the 512-byte sectors used in it. */
struct blkring_seg {
    uintptr_t page;
    uint8_t first, last; /* inclusive, 0..7 */
};

/*
 * Validate a response id against our slot table: the slot index, or -ERANGE (id >= n) or
 * -ENOENT (that slot has no request in flight). busy[i] tells whether slot i is in flight.
 */
int blkring_check_id(uint64_t id, unsigned int n, const bool *busy);
/* BLKIF_RSP_* status to 0 / -EIO / -EOPNOTSUPP (anything unknown is -EIO). */
int blkring_status_errno(int16_t status);
/*
 * Split [addr, addr + len) into per-page segments: the count (1..max), or -EINVAL
 * (addr or len not 512-byte aligned, len 0) or -E2BIG (more than max pages).
 */
int blkring_segments(uintptr_t addr, size_t len, unsigned int max, struct blkring_seg *segs);
/* Whether [offset, offset + len) is sector_size-aligned and inside a disk of sectors. */
bool blkring_range_ok(uint64_t offset, uint64_t len, uint64_t sectors, unsigned int sector_size);
/* Indirect pages needed for nseg segments (ceil). */
unsigned int blkring_indirect_pages(unsigned int nseg);
/* Largest power of two <= n (n > 0): ring sizes are powers of two. */
unsigned int blkring_pow2_floor(unsigned int n);

#endif
