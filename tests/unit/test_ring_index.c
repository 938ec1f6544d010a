/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/ring_index.c: free request slots and new responses of a shared ring, across the wrap. */
#include <errno.h>
#include <stdint.h>

#include "unit.h"

unsigned int kt_ring_free_slots(uint32_t req_prod_pvt, uint32_t rsp_cons, unsigned int size);
int kt_ring_new_responses(uint32_t rsp_prod, uint32_t rsp_cons, uint32_t req_prod_pvt);

START_TEST(test_free_slots)
{
    ck_assert_uint_eq(kt_ring_free_slots(0, 0, 32), 32);
    ck_assert_uint_eq(kt_ring_free_slots(5, 0, 32), 27);
    ck_assert_uint_eq(kt_ring_free_slots(32, 0, 32), 0);
    ck_assert_uint_eq(kt_ring_free_slots(40, 8, 32), 0);
    ck_assert_uint_eq(kt_ring_free_slots(300, 100, 256), 56);
    ck_assert_uint_eq(kt_ring_free_slots(3, 0xfffffffeu, 32), 27);
    ck_assert_uint_eq(kt_ring_free_slots(4, 0xfffffff0u, 256), 236);
    /* More in flight than the ring holds, or a consumer ahead of the producer: none free. */
    ck_assert_uint_eq(kt_ring_free_slots(100, 0, 32), 0);
    ck_assert_uint_eq(kt_ring_free_slots(0, 1, 256), 0);
}
END_TEST

START_TEST(test_new_responses)
{
    ck_assert_int_eq(kt_ring_new_responses(0, 0, 0), 0);
    ck_assert_int_eq(kt_ring_new_responses(3, 1, 4), 2);
    ck_assert_int_eq(kt_ring_new_responses(4, 1, 4), 3);
    ck_assert_int_eq(kt_ring_new_responses(0xffffffffu, 0xfffffffeu, 1), 1);
    ck_assert_int_eq(kt_ring_new_responses(1, 0xffffffffu, 2), 2);
    ck_assert_int_eq(kt_ring_new_responses(3, 0xfffffffeu, 10), 5);
}
END_TEST

/* A producer beyond our requests, or behind our consumer, is a broken backend. */
START_TEST(test_new_responses_broken)
{
    ck_assert_int_eq(kt_ring_new_responses(5, 1, 4), -EPROTO);
    ck_assert_int_eq(kt_ring_new_responses(0, 1, 4), -EPROTO);
    ck_assert_int_eq(kt_ring_new_responses(11, 0xfffffffeu, 10), -EPROTO);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("ring_index");

    UNIT_ADD(s, test_free_slots);
    UNIT_ADD(s, test_new_responses);
    UNIT_ADD(s, test_new_responses_broken);
    return s;
}
