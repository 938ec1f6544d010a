/* SPDX-License-Identifier: BSD-2-Clause */
/* The connection vfb and vkbd share: shared page, event channel, handshake, shutdown hook. */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include "pvchan.h"

unsigned long pvchan_mfn(const void *va)
{
    return virt_to_mfn(va);
}

int pvchan_start(struct pvchan *c, const char *type, unsigned int id, uint64_t timeout_ns,
                 evtchn_handler_t handler, void *data)
{
    char nodename[XENBUS_PATH_MAX];
    int rc;

    memset(c, 0, sizeof(*c));
    init_waitqueue_head(&c->wq);
    snprintf(nodename, sizeof(nodename), "device/%s/%u", type, id);
    rc = xenbus_frontend_start(&c->xb, nodename, timeout_ns ? timeout_ns : PVCHAN_DEFAULT_TIMEOUT);
    if (rc)
        return rc;
    c->page = alloc_page();
    if (!c->page)
        return -ENOMEM;
    memset(c->page, 0, PAGE_SIZE);
    rc = evtchn_alloc_unbound(c->xb.backend_id, handler, data, &c->port);
    if (rc) {
        free_page(c->page);
        c->page = NULL;
    }
    return rc;
}

/* Power-off: tell the backend we are going, so it unmaps our pages before we vanish. */
static void pvchan_shutdown(unsigned int reason, void *arg)
{
    struct pvchan *c = arg;

    c->connected = false;
    c->close_rc = xenbus_frontend_close(&c->xb, SECONDS(5));
    c->closed = true;
}

int pvchan_connect(struct pvchan *c, const struct xenbus_key *keys, unsigned int n,
                   uint64_t timeout_ns)
{
    struct xenbus_key all[16];
    int rc;

    if (n >= ARRAY_SIZE(all))
        return -E2BIG;
    memcpy(all, keys, n * sizeof(*keys));
    all[n] = (struct xenbus_key){"event-channel", NULL, c->port};
    rc = xenbus_frontend_connect(&c->xb, all, n + 1,
                                 timeout_ns ? timeout_ns : PVCHAN_DEFAULT_TIMEOUT);
    if (rc)
        return rc;
    c->connected = true;
    c->hook = (struct shutdown_hook){.fn = pvchan_shutdown, .arg = c};
    shutdown_hook_register(&c->hook);
    return 0;
}

int pvchan_disconnect(struct pvchan *c)
{
    if (c->hook.fn)
        shutdown_hook_unregister(&c->hook);
    c->connected = false;
    wake_up(&c->wq);
    if (!c->closed) {
        c->close_rc = xenbus_frontend_close(&c->xb, SECONDS(10));
        c->closed = true;
    }
    evtchn_close(c->port);
    return c->close_rc;
}

void pvchan_release(struct pvchan *c, bool keep)
{
    if (!keep)
        free_page(c->page);
    c->page = NULL;
}
