/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Wait queues, semaphores and mutexes on top of the cooperative scheduler.
 *
 * wait_event() avoids the lost-wakeup race without locks: the waiter is queued and marked
 * blocked *before* it re-tests the condition, so a wake_up() from an event handler between
 * the test and schedule() makes it runnable again instead of being missed.
 */
#ifndef MINIOS_WAIT_H
#define MINIOS_WAIT_H

#include <stdint.h>
#include <errno.h>
#include <list.h>
#include <sched.h>
#include <time.h>

struct wait_queue_head {
    struct list_head waiters;
};

struct waiter {
    struct thread *thread;
    struct list_head node;
};

#define WAIT_QUEUE_HEAD_INIT(name)     \
    {                                  \
        LIST_HEAD_INIT((name).waiters) \
    }
#define DEFINE_WAIT_QUEUE(name) struct wait_queue_head name = WAIT_QUEUE_HEAD_INIT(name)

void init_waitqueue_head(struct wait_queue_head *wq);
/* Wake every waiter. Safe from event handlers. */
void wake_up(struct wait_queue_head *wq);

/* The building blocks of wait_event; deadline 0 = none. */
void init_waiter(struct waiter *w);
void prepare_to_wait(struct wait_queue_head *wq, struct waiter *w, uint64_t deadline);
void finish_wait(struct wait_queue_head *wq, struct waiter *w);

/* Sleep until cond is true. */
#define wait_event(wq, cond)                 \
    do {                                     \
        struct waiter __w;                   \
        init_waiter(&__w);                   \
        for (;;) {                           \
            prepare_to_wait(&(wq), &__w, 0); \
            if (cond)                        \
                break;                       \
            schedule();                      \
        }                                    \
        finish_wait(&(wq), &__w);            \
    } while (0)

/*
 * Sleep until cond is true or NOW() reaches deadline: 0, or -ETIMEDOUT. The deadline is
 * evaluated once, so "NOW() + X" is a fixed point in time, not one that moves each pass.
 */
#define wait_event_deadline(wq, cond, deadline)       \
    ({                                                \
        struct waiter __w;                            \
        uint64_t __deadline = (deadline);             \
        int __rc = 0;                                 \
        init_waiter(&__w);                            \
        for (;;) {                                    \
            prepare_to_wait(&(wq), &__w, __deadline); \
            if (cond)                                 \
                break;                                \
            if (NOW() >= __deadline) {                \
                __rc = -ETIMEDOUT;                    \
                break;                                \
            }                                         \
            schedule();                               \
        }                                             \
        finish_wait(&(wq), &__w);                     \
        __rc;                                         \
    })

struct semaphore {
    int count;
    struct wait_queue_head wq;
};

void sema_init(struct semaphore *s, int count);
void down(struct semaphore *s);
/* 0 if taken, -EAGAIN if it would block. */
int down_trylock(struct semaphore *s);
void up(struct semaphore *s);

struct mutex {
    struct thread *owner;
    struct wait_queue_head wq;
};

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
/* Unlocking a mutex the caller does not hold is a bug and panics. */
void mutex_unlock(struct mutex *m);

#endif
