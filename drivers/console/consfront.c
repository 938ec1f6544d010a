/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Extra consoles (device/console/N, N >= 1), such as xl.cfg "channel"s, served by QEMU in
 * dom0. Same byte rings as the primary console, but on a page we grant and a port we
 * allocate, published through the shared xenbus handshake.
 */
#include <kernel.h>
#include <console.h>
#include <events.h>
#include <fmt.h>
#include <gnttab.h>
#include <mm.h>
#include <shutdown.h>
#include <string.h>
#include <wait.h>
#include <xenbus.h>
#include <arch/atomic.h>
#include <xen/io/console.h>
#include <byte_ring.h>

#define CLOSE_TIMEOUT SECONDS(5)

struct consfront {
    struct xenbus_device dev;
    struct xencons_interface *ring;
    int ref;
    evtchn_port_t port;
    bool connected, closed;
    unsigned long bad_index;
    char name[32];
    struct wait_queue_head wq;
    struct shutdown_hook hook;
};

static void consfront_event(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    struct consfront *c = data;

    wake_up(&c->wq);
}

/* The backend's indices change under us: read them afresh every time. */
static uint32_t peer_index(const XENCONS_RING_IDX *idx)
{
    return *(const volatile XENCONS_RING_IDX *)idx;
}

/* The backend broke the ring: stop using it (reads and writes say -ENOTCONN from now). */
static int ring_broken(struct consfront *c)
{
    c->bad_index++;
    c->connected = false;
    printk("consfront: %s: bad ring index from the backend; disconnected\n", c->dev.nodename);
    wake_up(&c->wq);
    return -EPROTO;
}

static int put_out(struct consfront *c, const void *buf, size_t len)
{
    struct xencons_interface *r = c->ring;
    uint32_t prod = r->out_prod, cons = peer_index(&r->out_cons);
    int n;

    mb(); /* read the consumer index before overwriting the bytes it freed */
    n = byte_ring_put(r->out, sizeof(r->out), cons, &prod, buf, len);
    if (n < 0)
        return ring_broken(c);
    if (n > 0) {
        wmb(); /* the bytes before the index that publishes them */
        r->out_prod = prod;
        evtchn_send(c->port);
    }
    return n;
}

static int get_in(struct consfront *c, void *buf, size_t len)
{
    struct xencons_interface *r = c->ring;
    uint32_t cons = r->in_cons, prod = peer_index(&r->in_prod);
    int n;

    rmb(); /* read the bytes only after the index that covers them */
    n = byte_ring_get(r->in, sizeof(r->in), &cons, prod, buf, len);
    if (n < 0)
        return ring_broken(c);
    if (n > 0) {
        mb(); /* finish reading before the backend may reuse the slots */
        r->in_cons = cons;
        evtchn_send(c->port);
    }
    return n;
}

static bool out_has_room(struct consfront *c)
{
    const struct xencons_interface *r = c->ring;

    return !c->connected || byte_ring_used(peer_index(&r->out_cons), r->out_prod, sizeof(r->out)) !=
                                (int)sizeof(r->out);
}

static bool in_has_data(struct consfront *c)
{
    const struct xencons_interface *r = c->ring;

    return !c->connected || byte_ring_used(r->in_cons, peer_index(&r->in_prod), sizeof(r->in));
}

/* How often a waiter checks that the backend is still there (it may die without a word). */
#define BACKEND_CHECK_INTERVAL SECONDS(1)

/* A backend that closed or vanished: the console is disconnected. */
static void check_backend(struct consfront *c)
{
    XenbusState state;
    int rc = xenbus_read_state(c->dev.backend, &state);

    if (rc == 0 && state == XenbusStateConnected)
        return;
    printk("consfront: %s: backend gone (state %d, rc %d)\n", c->dev.nodename, rc ? -1 : (int)state,
           rc);
    c->connected = false;
}

/*
 * Wait until ready(c) or NOW() reaches deadline (0: forever): 0 or -ETIMEDOUT. Waits in
 * slices, checking the backend between them, so a dead backend ends the wait.
 */
static int wait_ring(struct consfront *c, bool (*ready)(struct consfront *), uint64_t deadline)
{
    for (;;) {
        uint64_t slice = NOW() + BACKEND_CHECK_INTERVAL;

        if (deadline && deadline < slice)
            slice = deadline;
        if (wait_event_deadline(c->wq, ready(c), slice) == 0)
            return 0;
        if (deadline && NOW() >= deadline)
            return -ETIMEDOUT;
        check_backend(c);
    }
}

long consfront_write(struct consfront *c, const void *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        int n;

        if (!c->connected)
            return -ENOTCONN;
        n = put_out(c, (const char *)buf + done, len - done);
        if (n < 0)
            return -ENOTCONN;
        if (n == 0)
            wait_ring(c, out_has_room, 0);
        done += n;
    }
    return (long)len;
}

long consfront_read(struct consfront *c, void *buf, size_t len, uint64_t deadline)
{
    while (len) {
        int n, rc = 0;

        if (!c->connected)
            return -ENOTCONN;
        n = get_in(c, buf, len);
        if (n != 0)
            return n < 0 ? -ENOTCONN : n;
        rc = wait_ring(c, in_has_data, deadline);
        if (rc)
            return rc;
    }
    return 0;
}

const char *consfront_name(const struct consfront *c)
{
    return c->name;
}

/* Closing handshake, once: the backend unmaps the ring, so the grant can be revoked. */
static int disconnect(struct consfront *c)
{
    int rc;

    if (c->closed)
        return 0;
    c->closed = true;
    c->connected = false;
    wake_up(&c->wq);
    rc = xenbus_frontend_close(&c->dev, CLOSE_TIMEOUT);
    if (rc)
        printk("consfront: %s: close handshake: %d\n", c->dev.nodename, rc);
    return rc;
}

static void shutdown_close(unsigned int reason, void *arg)
{
    disconnect(arg);
}

/* Give back the port, the grant and the page; the page leaks if the backend keeps it. */
static void release(struct consfront *c)
{
    if (c->port)
        evtchn_close(c->port);
    if (c->ref >= 0 && gnttab_end_access(c->ref) != 0) {
        printk("consfront: %s: backend still maps the ring; leaking its page\n", c->dev.nodename);
        c->ring = NULL;
    }
    if (c->ring)
        free_page(c->ring);
    free(c);
}

int consfront_close(struct consfront *c)
{
    int rc;

    shutdown_hook_unregister(&c->hook);
    rc = disconnect(c);
    release(c);
    return rc;
}

/* Ring page, grant and port, then the handshake: keys ring-ref and port. */
static int connect(struct consfront *c, uint64_t timeout_ns)
{
    domid_t be = c->dev.backend_id;
    int rc;

    c->ring = alloc_page();
    if (!c->ring)
        return -ENOMEM;
    memset(c->ring, 0, PAGE_SIZE);
    c->ref = gnttab_grant_access(be, virt_to_mfn(c->ring), false);
    if (c->ref < 0)
        return c->ref;
    rc = evtchn_alloc_unbound(be, consfront_event, c, &c->port);
    if (rc)
        return rc;
    {
        struct xenbus_key keys[] = {
            {"ring-ref", NULL, (unsigned long)c->ref},
            {"port", NULL, c->port},
        };

        return xenbus_frontend_connect(&c->dev, keys, ARRAY_SIZE(keys), timeout_ns);
    }
}

int consfront_open(unsigned int id, struct consfront **out, uint64_t timeout_ns)
{
    char node[XENBUS_PATH_MAX], path[XENBUS_PATH_MAX + 8];
    struct consfront *c;
    int rc;

    if (id == 0)
        return -EINVAL;
    c = calloc(1, sizeof(*c));
    if (!c)
        return -ENOMEM;
    c->ref = -1;
    init_waitqueue_head(&c->wq);
    snprintf(node, sizeof(node), "device/console/%u", id);
    rc = xenbus_frontend_start(&c->dev, node, timeout_ns);
    if (rc == 0) {
        snprintf(path, sizeof(path), "%s/name", node);
        if (xenbus_read_buf(XBT_NIL, path, c->name, sizeof(c->name)) < 0)
            c->name[0] = '\0';
        rc = connect(c, timeout_ns);
    }
    if (rc) {
        if (c->ring)
            disconnect(c);
        release(c);
        return rc;
    }
    c->connected = true;
    c->hook.fn = shutdown_close;
    c->hook.arg = c;
    shutdown_hook_register(&c->hook);
    *out = c;
    return 0;
}

int consfront_find(const char *name)
{
    char **ids, path[XENBUS_PATH_MAX], value[32];
    int n = xenbus_directory(XBT_NIL, "device/console", &ids), found = -ENOENT;

    if (n < 0)
        return n;
    for (int i = 0; i < n && found < 0; i++) {
        snprintf(path, sizeof(path), "device/console/%s/name", ids[i]);
        if (xenbus_read_buf(XBT_NIL, path, value, sizeof(value)) >= 0 && strcmp(value, name) == 0)
            found = (int)strtoul(ids[i], NULL, 10);
    }
    free(ids);
    return found > 0 ? found : -ENOENT;
}
