/* SPDX-License-Identifier: BSD-2-Clause */
/* drivers/console/ring.c: console ring fill levels, wrap-around and hostile indices. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

/* drivers/console/ring.h, restated for the host. */
int kt_byte_ring_used(uint32_t cons, uint32_t prod, size_t size);
int kt_byte_ring_put(char *ring, size_t size, uint32_t cons, uint32_t *prod, const void *data,
                     size_t len);
int kt_byte_ring_get(const char *ring, size_t size, uint32_t *cons, uint32_t prod, void *data,
                     size_t len);

#define OUT_SIZE 2048 /* sizeof(xencons_interface.out) */

START_TEST(test_used)
{
    ck_assert_int_eq(kt_byte_ring_used(0, 0, OUT_SIZE), 0);
    ck_assert_int_eq(kt_byte_ring_used(10, 30, OUT_SIZE), 20);
    ck_assert_int_eq(kt_byte_ring_used(0, OUT_SIZE, OUT_SIZE), OUT_SIZE);
    /* Indices wrap at 2^32: the difference still counts. */
    ck_assert_int_eq(kt_byte_ring_used(0xfffffff0u, 0x10u, OUT_SIZE), 0x20);
    /* More than a ring in flight, or a consumer ahead of the producer: nonsense. */
    ck_assert_int_eq(kt_byte_ring_used(0, OUT_SIZE + 1, OUT_SIZE), -EPROTO);
    ck_assert_int_eq(kt_byte_ring_used(5, 4, OUT_SIZE), -EPROTO);
}
END_TEST

/* Filling stops at the ring size; the overflow part is left to the caller, not dropped. */
START_TEST(test_put_until_full)
{
    static char ring[OUT_SIZE], data[3000];
    uint32_t prod = 0;

    memset(data, 'x', sizeof(data));
    ck_assert_int_eq(kt_byte_ring_put(ring, OUT_SIZE, 0, &prod, data, sizeof(data)), OUT_SIZE);
    ck_assert_uint_eq(prod, OUT_SIZE);
    ck_assert_int_eq(kt_byte_ring_put(ring, OUT_SIZE, 0, &prod, data, 1), 0);
    ck_assert_int_eq(kt_byte_ring_put(ring, OUT_SIZE, 100, &prod, data, sizeof(data)), 100);
    ck_assert_uint_eq(prod, OUT_SIZE + 100);
}
END_TEST

/* A message that straddles the physical end of the array comes out whole and in order. */
START_TEST(test_wrap_around)
{
    static char ring[16];
    char out[16];
    uint32_t base = 0xfffffffau; /* the 32-bit index wraps in the middle too */
    uint32_t prod = base, cons = base;

    ck_assert_int_eq(kt_byte_ring_put(ring, sizeof(ring), cons, &prod, "0123456789", 10), 10);
    ck_assert_int_eq(kt_byte_ring_get(ring, sizeof(ring), &cons, prod, out, 4), 4);
    ck_assert_int_eq(memcmp(out, "0123", 4), 0);
    ck_assert_int_eq(kt_byte_ring_put(ring, sizeof(ring), cons, &prod, "abcdefghij", 10), 10);
    ck_assert_int_eq(kt_byte_ring_used(cons, prod, sizeof(ring)), 16);
    ck_assert_int_eq(kt_byte_ring_get(ring, sizeof(ring), &cons, prod, out, sizeof(out)), 16);
    ck_assert_int_eq(memcmp(out, "456789abcdefghij", 16), 0);
    ck_assert_uint_eq(cons, prod);
    ck_assert_uint_eq(prod, base + 20);
}
END_TEST

/* Byte stream through a small ring in odd-sized pieces: nothing lost, duplicated or reordered. */
START_TEST(test_stream)
{
    static char ring[64];
    uint32_t prod = 0x7fffffe0u, cons = prod;
    unsigned int sent = 0, got = 0;

    while (got < 100000) {
        char buf[37];
        size_t want = 1 + (sent * 7) % sizeof(buf);
        int n;

        for (size_t i = 0; i < want; i++)
            buf[i] = (char)(sent + i);
        n = kt_byte_ring_put(ring, sizeof(ring), cons, &prod, buf, want);
        ck_assert_int_ge(n, 0);
        sent += n;
        n = kt_byte_ring_get(ring, sizeof(ring), &cons, prod, buf, 1 + got % 23);
        ck_assert_int_ge(n, 0);
        for (int i = 0; i < n; i++)
            ck_assert_int_eq((unsigned char)buf[i], (unsigned char)(got + i));
        got += n;
    }
}
END_TEST

/* A hostile peer index moves nothing and touches no byte. */
START_TEST(test_bad_index)
{
    static char ring[OUT_SIZE];
    char out[8] = "unset!!";
    uint32_t prod = 10, cons = 0;

    ck_assert_int_eq(kt_byte_ring_put(ring, OUT_SIZE, 11, &prod, "abc", 3), -EPROTO);
    ck_assert_uint_eq(prod, 10);
    ck_assert_int_eq(kt_byte_ring_get(ring, OUT_SIZE, &cons, 0x80000000u, out, 8), -EPROTO);
    ck_assert_uint_eq(cons, 0);
    ck_assert_str_eq(out, "unset!!");
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("console_ring");

    UNIT_ADD(s, test_used);
    UNIT_ADD(s, test_put_until_full);
    UNIT_ADD(s, test_wrap_around);
    UNIT_ADD(s, test_stream);
    UNIT_ADD(s, test_bad_index);
    return s;
}
