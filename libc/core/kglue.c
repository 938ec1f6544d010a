/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel services the newlib side of the glue needs, behind plain C types (see
 * libc/kernapi.h): the per-thread libc pointer, threads, clocks, locks, leaving the domain.
 */
#include <kernel.h>
#include <console.h>
#include <sched.h>
#include <time.h>
#include <wait.h>
#include "../kernapi.h"

void *kthread_libc(void)
{
    return current->libc;
}

void kthread_set_libc(void *reent)
{
    current->libc = reent;
}

struct thread *kthread_create(const char *name, void (*fn)(void *), void *arg)
{
    return create_thread(name, fn, arg);
}

int kthread_join(struct thread *t)
{
    return join_thread(t);
}

void kthread_yield(void)
{
    schedule();
}

uint64_t kclock_monotonic_ns(void)
{
    return NOW();
}

uint64_t kclock_realtime_ns(void)
{
    struct timeval tv;

    gettimeofday(&tv, NULL);
    return (uint64_t)tv.tv_sec * NSEC_PER_SEC + (uint64_t)tv.tv_usec * NSEC_PER_USEC;
}

void kclock_sleep_until(uint64_t deadline)
{
    while (NOW() < deadline) {
        current->wakeup_time = deadline;
        block(current);
        schedule();
    }
}

/*
 * newlib's locks. Threads are cooperative, so a lock only matters while its holder
 * blocks (a stdio write waiting for the console, a read waiting for 9p); waiters sleep on
 * one queue that every release wakes.
 */
static DEFINE_WAIT_QUEUE(lock_wq);

int klock_try(struct klock *l)
{
    if (l->owner && l->owner != current)
        return -EBUSY;
    l->owner = current;
    l->depth++;
    return 0;
}

void klock_acquire(struct klock *l)
{
    if (l->owner != current)
        wait_event(lock_wq, l->owner == NULL);
    l->owner = current;
    l->depth++;
}

void klock_release(struct klock *l)
{
    if (l->owner != current)
        panic("libc lock released by '%s', not its owner", current->name);
    if (--l->depth == 0) {
        l->owner = NULL;
        wake_up(&lock_wq);
    }
}

void kprocess_exit(int status)
{
    printk("exit status %d\n", status);
    poweroff();
}

void kprocess_abort(const char *why)
{
    panic("%s", why);
}

const char *kprocess_cmdline(void)
{
    return kernel_cmdline();
}

void kconsole_write(const char *buf, size_t len)
{
    console_write(buf, len);
}
