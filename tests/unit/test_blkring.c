/* SPDX-License-Identifier: BSD-2-Clause */
/* drivers/blkfront/blkring.c: response validation, buffer segments. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

/* Mirror of drivers/blkfront/blkring.h (tests never include the kernel's headers). */
struct blkring_seg {
    uintptr_t page;
    uint8_t first, last;
};

int kt_blkring_check_id(uint64_t id, unsigned int n, const bool *busy);
int kt_blkring_status_errno(int16_t status);
int kt_blkring_segments(uintptr_t addr, size_t len, unsigned int max, struct blkring_seg *segs);
bool kt_blkring_range_ok(uint64_t offset, uint64_t len, uint64_t sectors, unsigned int sector_size);
unsigned int kt_blkring_indirect_pages(unsigned int nseg);
unsigned int kt_blkring_pow2_floor(unsigned int n);

/* Response ids: only a slot in range with a request in flight is accepted. */
START_TEST(test_check_id)
{
    bool busy[4] = {false, true, false, true};

    ck_assert_int_eq(kt_blkring_check_id(1, 4, busy), 1);
    ck_assert_int_eq(kt_blkring_check_id(3, 4, busy), 3);
    ck_assert_int_eq(kt_blkring_check_id(0, 4, busy), -ENOENT);
    ck_assert_int_eq(kt_blkring_check_id(2, 4, busy), -ENOENT);
    ck_assert_int_eq(kt_blkring_check_id(4, 4, busy), -ERANGE);
    ck_assert_int_eq(kt_blkring_check_id(UINT64_MAX, 4, busy), -ERANGE);
    ck_assert_int_eq(kt_blkring_check_id(1ull << 32 | 1, 4, busy), -ERANGE);
}
END_TEST

START_TEST(test_status)
{
    ck_assert_int_eq(kt_blkring_status_errno(0), 0);
    ck_assert_int_eq(kt_blkring_status_errno(-1), -EIO);
    ck_assert_int_eq(kt_blkring_status_errno(-2), -EOPNOTSUPP);
    ck_assert_int_eq(kt_blkring_status_errno(7), -EIO);
    ck_assert_int_eq(kt_blkring_status_errno(-32768), -EIO);
}
END_TEST

/* Segments: one per page touched, with the 512-byte sectors used in each. */
START_TEST(test_segments)
{
    struct blkring_seg s[16];

    ck_assert_int_eq(kt_blkring_segments(0x10000, 4096, 11, s), 1);
    ck_assert_uint_eq(s[0].page, 0x10000);
    ck_assert_uint_eq(s[0].first, 0);
    ck_assert_uint_eq(s[0].last, 7);

    ck_assert_int_eq(kt_blkring_segments(0x10200, 512, 11, s), 1);
    ck_assert_uint_eq(s[0].first, 1);
    ck_assert_uint_eq(s[0].last, 1);

    /* Straddling a page boundary: the tail of one page and the head of the next. */
    ck_assert_int_eq(kt_blkring_segments(0x10e00, 1024, 11, s), 2);
    ck_assert_uint_eq(s[0].page, 0x10000);
    ck_assert_uint_eq(s[0].first, 7);
    ck_assert_uint_eq(s[0].last, 7);
    ck_assert_uint_eq(s[1].page, 0x11000);
    ck_assert_uint_eq(s[1].first, 0);
    ck_assert_uint_eq(s[1].last, 0);

    ck_assert_int_eq(kt_blkring_segments(0x10000, 11 * 4096, 11, s), 11);
    ck_assert_uint_eq(s[10].page, 0x1a000);
    ck_assert_uint_eq(s[10].last, 7);
    ck_assert_int_eq(kt_blkring_segments(0x10000, 11 * 4096 + 512, 11, s), -E2BIG);
    ck_assert_int_eq(kt_blkring_segments(0x10200, 11 * 4096, 11, s), -E2BIG);
    ck_assert_int_eq(kt_blkring_segments(0x10200, 11 * 4096, 12, s), 12);
}
END_TEST

START_TEST(test_segments_invalid)
{
    struct blkring_seg s[4];

    ck_assert_int_eq(kt_blkring_segments(0x10000, 0, 4, s), -EINVAL);
    ck_assert_int_eq(kt_blkring_segments(0x10001, 512, 4, s), -EINVAL);
    ck_assert_int_eq(kt_blkring_segments(0x10000, 100, 4, s), -EINVAL);
}
END_TEST

/* Ranges: sector-aligned and inside the disk, without overflow at the top. */
START_TEST(test_range)
{
    ck_assert(kt_blkring_range_ok(0, 512, 1, 512));
    ck_assert(kt_blkring_range_ok(512, 512, 2, 512));
    ck_assert(!kt_blkring_range_ok(512, 1024, 2, 512));
    ck_assert(!kt_blkring_range_ok(100, 512, 8, 512));
    ck_assert(!kt_blkring_range_ok(0, 512, 8, 4096));
    ck_assert(kt_blkring_range_ok(4096, 4096, 2, 4096));
    ck_assert(!kt_blkring_range_ok(0, 512, 8, 1000));
    ck_assert(!kt_blkring_range_ok(UINT64_MAX - 511, 1024, 16, 512));
    ck_assert(!kt_blkring_range_ok(512, UINT64_MAX - 511, 16, 512));
    ck_assert(kt_blkring_range_ok(0, 512, UINT64_MAX, 512));
    ck_assert(kt_blkring_range_ok(1024, 0, 2, 512));
}
END_TEST

START_TEST(test_indirect_and_pow2)
{
    ck_assert_uint_eq(kt_blkring_indirect_pages(1), 1);
    ck_assert_uint_eq(kt_blkring_indirect_pages(512), 1);
    ck_assert_uint_eq(kt_blkring_indirect_pages(513), 2);
    ck_assert_uint_eq(kt_blkring_pow2_floor(1), 1);
    ck_assert_uint_eq(kt_blkring_pow2_floor(36), 32);
    ck_assert_uint_eq(kt_blkring_pow2_floor(145), 128);
    ck_assert_uint_eq(kt_blkring_pow2_floor(128), 128);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("blkring");

    UNIT_ADD(s, test_check_id);
    UNIT_ADD(s, test_status);
    UNIT_ADD(s, test_segments);
    UNIT_ADD(s, test_segments_invalid);
    UNIT_ADD(s, test_range);
    UNIT_ADD(s, test_indirect_and_pow2);
    return s;
}
