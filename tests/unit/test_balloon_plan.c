/* SPDX-License-Identifier: BSD-2-Clause */
/* mm/balloon_plan.c: memory/target (KiB) -> pages to give back or take, capped and reserved. */
#include <stdbool.h>
#include <string.h>

#include "unit.h"

/* mm/balloon_plan.h, restated for the host. */
struct balloon_plan {
    unsigned long want, give, take, short_by;
    bool above_boot;
};
void kt_balloon_plan(unsigned long long target_kib, unsigned long boot_pages,
                     unsigned long ballooned, unsigned long free_pages, unsigned long reserve,
                     struct balloon_plan *p);
unsigned long long kt_balloon_unseen_kib(unsigned long long first_target_kib,
                                         unsigned long long static_max_kib,
                                         unsigned long boot_pages);
unsigned long long kt_balloon_own_kib(unsigned long long target_kib, unsigned long long unseen_kib);

/* ASSERT in kernel code lands here (balloon_plan has none, but kernel.h declares it). */
void panic(const char *fmt, ...);
void panic(const char *fmt, ...)
{
    ck_abort_msg("panic: %s", fmt);
    __builtin_unreachable();
}

#define BOOT 8192UL /* a 32 MiB domain */
#define RES  256UL

static struct balloon_plan plan(unsigned long long kib, unsigned long ballooned,
                                unsigned long free_pages)
{
    struct balloon_plan p;

    memset(&p, 0xa5, sizeof(p));
    kt_balloon_plan(kib, BOOT, ballooned, free_pages, RES, &p);
    return p;
}

START_TEST(test_balloon_plan_steady)
{
    struct balloon_plan p = plan(32768, 0, 8000);

    ck_assert_uint_eq(p.want, BOOT);
    ck_assert_uint_eq(p.give + p.take + p.short_by, 0);
    ck_assert(!p.above_boot);
}
END_TEST

START_TEST(test_balloon_plan_shrink_and_grow)
{
    struct balloon_plan p = plan(16384, 0, 8000);

    ck_assert_uint_eq(p.give, 4096);
    ck_assert_uint_eq(p.take + p.short_by, 0);
    /* Half given back: going back to 32 MiB takes exactly those pages again. */
    p = plan(32768, 4096, 3904);
    ck_assert_uint_eq(p.take, 4096);
    ck_assert_uint_eq(p.give + p.short_by, 0);
    /* Part way: 24 MiB from 16 MiB. */
    p = plan(24576, 4096, 3904);
    ck_assert_uint_eq(p.take, 2048);
}
END_TEST

START_TEST(test_balloon_plan_reserve)
{
    /* Target 0: everything but the reserve goes, the rest is reported short. */
    struct balloon_plan p = plan(0, 0, 7778 + RES);

    ck_assert_uint_eq(p.give, 7778);
    ck_assert_uint_eq(p.short_by, BOOT - 7778);
    /* At or below the reserve nothing may go. */
    p = plan(4096, 0, RES);
    ck_assert_uint_eq(p.give, 0);
    ck_assert_uint_eq(p.short_by, BOOT - 1024);
    p = plan(4096, 0, RES - 1);
    ck_assert_uint_eq(p.give, 0);
}
END_TEST

START_TEST(test_balloon_plan_above_boot)
{
    struct balloon_plan p = plan(65536, 0, 8000);

    ck_assert(p.above_boot);
    ck_assert_uint_eq(p.want, BOOT);
    ck_assert_uint_eq(p.give + p.take, 0);
    /* From below: take back up to the boot size, not beyond. */
    p = plan(65536, 2048, 5000);
    ck_assert_uint_eq(p.take, 2048);
    /* A target that would wrap in 32 bits stays huge. */
    p = plan(1ULL << 44, 0, 8000);
    ck_assert(p.above_boot);
    ck_assert_uint_eq(p.want, BOOT);
}
END_TEST

START_TEST(test_balloon_plan_rounding)
{
    /* 16385..16387 KiB is not a whole number of pages: round down, never hold more. */
    ck_assert_uint_eq(plan(16387, 0, 8000).want, 4096);
    ck_assert_uint_eq(plan(3, 0, 8000).want, 0);
    /* A nonsensical ballooned count larger than the boot size counts as holding nothing. */
    ck_assert_uint_eq(plan(4096, BOOT + 5, 8000).take, 1024);
}
END_TEST

START_TEST(test_balloon_unseen)
{
    /* PV: built with the target; maxmem above memory is room to grow, not someone's. */
    ck_assert_uint_eq(kt_balloon_unseen_kib(32768, 32768, BOOT), 0);
    ck_assert_uint_eq(kt_balloon_unseen_kib(32768, 65536, BOOT), 0);
    /* PVH populate-on-demand: the memory map is static-max, the target below it. */
    ck_assert_uint_eq(kt_balloon_unseen_kib(32768, 65536, 2 * BOOT), 0);
    /* The PV shim at memory = 32 left the guest 2518 pages: the rest is the shim's. */
    ck_assert_uint_eq(kt_balloon_unseen_kib(32768, 32768, 2518), 32768 - 2518 * 4);
    /*
     * memory = 32, maxmem = 64: the shim's domain is 64 MiB (populate-on-demand), the guest
     * got 10710 pages; the shim's 22696 KiB are not the first target less anything.
     */
    ck_assert_uint_eq(kt_balloon_unseen_kib(32768, 65536, 10710), 65536 - 10710 * 4);
    ck_assert_uint_eq(kt_balloon_unseen_kib(61440, 65536, 10710), 65536 - 10710 * 4);
    /* No static-max (a toolstack that writes none): the first target is the domain's size. */
    ck_assert_uint_eq(kt_balloon_unseen_kib(32768, 0, 2518), 32768 - 2518 * 4);
    ck_assert_uint_eq(kt_balloon_unseen_kib(32768, 0, BOOT), 0);
    /* xl mem-set 28 then means 4 MiB less for us; below the unseen part, nothing. */
    ck_assert_uint_eq(kt_balloon_own_kib(28672, 22696), 5976);
    ck_assert_uint_eq(kt_balloon_own_kib(16384, 22696), 0);
    ck_assert_uint_eq(kt_balloon_own_kib(16384, 0), 16384);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("balloon_plan");

    UNIT_ADD(s, test_balloon_plan_steady);
    UNIT_ADD(s, test_balloon_plan_shrink_and_grow);
    UNIT_ADD(s, test_balloon_plan_reserve);
    UNIT_ADD(s, test_balloon_plan_above_boot);
    UNIT_ADD(s, test_balloon_plan_rounding);
    UNIT_ADD(s, test_balloon_unseen);
    return s;
}
