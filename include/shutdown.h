/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shutdown requests from the toolstack (`xl shutdown`, `xl reboot`) through xenstore's
 * control/shutdown, and the hooks drivers register to close cleanly before we go.
 */
#ifndef MINIOS_SHUTDOWN_H
#define MINIOS_SHUTDOWN_H

#include <list.h>

/*
 * A driver's clean-up, run in the shutdown thread (it may sleep and use xenbus) with the
 * SHUTDOWN_* reason. Hooks run newest first, so a driver registered after one it depends
 * on is closed before it. The caller fills fn and arg; the struct stays owned by the caller.
 */
struct shutdown_hook {
    void (*fn)(unsigned int reason, void *arg);
    void *arg;
    struct list_head node;
};

void shutdown_hook_register(struct shutdown_hook *h);
/* Harmless for a hook that is not registered (list_del leaves the node self-linked). */
void shutdown_hook_unregister(struct shutdown_hook *h);

/* Run every registered hook (newest first) for reason, unregistering each as it runs. */
void run_shutdown_hooks(unsigned int reason);

/*
 * Advertise control/feature-poweroff and feature-reboot and start the thread that watches
 * control/shutdown. Needs xenbus; panics if the thread cannot be created.
 */
void init_shutdown_watch(void);

#endif
