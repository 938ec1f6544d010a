/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Time from the Xen PV clock: Xen publishes (system_time, tsc_timestamp, scale) per vcpu
 * and we extrapolate with the TSC; wall-clock time is Xen's boot-time offset plus that.
 */
#include <kernel.h>
#include <events.h>
#include <time.h>
#include <arch/cpu.h>

/* (delta << shift) * mul / 2^32, the scaling the vcpu_time_info comment in xen.h defines. */
static uint64_t scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
    if (shift < 0)
        delta >>= -shift;
    else
        delta <<= shift;
    return ((delta & 0xffffffffULL) * mul >> 32) + (delta >> 32) * mul;
}

/*
 * Xen bumps version to odd before updating and to even after: retry until a copy was
 * taken with the same even version on both sides.
 */
static uint64_t pv_clock(void)
{
    const volatile struct vcpu_time_info *t = &this_vcpu()->time;
    uint32_t version;
    uint64_t now;

    do {
        version = t->version;
        rmb();
        now = t->system_time +
              scale_delta(rdtsc() - t->tsc_timestamp, t->tsc_to_system_mul, t->tsc_shift);
        rmb();
    } while ((version & 1) || version != t->version);
    return now;
}

/* Counted because each read may trap to Xen (kernel/sched.c): tests check the hot paths. */
static unsigned long clock_reads;

unsigned long clock_read_count(void)
{
    return clock_reads;
}

uint64_t monotonic_clock(void)
{
    static uint64_t last;
    uint64_t now = pv_clock();

    clock_reads++;
    /* Per-update extrapolation can step back by a few ns; never show that. */
    if (now < last)
        now = last;
    last = now;
    return now;
}

int gettimeofday(struct timeval *tv, void *tz)
{
    const volatile shared_info_t *s = shared_info;
    uint32_t version;
    uint64_t sec, nsec;

    do {
        version = s->wc_version;
        rmb();
        sec = s->wc_sec | (uint64_t)s->xen_wc_sec_hi << 32;
        nsec = s->wc_nsec;
        rmb();
    } while ((version & 1) || version != s->wc_version);

    nsec += NOW();
    tv->tv_sec = sec + nsec / NSEC_PER_SEC;
    tv->tv_usec = (nsec % NSEC_PER_SEC) / NSEC_PER_USEC;
    return 0;
}

/* The deadline Xen's one-shot timer is armed for; 0 once it fired (or never armed). */
static uint64_t timer_armed;

/* The timer only needs to end SCHEDOP_block; the scheduler checks deadlines itself. */
static void timer_handler(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    timer_armed = 0;
}

void init_time(void)
{
    evtchn_port_t port;
    int rc;

    /* PV vcpus start with a 100 Hz periodic timer; an idle guest must not wake for it. */
    rc = HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
    if (rc)
        panic("stopping the periodic timer: %d", rc);
    rc = evtchn_bind_virq(VIRQ_TIMER, timer_handler, NULL, &port);
    if (rc)
        panic("binding the timer VIRQ: %d", rc);
}

/*
 * Called with events masked. block_events_enabled re-enables them and checks for pending
 * ones atomically, so an event that arrived since the caller decided to sleep is not lost.
 * The caller found every deadline still ahead; one that passed since makes Xen raise the
 * timer at once (set_timer_op of a past time), so no clock read is needed here (a read
 * traps to Xen when it emulates the TSC: see kernel/sched.c).
 */
void block_domain(uint64_t until)
{
    /*
     * The same deadline as the armed one (a burst of events wakes us before e.g. lwIP's
     * next timer): re-arming it would cost a hypercall, an exit in PVH, for nothing. A
     * fired timer whose handler has not run yet is pending and ends the block at once.
     */
    if (until != timer_armed) {
        HYPERVISOR_set_timer_op(until);
        timer_armed = until;
    }
    block_events_enabled();
}
