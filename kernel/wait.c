/* SPDX-License-Identifier: BSD-2-Clause */
/* Wait queues, and the semaphores and mutexes built on them. */
#include <kernel.h>
#include <events.h>
#include <wait.h>

/*
 * Event handlers call wake_up(), so every change to a queue's list happens with events
 * masked: a handler must never walk a half-linked list.
 */

void init_waitqueue_head(struct wait_queue_head *wq)
{
    list_init(&wq->waiters);
}

void init_waiter(struct waiter *w)
{
    w->thread = current;
    list_init(&w->node);
}

/* Queue (once) and mark blocked before the caller re-tests its condition: see wait.h. */
void prepare_to_wait(struct wait_queue_head *wq, struct waiter *w, uint64_t deadline)
{
    unsigned long flags = local_irq_save();

    if (list_empty(&w->node))
        list_add_tail(&w->node, &wq->waiters);
    block(w->thread);
    w->thread->wakeup_time = deadline;
    local_irq_restore(flags);
}

void finish_wait(struct wait_queue_head *wq, struct waiter *w)
{
    unsigned long flags = local_irq_save();

    list_del(&w->node);
    wake(w->thread);
    local_irq_restore(flags);
}

/* Waiters stay queued until they see their condition, so waking all of them is enough. */
void wake_up(struct wait_queue_head *wq)
{
    struct list_head *pos;

    list_for_each(pos, &wq->waiters) wake(list_entry(pos, struct waiter, node)->thread);
}

void sema_init(struct semaphore *s, int count)
{
    s->count = count;
    init_waitqueue_head(&s->wq);
}

/* No preemption: nothing runs between wait_event seeing count > 0 and the decrement. */
void down(struct semaphore *s)
{
    wait_event(s->wq, s->count > 0);
    s->count--;
}

int down_trylock(struct semaphore *s)
{
    if (s->count <= 0)
        return -EAGAIN;
    s->count--;
    return 0;
}

void up(struct semaphore *s)
{
    s->count++;
    wake_up(&s->wq);
}

void mutex_init(struct mutex *m)
{
    m->owner = NULL;
    init_waitqueue_head(&m->wq);
}

void mutex_lock(struct mutex *m)
{
    wait_event(m->wq, m->owner == NULL);
    m->owner = current;
}

void mutex_unlock(struct mutex *m)
{
    if (m->owner != current)
        panic("mutex_unlock by '%s', owner '%s'", current->name,
              m->owner ? m->owner->name : "(none)");
    m->owner = NULL;
    wake_up(&m->wq);
}
