/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device discovery by xenstore watch: follow a frontend directory ("device/vbd"), open
 * each device that appears there (xl block-attach, network-attach), retry one that fails
 * with back-off, reporting its error once and again only when it changes, and hand back
 * the ones whose node disappears. Nothing polls: the loop sleeps on the directory's watch,
 * or until the next retry is due.
 */
#ifndef MINIOS_XENBUS_HOTPLUG_H
#define MINIOS_XENBUS_HOTPLUG_H

#include <stdbool.h>
#include <stdint.h>
#include <xenbus.h>

#define XENBUS_HOTPLUG_MAX         16 /* devices followed at once; more are ignored */
#define XENBUS_HOTPLUG_BACKOFF_MIN SECONDS(1)
#define XENBUS_HOTPLUG_BACKOFF_MAX SECONDS(60)

struct xenbus_hotplug_ops {
    /*
     * Take node ("device/vbd/768"): 0 and *dev (node is not offered again until it has
     * disappeared), or -errno (offered again after the back-off).
     */
    int (*open)(void *arg, const char *node, void **dev);
    /* node is gone from the directory: release dev (from a successful open). */
    void (*gone)(void *arg, const char *node, void *dev);
};

/* One device the loop follows. */
struct xenbus_hotplug_dev {
    char node[XENBUS_PATH_MAX];
    bool used, open, listed;
    void *dev;
    int last_err;           /* of the last failed open, 0 if none */
    unsigned int attempts;  /* opens tried */
    uint64_t backoff, next; /* the current back-off, and when to try again */
};

struct xenbus_hotplug {
    const char *dir; /* the directory followed: "device/vbd" */
    const char *who; /* prefix of messages: "blkfront-demo" */
    const struct xenbus_hotplug_ops *ops;
    void *arg;
    bool stop; /* set by xenbus_hotplug_stop */
    unsigned long reports;
    struct xenbus_watch watch;
    struct xenbus_hotplug_dev devs[XENBUS_HOTPLUG_MAX];
};

/*
 * Follow hp->dir in the calling thread until xenbus_hotplug_stop(hp); then every device
 * still open is handed to gone(). 0, or -errno when the watch cannot be set.
 */
int xenbus_hotplug_run(struct xenbus_hotplug *hp);
/* Make xenbus_hotplug_run return (from another thread). */
void xenbus_hotplug_stop(struct xenbus_hotplug *hp);
/* The device entry for node (to read its attempts and error), or NULL. */
const struct xenbus_hotplug_dev *xenbus_hotplug_find(const struct xenbus_hotplug *hp,
                                                     const char *node);

#endif
