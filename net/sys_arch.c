/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lwIP's operating-system layer on the kernel: semaphores, mutexes, mailboxes and threads
 * from include/wait.h and include/sched.h, milliseconds from the monotonic clock.
 *
 * Threads are cooperative and there is one vCPU, so nothing runs between a wait_event
 * seeing its condition and the code after it: no lock is needed around the counters. The
 * lightweight protection still masks events, in case lwIP is ever entered from a handler.
 */
#include <kernel.h>
#include <events.h>
#include <mm.h>
#include <time.h>
#include "lwip/sys.h"

void sys_init(void)
{
}

u32_t sys_now(void)
{
    return (u32_t)(NOW() / NSEC_PER_MSEC);
}

sys_prot_t sys_arch_protect(void)
{
    return local_irq_save();
}

void sys_arch_unprotect(sys_prot_t flags)
{
    local_irq_restore(flags);
}

/* xorshift64 seeded from the clock: TCP ISNs and ports need variety, not secrecy. */
uint32_t lwip_port_rand(void)
{
    static uint64_t x;

    if (!x)
        x = NOW() | 1;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return (uint32_t)(x >> 16);
}

static u32_t ms_since(uint64_t start)
{
    return (u32_t)((NOW() - start) / NSEC_PER_MSEC);
}

err_t sys_sem_new(sys_sem_t *s, u8_t count)
{
    sema_init(&s->sem, count);
    s->valid = true;
    return ERR_OK;
}

void sys_sem_free(sys_sem_t *s)
{
    s->valid = false;
}

/*
 * lwIP's per-thread semaphore (LWIP_NETCONN_SEM_PER_THREAD, which full-duplex netconns
 * need): a thread waits on it while the core finishes a write, connect or close of its
 * own. Made at a thread's first netconn call and freed when the thread exits.
 */
sys_sem_t *sys_arch_thread_sem(void)
{
    sys_sem_t *s = current->net;

    if (!s) {
        s = malloc(sizeof(*s));
        if (!s)
            panic("lwIP: no memory for thread %s's semaphore", current->name);
        sys_sem_new(s, 0);
        current->net = s;
    }
    return s;
}

void net_thread_exit(void *state)
{
    free(state);
}

void sys_sem_signal(sys_sem_t *s)
{
    up(&s->sem);
}

/* timeout in ms, 0 = forever: the ms waited, or SYS_ARCH_TIMEOUT. */
u32_t sys_arch_sem_wait(sys_sem_t *s, u32_t timeout)
{
    uint64_t start = NOW();

    if (!timeout) {
        down(&s->sem);
        return ms_since(start);
    }
    if (wait_event_deadline(s->sem.wq, s->sem.count > 0, start + MILLISECS(timeout)))
        return SYS_ARCH_TIMEOUT;
    s->sem.count--;
    return ms_since(start);
}

err_t sys_mutex_new(sys_mutex_t *m)
{
    mutex_init(&m->mutex);
    m->valid = true;
    return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *m)
{
    m->valid = false;
}

void sys_mutex_lock(sys_mutex_t *m)
{
    mutex_lock(&m->mutex);
}

void sys_mutex_unlock(sys_mutex_t *m)
{
    mutex_unlock(&m->mutex);
}

err_t sys_mbox_new(sys_mbox_t *m, int size)
{
    m->msgs = calloc(size > 0 ? size : 1, sizeof(void *));
    if (!m->msgs)
        return ERR_MEM;
    m->size = size > 0 ? size : 1;
    m->head = m->count = 0;
    init_waitqueue_head(&m->wq);
    m->valid = true;
    return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *m)
{
    free(m->msgs);
    m->msgs = NULL;
    m->valid = false;
}

static void mbox_put(sys_mbox_t *m, void *msg)
{
    m->msgs[(m->head + m->count) % m->size] = msg;
    m->count++;
    wake_up(&m->wq);
}

static void *mbox_get(sys_mbox_t *m)
{
    void *msg = m->msgs[m->head];

    m->head = (m->head + 1) % m->size;
    m->count--;
    wake_up(&m->wq);
    return msg;
}

void sys_mbox_post(sys_mbox_t *m, void *msg)
{
    wait_event(m->wq, m->count < m->size);
    mbox_put(m, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *m, void *msg)
{
    if (m->count >= m->size)
        return ERR_MEM;
    mbox_put(m, msg);
    return ERR_OK;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *m, void *msg)
{
    return sys_mbox_trypost(m, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *m, void **msg, u32_t timeout)
{
    uint64_t start = NOW();
    void *got;

    if (!timeout)
        wait_event(m->wq, m->count > 0);
    else if (wait_event_deadline(m->wq, m->count > 0, start + MILLISECS(timeout)))
        return SYS_ARCH_TIMEOUT;
    got = mbox_get(m);
    if (msg)
        *msg = got;
    return ms_since(start);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *m, void **msg)
{
    void *got;

    if (!m->count)
        return SYS_MBOX_EMPTY;
    got = mbox_get(m);
    if (msg)
        *msg = got;
    return 0;
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg, int stacksize, int prio)
{
    struct thread *t = create_thread_stack(name, fn, arg, stacksize > 0 ? stacksize : 0);

    if (!t)
        panic("lwIP: cannot start thread %s", name);
    return t;
}
