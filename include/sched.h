/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cooperative threads. A thread runs until it blocks, sleeps, yields (schedule()) or exits;
 * no thread preempts another. Every thread runs with events enabled, so an event handler
 * may run between any two instructions of a thread (on its stack) unless the thread masked
 * events (local_irq_save) around a critical section: data shared with handlers is touched
 * only with events masked. Handlers only wake threads: nothing here may be called from an
 * event handler except wake().
 */
#ifndef MINIOS_SCHED_H
#define MINIOS_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <list.h>

/* Default stack size for new threads (CONFIG-independent; create_thread_stack overrides). */
#define THREAD_STACK_SIZE (16 * 1024)

struct thread {
    const char *name;
    unsigned long sp, ip; /* saved by the switch code */
    void *stack;          /* lowest address, its first page is the guard page */
    size_t stack_size;
    uint64_t wakeup_time; /* 0 = no timeout */
    bool runnable, exited, joined, detached;
    struct thread *next_dead; /* exited detached threads waiting to be freed */
    struct list_head list;    /* all threads */
    struct list_head joiners;
    void (*fn)(void *);
    void *arg;
    void *libc; /* the libc's per-thread state (CONFIG_LIBC), released at exit */
    void *net;  /* the TCP/IP stack's per-thread state (CONFIG_LWIP), released at exit */
};

/* Set up the scheduler's own state (idle thread bookkeeping). */
void init_sched(void);
/* Turn the boot stack into the idle thread and start scheduling; never returns. */
void run_idle_thread(void) __attribute__((noreturn));

/* New runnable thread with the default stack, or NULL (out of memory). */
struct thread *create_thread(const char *name, void (*fn)(void *), void *arg);
/* Same with a stack of stack_size bytes (rounded up to a power-of-two number of pages). */
struct thread *create_thread_stack(const char *name, void (*fn)(void *), void *arg,
                                   size_t stack_size);
/*
 * A detached thread is freed (stack and all) soon after it exits, by the scheduler; nobody
 * may touch it after it may have exited. create_thread_detached() is for fire-and-forget.
 */
struct thread *create_thread_detached(const char *name, void (*fn)(void *), void *arg);
/* Detach t (freeing it now if it already exited): 0, or -EINVAL (idle, joined, detached). */
int detach_thread(struct thread *t);
void exit_thread(void) __attribute__((noreturn));
/* Release a thread's libc state (libc/reent.c); exit_thread calls it with CONFIG_LIBC. */
void libc_thread_exit(void *state);
/* Release a thread's TCP/IP state (net/sys_arch.c); exit_thread calls it with CONFIG_LWIP. */
void net_thread_exit(void *state);
/*
 * Wait for t to exit and free it. 0, or -EINVAL for the current, idle, a detached or an
 * already joined thread. Every thread is either joined or detached, or its stack leaks.
 */
int join_thread(struct thread *t);
/* Same, giving up when NOW() reaches deadline (0: never): -ETIMEDOUT, t still joinable. */
int join_thread_deadline(struct thread *t, uint64_t deadline);

struct thread *get_current(void);
#define current get_current()

/* Switch to the next runnable thread (returns at once if none other is runnable). */
void schedule(void);
/* Mark t blocked / runnable. wake() is safe from event handlers. */
void block(struct thread *t);
void wake(struct thread *t);
/* Sleep for ms milliseconds. */
void msleep(uint32_t ms);

/* If addr is in the guard page of a thread's stack, that thread's name; else NULL. */
const char *stack_guard_owner(unsigned long addr);

#endif
