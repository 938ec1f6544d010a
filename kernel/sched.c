/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cooperative round-robin scheduler. The boot stack becomes the idle thread, which blocks
 * the domain when nothing is runnable. Each other thread has its own stack with an
 * unmapped guard page at the bottom, so an overflow faults instead of corrupting memory.
 */
#include <kernel.h>
#include <events.h>
#include <mm.h>
#include <sched.h>
#include <wait.h>
#include <string.h>
#include <time.h>

/* Written just above each guard page; checked at every switch away from the thread. */
#define STACK_CANARY 0x5354414b43414e59ULL

/* When nothing has a deadline, the idle thread still wakes this often. */
#define IDLE_MAX_SLEEP SECONDS(10)

void arch_switch_threads(unsigned long *prev_sp, unsigned long *next_sp);
void thread_main(void) __noreturn;
extern char thread_trampoline[];

static struct thread idle_thread = {.name = "idle", .runnable = true};
static struct thread *current_thread = &idle_thread;
static struct list_head threads = LIST_HEAD_INIT(threads);
/* Exited detached threads, freed by the next schedule() that runs on another stack. */
static struct thread *dead_threads;

static void reap_dead_threads(void);

BUILD_BUG_ON(offsetof(struct thread, ip) != offsetof(struct thread, sp) + sizeof(long));

struct thread *get_current(void)
{
    return current_thread;
}

static uint64_t *stack_canary(struct thread *t)
{
    return (uint64_t *)((char *)t->stack + PAGE_SIZE);
}

/* The boot stack, with its guard page below (arch/x86/boot-data.S.inc), is idle's. */
extern char boot_stack_guard[], boot_stack_end[];

void init_sched(void)
{
    idle_thread.stack = boot_stack_guard;
    idle_thread.stack_size = boot_stack_end - boot_stack_guard;
    *stack_canary(&idle_thread) = STACK_CANARY;
    list_init(&idle_thread.joiners);
    list_add_tail(&idle_thread.list, &threads);
}

/*
 * The next thread to run after the current one in round-robin order, waking sleepers whose
 * deadline passed; the idle thread if none. *next_deadline gets the earliest pending one.
 */
static struct thread *pick_next(uint64_t now, uint64_t *next_deadline)
{
    struct list_head *pos = &current_thread->list;

    *next_deadline = now + IDLE_MAX_SLEEP;
    do {
        struct thread *t;

        pos = pos->next;
        if (pos == &threads)
            continue;
        t = list_entry(pos, struct thread, list);
        if (t == &idle_thread || t->exited)
            continue;
        if (!t->runnable && t->wakeup_time && t->wakeup_time <= now)
            wake(t);
        if (t->runnable)
            return t;
        if (t->wakeup_time && t->wakeup_time < *next_deadline)
            *next_deadline = t->wakeup_time;
    } while (pos != &current_thread->list);
    return &idle_thread;
}

/*
 * Overflowing sequentially into the guard page makes Xen crash the domain at once (it
 * cannot push an exception frame there), with a register dump on Xen's console. A frame
 * large enough to jump over the guard page is caught here instead, at the next switch.
 */
static void check_stack(struct thread *t)
{
    if (t->stack && *stack_canary(t) != STACK_CANARY)
        panic("stack overflow in thread '%s' (canary above the guard page overwritten)", t->name);
}

void schedule(void)
{
    struct thread *prev = current_thread, *next;
    unsigned long flags;
    uint64_t deadline;

    if (dead_threads)
        reap_dead_threads();
    flags = local_irq_save();
    check_stack(prev);
    next = pick_next(NOW(), &deadline);
    if (next != prev) {
        current_thread = next;
        arch_switch_threads(&prev->sp, &next->sp);
    }
    local_irq_restore(flags);
}

void run_idle_thread(void)
{
    for (;;) {
        unsigned long flags = local_irq_save();
        uint64_t deadline;

        /* Events stay masked from the check to SCHEDOP_block: no wake-up can slip in. */
        if (pick_next(NOW(), &deadline) == &idle_thread)
            block_domain(deadline);
        local_irq_restore(flags);
        schedule();
    }
}

void block(struct thread *t)
{
    t->runnable = false;
}

void wake(struct thread *t)
{
    t->wakeup_time = 0;
    t->runnable = true;
}

/* A wake() from elsewhere ends a sleep early: sleep again until the deadline really passed. */
void msleep(uint32_t ms)
{
    uint64_t deadline = NOW() + MILLISECS(ms);

    while (NOW() < deadline) {
        unsigned long flags = local_irq_save();

        current_thread->wakeup_time = deadline;
        block(current_thread);
        local_irq_restore(flags);
        schedule();
    }
}

/* Stack top: a zero "return address" ends backtraces and gives the ABI's alignment. */
static void prepare_stack(struct thread *t)
{
    unsigned long top = (unsigned long)t->stack + t->stack_size;

    t->sp = top - sizeof(long);
    *(unsigned long *)t->sp = 0;
    t->ip = (unsigned long)thread_trampoline;
    *stack_canary(t) = STACK_CANARY;
}

struct thread *create_thread_stack(const char *name, void (*fn)(void *), void *arg,
                                   size_t stack_size)
{
    unsigned int order = bytes_to_order(MAX(stack_size, 2 * PAGE_SIZE));
    struct thread *t = calloc(1, sizeof(*t));
    unsigned long flags;

    if (!t)
        return NULL;
    t->stack = alloc_pages(order);
    if (!t->stack) {
        free(t);
        return NULL;
    }
    t->name = name;
    t->fn = fn;
    t->arg = arg;
    t->stack_size = PAGE_SIZE << order;
    list_init(&t->joiners);
    prepare_stack(t);
    if (unmap_page(t->stack))
        printk("sched: no guard page for thread '%s'\n", name);
    flags = local_irq_save();
    list_add_tail(&t->list, &threads);
    wake(t);
    local_irq_restore(flags);
    return t;
}

struct thread *create_thread(const char *name, void (*fn)(void *), void *arg)
{
    return create_thread_stack(name, fn, arg, THREAD_STACK_SIZE);
}

/*
 * A new thread is entered from the middle of schedule(), which masked events before the
 * switch; no local_irq_restore of its own will run, so it unmasks here. Every thread then
 * runs with events enabled, masked only inside its critical sections.
 */
void thread_main(void)
{
    local_irq_enable();
    current_thread->fn(current_thread->arg);
    exit_thread();
}

void exit_thread(void)
{
    struct thread *t = current_thread;
    struct list_head *pos;

    if (t == &idle_thread)
        panic("the idle thread cannot exit");
    if (IS_ENABLED(CONFIG_LIBC) && t->libc)
        libc_thread_exit(t->libc);
    if (IS_ENABLED(CONFIG_LWIP) && t->net)
        net_thread_exit(t->net);
    local_irq_disable();
    t->exited = true;
    block(t);
    if (t->detached) {
        t->next_dead = dead_threads;
        dead_threads = t;
    }
    list_for_each(pos, &t->joiners) wake(list_entry(pos, struct waiter, node)->thread);
    schedule();
    panic("exited thread '%s' was scheduled again", t->name);
}

static void free_thread(struct thread *t)
{
    unsigned long flags = local_irq_save();

    list_del(&t->list);
    local_irq_restore(flags);
    if (remap_page(t->stack))
        printk("sched: could not remap guard page of '%s'; leaking its stack\n", t->name);
    else
        free_pages(t->stack, bytes_to_order(t->stack_size));
    free(t);
}

/* Free every exited detached thread except the current one (still on its stack). */
static void reap_dead_threads(void)
{
    struct thread **link = &dead_threads;

    while (*link) {
        struct thread *t = *link;

        if (t == current_thread) {
            link = &t->next_dead;
            continue;
        }
        *link = t->next_dead;
        free_thread(t);
    }
}

int join_thread_deadline(struct thread *t, uint64_t deadline)
{
    struct waiter w = {.thread = current_thread};
    int rc = 0;

    if (t == current_thread || t == &idle_thread || t->joined || t->detached)
        return -EINVAL;
    t->joined = true;
    list_add_tail(&w.node, &t->joiners);
    while (!t->exited) {
        unsigned long flags;

        if (deadline && NOW() >= deadline) {
            rc = -ETIMEDOUT;
            break;
        }
        flags = local_irq_save();
        current_thread->wakeup_time = deadline;
        block(current_thread);
        local_irq_restore(flags);
        schedule();
    }
    list_del(&w.node);
    if (rc) {
        t->joined = false;
        return rc;
    }
    free_thread(t);
    return 0;
}

int join_thread(struct thread *t)
{
    return join_thread_deadline(t, 0);
}

int detach_thread(struct thread *t)
{
    if (t == &idle_thread || t->joined || t->detached)
        return -EINVAL;
    t->detached = true;
    if (t->exited)
        free_thread(t);
    return 0;
}

struct thread *create_thread_detached(const char *name, void (*fn)(void *), void *arg)
{
    struct thread *t = create_thread(name, fn, arg);

    if (t)
        t->detached = true;
    return t;
}

const char *stack_guard_owner(unsigned long addr)
{
    struct list_head *pos;

    list_for_each(pos, &threads)
    {
        struct thread *t = list_entry(pos, struct thread, list);

        if (t->stack && addr - (unsigned long)t->stack < PAGE_SIZE)
            return t->name;
    }
    return NULL;
}
