/* SPDX-License-Identifier: BSD-2-Clause */
/* Time checks: the clocks move sensibly, and an idle guest burns (almost) no CPU. */
#include <kernel.h>
#include <hypervisor.h>
#include <sched.h>
#include <time.h>
#include "test.h"

#define IDLE_SECONDS 10

static void check_clocks(void)
{
    struct timeval a, b;
    uint64_t t0 = NOW(), t1;

    gettimeofday(&a, NULL);
    msleep(20);
    gettimeofday(&b, NULL);
    t1 = NOW();
    /* 2020-01-01 in seconds since the epoch: a wall clock below that is not set. */
    test_check("wall_clock", a.tv_sec > 1577836800LL, "%lld s since the epoch",
               (long long)a.tv_sec);
    test_check("clocks_advance",
               t1 - t0 >= MILLISECS(20) &&
                   b.tv_sec * 1000000LL + b.tv_usec > a.tv_sec * 1000000LL + a.tv_usec,
               "monotonic +%llu us", (unsigned long long)((t1 - t0) / NSEC_PER_USEC));
}

/* Nanoseconds this vcpu has spent running, by Xen's accounting (what `xl list` shows). */
static uint64_t cpu_time(void)
{
    struct vcpu_runstate_info info;

    if (HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &info))
        return 0;
    return info.time[RUNSTATE_running];
}

static void check_idle(void)
{
    uint64_t cpu0 = cpu_time(), wall0 = NOW(), cpu, wall;

    msleep(IDLE_SECONDS * 1000);
    cpu = cpu_time() - cpu0;
    wall = NOW() - wall0;
    /* Under 1% of the wall time: a spinning idle loop would use ~100%. */
    test_check("idle_cpu", cpu0 && cpu * 100 < wall, "%llu us of CPU in %llu ms",
               (unsigned long long)(cpu / NSEC_PER_USEC),
               (unsigned long long)(wall / NSEC_PER_MSEC));
}

void suite_time(void)
{
    check_clocks();
}

void suite_idle(void)
{
    check_idle();
}
