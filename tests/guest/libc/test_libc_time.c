/* SPDX-License-Identifier: BSD-2-Clause */
/* Clocks and sleeps through the libc: clock_gettime, gettimeofday, time, nanosleep, usleep. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "../test.h"
#include "libc_tests.h"

uint64_t test_libc_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

static void test_clocks(void)
{
    struct timespec a, b, rt;
    struct timeval tv;
    time_t t = time(NULL);
    int rc;

    clock_gettime(CLOCK_MONOTONIC, &a);
    clock_gettime(CLOCK_MONOTONIC, &b);
    test_check("libc_clock_monotonic",
               b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec),
               "went back: %lld.%09ld then %lld.%09ld", (long long)a.tv_sec, a.tv_nsec,
               (long long)b.tv_sec, b.tv_nsec);
    clock_gettime(CLOCK_REALTIME, &rt);
    gettimeofday(&tv, NULL);
    /* After 2020-01-01 and all three wall clocks within a second of each other. */
    test_check("libc_clock_realtime",
               t > 1577836800 && llabs((long long)rt.tv_sec - t) <= 1 &&
                   llabs((long long)tv.tv_sec - t) <= 1,
               "time %lld realtime %lld gettimeofday %lld", (long long)t, (long long)rt.tv_sec,
               (long long)tv.tv_sec);
    errno = 0;
    rc = clock_gettime((clockid_t)77, &a);
    test_check("libc_clock_bad_id", rc == -1 && errno == EINVAL, "rc %d errno %d", rc, errno);
}

static void test_sleeps(void)
{
    struct timespec req = {0, 50 * 1000000};
    uint64_t t0 = test_libc_now_ms(), t1, t2;

    nanosleep(&req, NULL);
    t1 = test_libc_now_ms();
    usleep(30000);
    t2 = test_libc_now_ms();
    test_check("libc_nanosleep", t1 - t0 >= 50 && t1 - t0 < 2000, "slept %llu ms for 50",
               (unsigned long long)(t1 - t0));
    test_check("libc_usleep", t2 - t1 >= 30 && t2 - t1 < 2000, "slept %llu ms for 30",
               (unsigned long long)(t2 - t1));
    req.tv_nsec = 1000000000;
    errno = 0;
    test_check("libc_nanosleep_einval", nanosleep(&req, NULL) == -1 && errno == EINVAL, "errno %d",
               errno);
    test_check("libc_clock", clock() != (clock_t)-1 && clock() >= (clock_t)t2,
               "clock() %lu at %llu ms", (unsigned long)clock(), (unsigned long long)t2);
}

void test_libc_time(void)
{
    test_clocks();
    test_sleeps();
}
