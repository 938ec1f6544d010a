/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the blkfront test files: the disk pattern and the cases in test_blkfront_io.c. */
#ifndef MINIOS_TEST_BLKFRONT_H
#define MINIOS_TEST_BLKFRONT_H

#include <stddef.h>
#include <stdint.h>

struct blkfront_dev;

/*
 * The pattern area the boot test's host-check reads back: 1 MiB at 1 MiB, pattern bytes
 * also allowed up to 3 MiB (unaligned cases write 1 MiB + 512 there).
 */
#define PAT_LARGE_OFF 0x100000
#define PAT_LARGE_LEN 0x100000

/* Fill buf with the pattern of disk offset off; count the bytes that differ from it. */
void blkfront_test_fill(uint8_t *buf, uint64_t off, size_t len);
size_t blkfront_test_mismatches(const uint8_t *buf, uint64_t off, size_t len);

/* Writes and reads through buffers at page offsets 0x200 and 0xe00 of several lengths. */
void blkfront_test_unaligned(struct blkfront_dev *dev);
/* What the backend is granted for a partial page (a bounce page) and a whole one. */
void blkfront_test_isolation(struct blkfront_dev *dev);
/* Sequential read MB/s, page-owned vs unaligned buffers, mib MiB per measurement. */
void blkfront_test_bench(struct blkfront_dev *dev, unsigned int mib);

#endif
