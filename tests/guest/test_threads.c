/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Threads and events together: handlers run while threads are runnable (not only when all
 * of them block), deadlines given as NOW() + X expire, and finished threads give back
 * their stacks.
 */
#include <kernel.h>
#include <events.h>
#include <mm.h>
#include <sched.h>
#include <time.h>
#include <wait.h>
#include <xenbus.h>
#include "test.h"

static volatile bool event_seen, spin_stop;

static void flag_handler(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    event_seen = true;
}

/* Keeps the idle thread from ever running: always runnable, for at most 10 s. */
static void spinner(void *arg)
{
    uint64_t end = NOW() + SECONDS(10);

    while (!spin_stop && NOW() < end)
        schedule();
}

static struct thread *start_spinner(void)
{
    spin_stop = false;
    return create_thread("spinner", spinner, NULL);
}

static void stop_spinner(struct thread *t)
{
    spin_stop = true;
    join_thread(t);
}

/* A thread polling a flag with schedule() sees the handler's write while others run. */
static void check_event_while_runnable(void)
{
    evtchn_port_t a, b;
    struct thread *t;
    uint64_t start;
    int rc = test_loopback(flag_handler, &a, &b);

    if (rc || !(t = start_spinner())) {
        test_report("event_in_busy_thread", TEST_ERROR, "setup: rc %d", rc);
        return;
    }
    event_seen = false;
    evtchn_send(a);
    start = NOW();
    while (!event_seen && NOW() - start < SECONDS(2))
        schedule();
    test_check("event_in_busy_thread", event_seen, "handler %s after %llu ms",
               event_seen ? "ran" : "did not run", (NOW() - start) / NSEC_PER_MSEC);
    stop_spinner(t);
    evtchn_close(b);
    evtchn_close(a);
}

/* A xenstore request completes while another thread keeps calling schedule(). */
static void check_xenstore_while_runnable(void)
{
    struct thread *t = start_spinner();
    char buf[16];
    uint64_t start = NOW(), took;
    int rc;

    if (!t) {
        test_report("xenstore_in_busy_system", TEST_ERROR, "no spinner thread");
        return;
    }
    rc = xenbus_read_buf(XBT_NIL, "domid", buf, sizeof(buf));
    took = NOW() - start;
    stop_spinner(t);
    test_check("xenstore_in_busy_system", rc > 0 && took < SECONDS(5), "rc %d after %llu ms", rc,
               took / NSEC_PER_MSEC);
}

static volatile bool deadline_done;
static volatile int deadline_rc;

static void deadline_waiter(void *arg)
{
    DEFINE_WAIT_QUEUE(wq);

    deadline_rc = wait_event_deadline(wq, false, NOW() + MILLISECS(50));
    deadline_done = true;
}

/*
 * "NOW() + 50 ms" passed as the deadline must expire after 50 ms. The wait runs in its own
 * thread so that a deadline that never expires fails the test instead of hanging it.
 */
static void check_deadline_expression(void)
{
    struct thread *t;
    uint64_t start = NOW();

    deadline_done = false;
    t = create_thread("deadline", deadline_waiter, NULL);
    if (!t) {
        test_report("wait_deadline_now_plus", TEST_ERROR, "no thread");
        return;
    }
    while (!deadline_done && NOW() - start < SECONDS(1))
        msleep(10);
    test_check("wait_deadline_now_plus", deadline_done && deadline_rc == -ETIMEDOUT, "%s, rc %d",
               deadline_done ? "returned" : "still waiting after 1 s", deadline_rc);
    if (deadline_done)
        join_thread(t);
}

#define SHORT_THREADS 64

static volatile unsigned int short_done;

static void short_thread(void *arg)
{
    msleep(1);
    short_done++;
}

/* Let every finished detached thread be reaped: the scheduler frees them as it switches. */
static bool run_short_threads(struct thread *(*create)(const char *, void (*)(void *), void *))
{
    uint64_t start = NOW();

    short_done = 0;
    for (int i = 0; i < SHORT_THREADS; i++)
        if (!create("short", short_thread, NULL))
            return false;
    while (short_done < SHORT_THREADS && NOW() - start < SECONDS(5))
        msleep(5);
    msleep(5);
    return short_done == SHORT_THREADS;
}

/* Detached threads give back their stacks: free memory is the same before and after. */
static void check_detached(void)
{
    unsigned long before, after;
    bool ran;

    /* Warm the heap's slabs so that only stacks could make a difference. */
    run_short_threads(create_thread_detached);
    before = free_page_count();
    ran = run_short_threads(create_thread_detached);
    after = free_page_count();
    /* A leaked 16 KiB stack is 4 pages per thread; allow a slab page or two of noise. */
    test_check("thread_detached_reaped", ran && before - after <= 2,
               "%d threads %s, %lu pages free before, %lu after", SHORT_THREADS,
               ran ? "ran" : "did not all run", before, after);
}

static void sleeper(void *arg)
{
    msleep(200);
}

/* A join with a deadline gives up on a running thread and leaves it joinable. */
static void check_join_deadline(void)
{
    struct thread *t = create_thread("sleeper", sleeper, NULL);
    int rc1, rc2;

    if (!t) {
        test_report("join_deadline", TEST_ERROR, "no thread");
        return;
    }
    rc1 = join_thread_deadline(t, NOW() + MILLISECS(20));
    rc2 = join_thread_deadline(t, NOW() + SECONDS(2));
    test_check("join_deadline", rc1 == -ETIMEDOUT && rc2 == 0, "rc %d then %d", rc1, rc2);
}

void suite_threads(void)
{
    check_event_while_runnable();
    check_xenstore_while_runnable();
    check_deadline_expression();
    check_detached();
    check_join_deadline();
}
