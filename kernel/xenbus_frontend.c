/* SPDX-License-Identifier: BSD-2-Clause */
/* The XenbusState handshake every PV frontend shares: find the backend, connect, close. */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>

int xenbus_read_state(const char *dir, XenbusState *state)
{
    unsigned long long v;
    int rc = xenbus_read_unsigned(XBT_NIL, dir, "state", &v);

    /* A backend that was torn down has no node left: that is "Unknown", not an error. */
    if (rc == -ENOENT) {
        *state = XenbusStateUnknown;
        return 0;
    }
    if (rc)
        return rc;
    if (v > XenbusStateReconfigured)
        return -EINVAL;
    *state = (XenbusState)v;
    return 0;
}

int xenbus_switch_state(const char *dir, XenbusState state)
{
    XenbusState cur;

    if (xenbus_read_state(dir, &cur) == 0 && cur == state)
        return 0;
    return xenbus_printf(XBT_NIL, dir, "state", "%u", (unsigned int)state);
}

int xenbus_wait_backend_state(const char *dir, unsigned int states, uint64_t timeout_ns,
                              XenbusState *reached)
{
    uint64_t deadline = timeout_ns ? NOW() + timeout_ns : 0;
    char path[XENBUS_PATH_MAX];
    struct xenbus_watch w;
    XenbusState st = XenbusStateUnknown;
    int rc;

    if ((size_t)snprintf(path, sizeof(path), "%s/state", dir) >= sizeof(path))
        return -ENAMETOOLONG;
    /* Watch first, then read: a change between the two still leaves an event queued. */
    rc = xenbus_watch_add(&w, path);
    if (rc)
        return rc;
    for (;;) {
        struct xenbus_event *ev;

        rc = xenbus_read_state(dir, &st);
        if (rc || (states & XENBUS_STATE_BIT(st)))
            break;
        rc = xenbus_watch_wait(&w, deadline, &ev);
        if (rc)
            break;
        free(ev);
    }
    xenbus_watch_remove(&w);
    if (!rc && reached)
        *reached = st;
    return rc;
}

int xenbus_device_init(struct xenbus_device *dev, const char *nodename)
{
    char path[XENBUS_PATH_MAX + 16];
    unsigned long long id;
    int rc;

    if (strlcpy(dev->nodename, nodename, sizeof(dev->nodename)) >= sizeof(dev->nodename))
        return -ENAMETOOLONG;
    snprintf(path, sizeof(path), "%s/backend", nodename);
    rc = xenbus_read_buf(XBT_NIL, path, dev->backend, sizeof(dev->backend));
    if (rc < 0)
        return rc == -ERANGE ? -ENAMETOOLONG : rc;
    rc = xenbus_read_unsigned(XBT_NIL, nodename, "backend-id", &id);
    if (rc)
        return rc;
    if (id >= DOMID_FIRST_RESERVED)
        return -EINVAL;
    dev->backend_id = (domid_t)id;
    return 0;
}

/* The backend is leaving (e.g. `xl block-detach` during open): stop waiting at once. */
#define BACKEND_GOING (XENBUS_STATE_BIT(XenbusStateClosing) | XENBUS_STATE_BIT(XenbusStateClosed))

int xenbus_frontend_start(struct xenbus_device *dev, const char *nodename, uint64_t timeout_ns)
{
    unsigned int ready =
        XENBUS_STATE_BIT(XenbusStateInitWait) | XENBUS_STATE_BIT(XenbusStateConnected);
    unsigned int going = BACKEND_GOING;
    XenbusState st, fe;
    int rc = xenbus_device_init(dev, nodename);

    /*
     * Our side left Closed by an earlier session (a failed open, a close): Initialising
     * again asks the backend to prepare for a reconnect (Closed -> InitWait), so its
     * Closed is expected now and only Closing means it is going away.
     */
    if (!rc && xenbus_read_state(nodename, &fe) == 0 && fe == XenbusStateClosed) {
        rc = xenbus_switch_state(nodename, XenbusStateInitialising);
        going = XENBUS_STATE_BIT(XenbusStateClosing);
    }
    if (!rc)
        rc = xenbus_wait_backend_state(dev->backend, ready | going, timeout_ns, &st);
    if (!rc && !(XENBUS_STATE_BIT(st) & ready))
        rc = -ENODEV;
    return rc;
}

struct publish {
    const struct xenbus_device *dev;
    const struct xenbus_key *keys;
    unsigned int n;
};

static int publish_tx(xenbus_transaction_t t, void *arg)
{
    const struct publish *p = arg;
    const char *dir = p->dev->nodename;
    int rc = 0;

    for (unsigned int i = 0; i < p->n && !rc; i++) {
        const struct xenbus_key *k = &p->keys[i];

        if (k->str)
            rc = xenbus_printf(t, dir, k->name, "%s", k->str);
        else
            rc = xenbus_printf(t, dir, k->name, "%lu", k->num);
    }
    /* Same transaction: the backend never sees Initialised with half the keys. */
    if (!rc)
        rc = xenbus_printf(t, dir, "state", "%u", (unsigned int)XenbusStateInitialised);
    return rc;
}

int xenbus_frontend_publish(struct xenbus_device *dev, const struct xenbus_key *keys,
                            unsigned int n)
{
    struct publish p = {dev, keys, n};

    return xenbus_transaction_run(publish_tx, &p);
}

/* Time left until deadline (0 = none) for the next wait; at least 1 ns once it passed. */
static uint64_t remaining(uint64_t deadline)
{
    uint64_t now = NOW();

    if (!deadline)
        return 0;
    return deadline > now ? deadline - now : 1;
}

static int wait_backend_connected(struct xenbus_device *dev, uint64_t timeout_ns)
{
    unsigned int done = XENBUS_STATE_BIT(XenbusStateConnected) | BACKEND_GOING;
    XenbusState st;
    int rc = xenbus_wait_backend_state(dev->backend, done, timeout_ns, &st);

    if (!rc && st != XenbusStateConnected)
        rc = -ECONNREFUSED;
    return rc;
}

int xenbus_frontend_connect(struct xenbus_device *dev, const struct xenbus_key *keys,
                            unsigned int n, uint64_t timeout_ns)
{
    int rc = xenbus_frontend_publish(dev, keys, n);

    if (!rc)
        rc = wait_backend_connected(dev, timeout_ns);
    if (!rc)
        rc = xenbus_switch_state(dev->nodename, XenbusStateConnected);
    return rc;
}

/*
 * Some backends (Linux netback) ignore Initialised and connect only once the frontend is
 * Connected, so say Connected first and then wait for them.
 */
int xenbus_frontend_connect_eager(struct xenbus_device *dev, const struct xenbus_key *keys,
                                  unsigned int n, uint64_t timeout_ns)
{
    int rc = xenbus_frontend_publish(dev, keys, n);

    if (!rc)
        rc = xenbus_switch_state(dev->nodename, XenbusStateConnected);
    if (!rc)
        rc = wait_backend_connected(dev, timeout_ns);
    return rc;
}

int xenbus_frontend_close(struct xenbus_device *dev, uint64_t timeout_ns)
{
    uint64_t deadline = timeout_ns ? NOW() + timeout_ns : 0;
    unsigned int gone = XENBUS_STATE_BIT(XenbusStateClosed) | XENBUS_STATE_BIT(XenbusStateUnknown);
    int rc = xenbus_switch_state(dev->nodename, XenbusStateClosing);

    if (!rc)
        rc = xenbus_wait_backend_state(dev->backend, gone | XENBUS_STATE_BIT(XenbusStateClosing),
                                       remaining(deadline), NULL);
    if (!rc)
        rc = xenbus_switch_state(dev->nodename, XenbusStateClosed);
    /* Some backends go back to InitWait at once, ready for a new frontend: also done. */
    if (!rc)
        rc = xenbus_wait_backend_state(dev->backend, gone | XENBUS_STATE_BIT(XenbusStateInitWait),
                                       remaining(deadline), NULL);
    return rc;
}

bool xenbus_backend_gone(struct xenbus_device *dev, struct xenbus_watch *w)
{
    struct xenbus_event *ev;
    XenbusState st;

    /* Events are hints: drain them, then read the state once. */
    while (xenbus_watch_wait(w, 1, &ev) == 0)
        free(ev);
    if (xenbus_read_state(dev->backend, &st))
        return false;
    return st != XenbusStateConnected;
}
