/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device discovery by watch with quiet back-off (kernel/xenbus_hotplug.c, what the demo
 * runs), against a bogus device/vbd node from dom0 (tests/boot/hotplug-errors.cfg): first
 * unreadable (EACCES), later readable but without a backend (ETIMEDOUT). Each error must
 * be reported exactly once while the node is retried several times; the real disk opens.
 */
#include <kernel.h>
#include <blkfront.h>
#include <fmt.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <xenbus_hotplug.h>
#include "test.h"

#define BOGUS "device/vbd/9100"

static unsigned int opened, gone;

static int try_disk(void *arg, const char *node, void **dev)
{
    struct blkfront_dev *d;
    /* The real disk gets time enough under load; the bogus one fails fast. */
    int rc = blkfront_open(node, strcmp(node, BOGUS) ? SECONDS(60) : SECONDS(3), &d);

    if (rc == 0) {
        opened++;
        blkfront_close(d);
    }
    *dev = NULL;
    return rc;
}

static void disk_gone(void *arg, const char *node, void *dev)
{
    gone++;
}

static void run_hotplug(void *arg)
{
    xenbus_hotplug_run(arg);
}

void suite_hotplug_errors(void)
{
    static const struct xenbus_hotplug_ops ops = {try_disk, disk_gone};
    static struct xenbus_hotplug hp = {.dir = "device/vbd", .who = "hotplug-test", .ops = &ops};
    const struct xenbus_hotplug_dev *d;
    struct thread *t = create_thread("hotplug", run_hotplug, &hp);
    uint64_t deadline = NOW() + SECONDS(120);
    unsigned int attempts = 0;
    int last = 0;

    /* Until the error changed (dom0 makes the node readable after ~12 s) and was retried. */
    while (t && NOW() < deadline) {
        d = xenbus_hotplug_find(&hp, BOGUS);
        if (d) {
            attempts = d->attempts;
            last = d->last_err;
        }
        if (last == -ETIMEDOUT && hp.reports >= 2 && attempts >= 6)
            break;
        msleep(500);
    }
    xenbus_hotplug_stop(&hp);
    if (t)
        join_thread(t);
    test_check("hotplug_real_disk", opened == 1, "the real disk opened %u times", opened);
    test_check("hotplug_reported_once_per_error", hp.reports == 2 && last == -ETIMEDOUT,
               "%lu reports over %u attempts, last error %s", hp.reports, attempts,
               strerror_name(last));
    test_check("hotplug_retried", attempts >= 6, "%u attempts", attempts);
}
