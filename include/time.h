/* SPDX-License-Identifier: BSD-2-Clause */
/* Time: monotonic nanoseconds from the Xen PV clock, wall-clock time, one-shot timer. */
#ifndef MINIOS_TIME_H
#define MINIOS_TIME_H

#include <stdint.h>

#define NSEC_PER_USEC 1000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC  1000000000ULL
#define MILLISECS(ms) ((uint64_t)(ms)*NSEC_PER_MSEC)
#define SECONDS(s)    ((uint64_t)(s)*NSEC_PER_SEC)

/* Nanoseconds since the domain booted; never goes backwards. */
uint64_t monotonic_clock(void);
/* How many times the clock was read since boot (a read may trap to Xen: see kernel/sched.c). */
unsigned long clock_read_count(void);
#define NOW() monotonic_clock()

struct timeval {
    int64_t tv_sec;
    long tv_usec;
};

/* Wall-clock time (UTC) from shared_info plus the monotonic clock. Always returns 0. */
int gettimeofday(struct timeval *tv, void *tz);

/* Bind the timer VIRQ (the scheduler sets deadlines; the handler only wakes us). */
void init_time(void);

/* Block the domain until an event arrives or the deadline (NOW() based) passes. */
void block_domain(uint64_t until);

#endif
