/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Time for the libc: clock_gettime (REALTIME from Xen's wall clock, MONOTONIC from the PV
 * clock), nanosleep/sleep/usleep on the scheduler, times()/clock() as time since boot.
 * gettimeofday() and so time() are the kernel's own (kernel/time.c): its struct timeval
 * has newlib's layout, which the assertion below keeps true.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include "libc.h"

#define NSEC_PER_SEC 1000000000ULL

_Static_assert(sizeof(struct timeval) == (sizeof(int64_t) == 8 && sizeof(long) == 8 ? 16 : 12) &&
                   sizeof(((struct timeval *)0)->tv_sec) == 8,
               "newlib's struct timeval must match include/time.h's");

static void to_timespec(uint64_t ns, struct timespec *ts)
{
    ts->tv_sec = ns / NSEC_PER_SEC;
    ts->tv_nsec = ns % NSEC_PER_SEC;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
    switch (id) {
    case CLOCK_REALTIME:
        to_timespec(kclock_realtime_ns(), ts);
        return 0;
    case CLOCK_MONOTONIC:
        to_timespec(kclock_monotonic_ns(), ts);
        return 0;
    default:
        errno = EINVAL;
        return -1;
    }
}

int clock_getres(clockid_t id, struct timespec *res)
{
    if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC) {
        errno = EINVAL;
        return -1;
    }
    if (res) {
        res->tv_sec = 0;
        res->tv_nsec = id == CLOCK_REALTIME ? 1000 : 1; /* gettimeofday has microseconds */
    }
    return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    if (!req || req->tv_nsec < 0 || req->tv_nsec >= (long)NSEC_PER_SEC || req->tv_sec < 0) {
        errno = EINVAL;
        return -1;
    }
    /* Nothing interrupts a sleep here (no signals), so nothing remains. */
    kclock_sleep_until(kclock_monotonic_ns() + req->tv_sec * NSEC_PER_SEC + req->tv_nsec);
    if (rem)
        rem->tv_sec = rem->tv_nsec = 0;
    return 0;
}

unsigned int sleep(unsigned int seconds)
{
    kclock_sleep_until(kclock_monotonic_ns() + seconds * NSEC_PER_SEC);
    return 0;
}

int usleep(useconds_t usec)
{
    kclock_sleep_until(kclock_monotonic_ns() + (uint64_t)usec * 1000);
    return 0;
}

/* All time is the one process's user time, in CLOCKS_PER_SEC units (what clock() adds). */
clock_t times(struct tms *t)
{
    clock_t now = kclock_monotonic_ns() / (NSEC_PER_SEC / CLOCKS_PER_SEC);

    if (t) {
        t->tms_utime = now;
        t->tms_stime = t->tms_cutime = t->tms_cstime = 0;
    }
    return now;
}
