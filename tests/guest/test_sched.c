/* SPDX-License-Identifier: BSD-2-Clause */
/* Scheduler checks: threads and join, wait queues, semaphores, mutexes, msleep timing. */
#include <kernel.h>
#include <sched.h>
#include <time.h>
#include <wait.h>
#include <string.h>
#include "test.h"

#define NR_WORKERS 4

static char order[32];
static unsigned int order_len;
static DEFINE_WAIT_QUEUE(go_wq);
static bool go;

static void record(char c)
{
    if (order_len < sizeof(order) - 1)
        order[order_len++] = c;
}

/* Each worker waits for "go", then records its letter twice, yielding in between. */
static void worker(void *arg)
{
    char c = (char)(unsigned long)arg;

    wait_event(go_wq, go);
    record(c);
    schedule();
    record(c);
}

static void check_threads(void)
{
    struct thread *t[NR_WORKERS];
    bool created = true;

    order_len = 0;
    go = false;
    for (int i = 0; i < NR_WORKERS; i++) {
        t[i] = create_thread("worker", worker, (void *)(unsigned long)('a' + i));
        created &= t[i] != NULL;
    }
    if (!test_check("thread_create", created, "%d threads", NR_WORKERS))
        return;
    msleep(10);
    test_check("waitqueue_blocks", order_len == 0, "%u records before wake_up", order_len);
    go = true;
    wake_up(&go_wq);
    for (int i = 0; i < NR_WORKERS; i++)
        join_thread(t[i]);
    order[order_len] = '\0';
    /* Round robin: every worker runs once before any runs twice. */
    test_check("thread_round_robin", strcmp(order, "abcdabcd") == 0, "order '%s'", order);
}

static struct semaphore sem;
static struct mutex lock;
static int inside, max_inside;

static void sem_user(void *arg)
{
    down(&sem);
    inside++;
    max_inside = MAX(max_inside, inside);
    msleep(5);
    inside--;
    up(&sem);
}

static void mutex_user(void *arg)
{
    mutex_lock(&lock);
    record((char)(unsigned long)arg);
    msleep(2);
    record((char)(unsigned long)arg);
    mutex_unlock(&lock);
}

static void run_all(void (*fn)(void *))
{
    struct thread *t[NR_WORKERS];

    for (int i = 0; i < NR_WORKERS; i++)
        t[i] = create_thread("sync", fn, (void *)(unsigned long)('a' + i));
    for (int i = 0; i < NR_WORKERS; i++)
        if (t[i])
            join_thread(t[i]);
}

static void check_sync(void)
{
    sema_init(&sem, 2);
    inside = max_inside = 0;
    run_all(sem_user);
    test_check("semaphore", max_inside == 2 && sem.count == 2, "max %d holders of 2, count %d",
               max_inside, sem.count);

    mutex_init(&lock);
    order_len = 0;
    run_all(mutex_user);
    order[order_len] = '\0';
    /* Holders never interleave: each letter's two records are adjacent. */
    test_check("mutex",
               order_len == 8 && order[0] == order[1] && order[2] == order[3] &&
                   order[4] == order[5] && order[6] == order[7],
               "order '%s'", order);
}

static void check_msleep(void)
{
    uint64_t start = NOW(), took;

    msleep(100);
    took = NOW() - start;
    /*
     * Never early. The upper bound allows for a busy emulated host (QEMU TCG, Xen
     * scrubbing memory); a missed timer would show up as seconds, not milliseconds.
     */
    test_check("msleep_100ms", took >= MILLISECS(100) && took < MILLISECS(500), "slept %llu us",
               (unsigned long long)(took / NSEC_PER_USEC));
}

static void check_wait_timeout(void)
{
    DEFINE_WAIT_QUEUE(wq);
    uint64_t start = NOW();
    int rc = wait_event_deadline(wq, false, start + MILLISECS(50));

    test_check("wait_deadline", rc == -ETIMEDOUT && NOW() - start >= MILLISECS(50), "rc %d", rc);
}

void suite_sched(void)
{
    check_threads();
    check_sync();
    check_msleep();
    check_wait_timeout();
}

/* Deep recursion the compiler cannot turn into a loop: each frame keeps a live buffer. */
static unsigned long recurse(unsigned long depth)
{
    volatile char frame[256];

    frame[0] = (char)depth;
    return depth ? recurse(depth - 1) + frame[0] : 0;
}

static void overflow_thread(void *arg)
{
    printk("Recursing until the stack overflows into its guard page\n");
    recurse(1UL << 20);
}

void suite_fault_stack_overflow(void)
{
    struct thread *t = create_thread("overflow", overflow_thread, NULL);

    if (t)
        join_thread(t);
    test_report("fault_stack_overflow", TEST_FAIL, "survived a stack overflow");
}
