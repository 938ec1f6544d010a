/* SPDX-License-Identifier: BSD-2-Clause */
/* Toolstack shutdown requests: the control/shutdown watch thread and the driver hooks. */
#include <kernel.h>
#include <mm.h>
#include <sched.h>
#include <shutdown.h>
#include <string.h>
#include <xenbus.h>

#define CONTROL_SHUTDOWN "control/shutdown"

/* Newest first; only threads touch it, so no locking is needed. */
static struct list_head hooks = LIST_HEAD_INIT(hooks);

void shutdown_hook_register(struct shutdown_hook *h)
{
    list_add(&h->node, &hooks);
}

void shutdown_hook_unregister(struct shutdown_hook *h)
{
    list_del(&h->node);
}

void run_shutdown_hooks(unsigned int reason)
{
    struct shutdown_hook *h;

    /* Unlinked before the call, so a hook may unregister itself or others safely. */
    while ((h = list_first(&hooks, struct shutdown_hook, node))) {
        list_del(&h->node);
        h->fn(reason, h->arg);
    }
}

/* What libxl writes; anything else (e.g. "suspend") is left unacknowledged so xl times out. */
static const struct {
    const char *word;
    unsigned int reason;
} requests[] = {
    {"poweroff", SHUTDOWN_poweroff},
    {"halt", SHUTDOWN_poweroff},
    {"reboot", SHUTDOWN_reboot},
    {"crash", SHUTDOWN_crash},
};

struct request {
    char word[16];
    int index; /* into requests[], or -1 */
};

/* Read the request and clear it in one transaction: the toolstack's acknowledgement. */
static int take_request(xenbus_transaction_t t, void *arg)
{
    struct request *r = arg;
    int rc = xenbus_read_buf(t, CONTROL_SHUTDOWN, r->word, sizeof(r->word));

    r->index = -1;
    /* Too long to be a request we know: leave it for the toolstack to time out. */
    if (rc == -ERANGE || rc == -ENOENT) {
        strlcpy(r->word, rc == -ERANGE ? "?" : "", sizeof(r->word));
        return 0;
    }
    /* Empty: our own acknowledgement (or the watch's first event) fired the watch. */
    if (rc <= 0)
        return rc;
    for (unsigned int i = 0; i < ARRAY_SIZE(requests); i++)
        if (strcmp(r->word, requests[i].word) == 0)
            r->index = i;
    if (r->index < 0)
        return 0;
    return xenbus_write(t, CONTROL_SHUTDOWN, "");
}

static void shutdown_thread(void *arg)
{
    struct xenbus_watch w;
    struct xenbus_event *ev;
    struct request r;
    int rc;

    rc = xenbus_watch_add(&w, CONTROL_SHUTDOWN);
    if (rc) {
        printk("shutdown: cannot watch %s: %s\n", CONTROL_SHUTDOWN, strerror_name(rc));
        exit_thread();
    }
    while (xenbus_watch_wait(&w, 0, &ev) == 0) {
        free(ev);
        rc = xenbus_transaction_run(take_request, &r);
        if (rc) {
            printk("shutdown: reading %s: %s\n", CONTROL_SHUTDOWN, strerror_name(rc));
            continue;
        }
        if (r.index < 0) {
            if (r.word[0])
                printk("shutdown: ignoring unsupported request '%s'\n", r.word);
            continue;
        }
        printk("shutdown: '%s' requested by the toolstack\n", r.word);
        run_shutdown_hooks(requests[r.index].reason);
        kernel_shutdown(requests[r.index].reason);
    }
    printk("shutdown: xenbus failed; no longer watching %s\n", CONTROL_SHUTDOWN);
    exit_thread();
}

/* The keys tell `xl shutdown` we handle the request ourselves (else it needs -F). */
static void advertise(void *arg)
{
    static const char *const features[] = {"control/feature-poweroff", "control/feature-reboot"};

    for (unsigned int i = 0; i < ARRAY_SIZE(features); i++) {
        int rc = xenbus_write(XBT_NIL, features[i], "1");

        if (rc)
            printk("shutdown: writing %s: %s\n", features[i], strerror_name(rc));
    }
    shutdown_thread(arg);
}

void init_shutdown_watch(void)
{
    /* The requests block, so they run in the thread, not here at boot. */
    if (!create_thread("shutdown", advertise, NULL))
        panic("shutdown: cannot create the watch thread");
}
