/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What vfb and vkbd share: one page holding both rings, one event channel, the xenbus
 * handshake and a shutdown hook that closes the device when the domain powers off.
 */
#ifndef MINIOS_DRIVERS_PVCHAN_H
#define MINIOS_DRIVERS_PVCHAN_H

#include <stdbool.h>
#include <stdint.h>
#include <events.h>
#include <shutdown.h>
#include <wait.h>
#include <xenbus.h>

/* Used when a caller passes timeout 0: QEMU under emulation may take a while to attach. */
#define PVCHAN_DEFAULT_TIMEOUT SECONDS(30)

struct pvchan {
    struct xenbus_device xb;
    void *page; /* the shared page (both rings), zeroed */
    evtchn_port_t port;
    struct wait_queue_head wq; /* woken by every notification */
    bool connected;            /* between connect and close (or the shutdown hook) */
    bool closed;               /* the handshake to Closed was done (or failed) */
    int close_rc;              /* its result */
    struct shutdown_hook hook;
};

/*
 * device/<type>/<id>: wait for the backend's InitWait, allocate the page and an unbound
 * port for the backend whose notifications run handler(data). 0 or -errno (nothing kept).
 */
int pvchan_start(struct pvchan *c, const char *type, unsigned int id, uint64_t timeout_ns,
                 evtchn_handler_t handler, void *data);
/* Publish keys (plus event-channel), connect, and register the shutdown hook. 0 or -errno. */
int pvchan_connect(struct pvchan *c, const struct xenbus_key *keys, unsigned int n,
                   uint64_t timeout_ns);
/* Close (unless the shutdown hook did) and close the port. 0 or -errno from the handshake. */
int pvchan_disconnect(struct pvchan *c);
/* Free the page, unless keep (a backend that did not close may still map it). */
void pvchan_release(struct pvchan *c, bool keep);

/* A page's machine frame, as the vfb/vkbd protocols publish them. */
unsigned long pvchan_mfn(const void *va);

#endif
