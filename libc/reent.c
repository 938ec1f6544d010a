/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-thread libc state and newlib's locks. newlib is built with __DYNAMIC_REENT__, so
 * errno, strtok's position, rand's seed etc. live in the struct _reent that __getreent()
 * returns: each kernel thread gets its own on first use, freed when the thread exits.
 * stdin/stdout/stderr are shared (newlib's global stdio streams) and guarded by the locks.
 */
#include <reent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/lock.h>
#include <sched.h>
#include "libc.h"

/* Before the heap can give one (never, in practice) a thread shares this one. */
static struct _reent fallback_reent;

struct _reent *__getreent(void);
struct _reent *__getreent(void)
{
    struct _reent *r = kthread_libc();

    if (r)
        return r;
    r = malloc(sizeof(*r));
    if (!r) {
        static bool ready;

        if (!ready)
            _REENT_INIT_PTR(&fallback_reent);
        ready = true;
        return &fallback_reent;
    }
    _REENT_INIT_PTR(r);
    kthread_set_libc(r);
    return r;
}

void libc_thread_exit(void *state)
{
    struct _reent *r = state;

    if (r == &fallback_reent)
        return;
    _reclaim_reent(r);
    kthread_set_libc(NULL);
    free(r);
}

/* newlib's lock objects: one recursive kernel-side lock each (libc/core/kglue.c). */
struct __lock {
    struct klock k;
};

struct __lock __lock___sinit_recursive_mutex;
struct __lock __lock___sfp_recursive_mutex;
struct __lock __lock___atexit_recursive_mutex;
struct __lock __lock___at_quick_exit_mutex;
struct __lock __lock___malloc_recursive_mutex;
struct __lock __lock___env_recursive_mutex;
struct __lock __lock___tz_mutex;
struct __lock __lock___dd_hash_mutex;
struct __lock __lock___arc4random_mutex;

void __retarget_lock_init(_LOCK_T *lock)
{
    *lock = calloc(1, sizeof(**lock));
    if (!*lock)
        kprocess_abort("libc: no memory for a lock");
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
    __retarget_lock_init(lock);
}

void __retarget_lock_close(_LOCK_T lock)
{
    free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
    free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
    klock_acquire(&lock->k);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
    klock_acquire(&lock->k);
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
    return klock_try(&lock->k) == 0;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
    return klock_try(&lock->k) == 0;
}

void __retarget_lock_release(_LOCK_T lock)
{
    klock_release(&lock->k);
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
    klock_release(&lock->k);
}
