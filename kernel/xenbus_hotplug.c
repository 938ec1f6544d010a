/* SPDX-License-Identifier: BSD-2-Clause */
/* Device discovery by xenstore watch, with quiet back-off for devices that fail to open. */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include <xenbus_hotplug.h>

const struct xenbus_hotplug_dev *xenbus_hotplug_find(const struct xenbus_hotplug *hp,
                                                     const char *node)
{
    for (unsigned int i = 0; i < XENBUS_HOTPLUG_MAX; i++)
        if (hp->devs[i].used && strcmp(hp->devs[i].node, node) == 0)
            return &hp->devs[i];
    return NULL;
}

/* Mark node listed, following it from now on if it is new (and there is room). */
static void listed(struct xenbus_hotplug *hp, const char *name)
{
    struct xenbus_hotplug_dev *d, *free_slot = NULL;
    char node[XENBUS_PATH_MAX];

    if ((size_t)snprintf(node, sizeof(node), "%s/%s", hp->dir, name) >= sizeof(node))
        return;
    d = (struct xenbus_hotplug_dev *)xenbus_hotplug_find(hp, node);
    for (unsigned int i = 0; i < XENBUS_HOTPLUG_MAX && !d && !free_slot; i++)
        if (!hp->devs[i].used)
            free_slot = &hp->devs[i];
    if (!d && free_slot) {
        d = free_slot;
        *d = (struct xenbus_hotplug_dev){.used = true, .backoff = XENBUS_HOTPLUG_BACKOFF_MIN};
        strlcpy(d->node, node, sizeof(d->node));
    }
    if (d)
        d->listed = true;
}

/* Try to open d: report a new error once, retry an old one quietly with doubled back-off. */
static void try_open(struct xenbus_hotplug *hp, struct xenbus_hotplug_dev *d)
{
    int rc = hp->ops->open(hp->arg, d->node, &d->dev);

    d->attempts++;
    if (rc == 0) {
        if (d->last_err)
            printk("%s: %s: opened after %u attempts\n", hp->who, d->node, d->attempts);
        d->open = true;
        d->last_err = 0;
        return;
    }
    if (rc != d->last_err) {
        printk("%s: %s: open failed: %s (%s); retrying quietly\n", hp->who, d->node,
               strerror_name(rc), strerror_desc(rc));
        hp->reports++;
        d->backoff = XENBUS_HOTPLUG_BACKOFF_MIN;
    } else if (d->backoff < XENBUS_HOTPLUG_BACKOFF_MAX / 2) {
        d->backoff *= 2;
    } else {
        d->backoff = XENBUS_HOTPLUG_BACKOFF_MAX;
    }
    d->last_err = rc;
    d->next = NOW() + d->backoff;
}

/* Bring the devices in line with the directory: the earliest retry due (0: none). */
static uint64_t scan(struct xenbus_hotplug *hp)
{
    char **names = NULL;
    int n = xenbus_directory(XBT_NIL, hp->dir, &names);
    uint64_t next = 0;

    for (unsigned int i = 0; i < XENBUS_HOTPLUG_MAX; i++)
        hp->devs[i].listed = false;
    /* A missing (or unreadable) directory has no devices in it. */
    for (int i = 0; i < n; i++)
        listed(hp, names[i]);
    if (n >= 0)
        free(names);
    for (unsigned int i = 0; i < XENBUS_HOTPLUG_MAX; i++) {
        struct xenbus_hotplug_dev *d = &hp->devs[i];

        if (d->used && !d->listed) {
            if (d->open)
                hp->ops->gone(hp->arg, d->node, d->dev);
            d->used = false;
            continue;
        }
        if (!d->used || d->open)
            continue;
        if (NOW() >= d->next)
            try_open(hp, d);
        if (!d->open && (!next || d->next < next))
            next = d->next;
    }
    return next;
}

static bool has_news(struct xenbus_hotplug *hp)
{
    return hp->stop || !list_empty(&hp->watch.events);
}

int xenbus_hotplug_run(struct xenbus_hotplug *hp)
{
    int rc = xenbus_watch_add(&hp->watch, hp->dir);

    if (rc) {
        printk("%s: cannot watch %s: %s (%s)\n", hp->who, hp->dir, strerror_name(rc),
               strerror_desc(rc));
        return rc;
    }
    while (!hp->stop) {
        struct xenbus_event *ev;
        uint64_t next;

        /* Events are hints: drop them, then look at the directory once. */
        while ((ev = list_first(&hp->watch.events, struct xenbus_event, node))) {
            list_del(&ev->node);
            hp->watch.queued--;
            free(ev);
        }
        next = scan(hp);
        if (next)
            wait_event_deadline(hp->watch.wq, has_news(hp), next);
        else
            wait_event(hp->watch.wq, has_news(hp));
    }
    for (unsigned int i = 0; i < XENBUS_HOTPLUG_MAX; i++)
        if (hp->devs[i].used && hp->devs[i].open)
            hp->ops->gone(hp->arg, hp->devs[i].node, hp->devs[i].dev);
    xenbus_watch_remove(&hp->watch);
    return 0;
}

void xenbus_hotplug_stop(struct xenbus_hotplug *hp)
{
    hp->stop = true;
    wake_up(&hp->watch.wq);
}
