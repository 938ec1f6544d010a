/* SPDX-License-Identifier: BSD-2-Clause */
/* Ballooning, the policy: a thread follows memory/target (`xl mem-set`) with mm's balloon. */
#include <balloon.h>
#include <kernel.h>
#include <mm.h>
#include <sched.h>
#include <time.h>
#include <xenbus.h>

#define MEMORY_TARGET "memory/target"
/* The domain's size as the toolstack built it: with the target, what a PV shim keeps. */
#define MEMORY_STATIC_MAX "memory/static-max"
/* While short of the target (no free memory, or Xen refused), try again this often. */
#define RETRY_NS SECONDS(5)

/*
 * Read memory/target and follow it: true if we fell short and should try again later.
 * static_max_kib: memory/static-max, 0 if there is none.
 */
static bool follow_target(unsigned long long static_max_kib, bool retry)
{
    unsigned long long kib;
    int rc = xenbus_read_unsigned(XBT_NIL, NULL, MEMORY_TARGET, &kib);

    if (rc) {
        /* No target (a domain built without a toolstack) is not an error: nothing to do. */
        if (rc != -ENOENT && !retry)
            printk("balloon: reading %s: %s\n", MEMORY_TARGET, strerror_name(rc));
        return false;
    }
    return balloon_follow_toolstack(kib, static_max_kib, retry) != 0;
}

static void balloon_thread(void *arg)
{
    struct xenbus_watch w;
    struct xenbus_event *ev;
    uint64_t deadline = 0;
    unsigned long long static_max_kib = 0;
    int rc = xenbus_watch_add(&w, MEMORY_TARGET);

    if (rc) {
        printk("balloon: cannot watch %s: %s\n", MEMORY_TARGET, strerror_name(rc));
        return;
    }
    /* Written once, with memory/target, when the toolstack builds the domain. */
    if (xenbus_read_unsigned(XBT_NIL, NULL, MEMORY_STATIC_MAX, &static_max_kib))
        static_max_kib = 0;
    /* The first event comes at once: the target the toolstack built us with. */
    for (;;) {
        rc = xenbus_watch_wait(&w, deadline, &ev);
        if (rc == 0)
            free(ev);
        else if (rc != -ETIMEDOUT)
            break;
        deadline = follow_target(static_max_kib, rc == -ETIMEDOUT) ? NOW() + RETRY_NS : 0;
    }
    printk("balloon: xenbus failed (%s); no longer following %s\n", strerror_name(rc),
           MEMORY_TARGET);
}

void init_balloon(void)
{
    /* Boot is single-threaded: no lock needed yet. */
    if (balloon_init_map()) {
        printk("balloon: no memory for the page map; the domain keeps its size\n");
        return;
    }
    if (!create_thread_detached("balloon", balloon_thread, NULL))
        printk("balloon: cannot create the thread; the domain keeps its size\n");
}
