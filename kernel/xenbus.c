/* SPDX-License-Identifier: BSD-2-Clause */
/* Xenbus transport: the store ring, replies matched to requests by req_id, watch queues. */
#include <kernel.h>
#include <events.h>
#include <fmt.h>
#include <mm.h>
#include <sched.h>
#include <string.h>
#include <wait.h>
#include <byte_ring.h>
#include <xenbus.h>
#include <xen/io/xs_wire.h>

BUILD_BUG_ON(sizeof(struct xsd_sockmsg) != XS_HDR_SIZE);
BUILD_BUG_ON(XENSTORE_PAYLOAD_MAX != XS_PAYLOAD_MAX);
BUILD_BUG_ON(XENSTORE_RING_SIZE != XS_RING_SIZE);

/* Xenstore's side of the ring changes under us: read it fresh every time. */
#define PEER(x) (*(volatile __typeof__(x) *)&(x))

/* Requests in flight at once; more callers wait for a slot in xenbus_request. */
#define MAX_INFLIGHT 16

struct pending {
    bool busy, done;
    uint32_t req_id;
    struct xs_hdr hdr;
    char *body; /* NULL with hdr.len > 0: no memory for the reply */
};

static struct xenstore_domain_interface *intf;
static evtchn_port_t store_port;
/* Woken by the event handler whenever xenstore moved either ring. */
static DEFINE_WAIT_QUEUE(ring_wq);
/* Woken by the reply thread when some pending slot is done. */
static DEFINE_WAIT_QUEUE(reply_wq);
static struct pending pending[MAX_INFLIGHT];
static struct semaphore free_slots;
/* Held while one request's bytes go into the ring, so requests never interleave. */
static struct mutex send_lock;
static uint32_t next_req_id = 1;
static struct list_head watches = LIST_HEAD_INIT(watches);
/* The reply stream lost sync (bad header, corrupt indexes): everything fails with -EIO. */
static bool broken;
/* The reply thread leaves replies on the ring (xenbus_hold_replies: tests). */
static bool replies_held;
/* How long one request may wait for xenstored (xenbus_set_timeout). */
static uint64_t request_timeout = XENBUS_DEFAULT_TIMEOUT;

static void store_event(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    wake_up(&ring_wq);
}

/* Write len bytes, waiting for room until deadline: 0, -ETIMEDOUT or -EIO; *sent counts. */
static int ring_write(const void *data, size_t len, uint64_t deadline, size_t *sent)
{
    const char *p = data;

    while (len) {
        uint32_t prod = intf->req_prod;
        int n;

        if (wait_event_deadline(ring_wq, broken || prod - PEER(intf->req_cons) < XS_RING_SIZE,
                                deadline))
            return -ETIMEDOUT;
        if (broken)
            return -EIO;
        /* Read req_cons before overwriting the bytes it says xenstore has consumed. */
        mb();
        n = byte_ring_put(intf->req, XS_RING_SIZE, PEER(intf->req_cons), &prod, p, len);
        if (n < 0)
            return n;
        /* The bytes must be visible before the index that publishes them. */
        wmb();
        intf->req_prod = prod;
        evtchn_send(store_port);
        p += n;
        len -= n;
        *sent += n;
    }
    return 0;
}

/* Read exactly len bytes (into data, or dropped when data is NULL). */
static int ring_read(void *data, size_t len)
{
    char scratch[64];
    char *p = data;

    while (len) {
        uint32_t cons = intf->rsp_cons, prod;
        size_t want = p ? len : MIN(len, sizeof(scratch));
        int n;

        wait_event(ring_wq, !replies_held && PEER(intf->rsp_prod) != cons);
        prod = PEER(intf->rsp_prod);
        /* The index before the bytes it covers. */
        rmb();
        n = byte_ring_get(intf->rsp, XS_RING_SIZE, &cons, prod, p ? p : scratch, want);
        if (n < 0)
            return n;
        /* Finish copying before handing the space back to xenstore. */
        mb();
        intf->rsp_cons = cons;
        evtchn_send(store_port);
        if (p)
            p += n;
        len -= n;
    }
    return 0;
}

static void queue_watch_event(const char *body, uint32_t len)
{
    const char *path, *token;
    struct xenbus_watch *w = NULL;
    struct xenbus_event *ev;
    struct list_head *pos;

    if (xs_watch_event_parse(body, len, &path, &token))
        return;
    list_for_each(pos, &watches)
    {
        if (strcmp(list_entry(pos, struct xenbus_watch, node)->token, token) == 0) {
            w = list_entry(pos, struct xenbus_watch, node);
            break;
        }
    }
    /* No owner: an event that raced with xenbus_watch_remove. */
    if (!w)
        return;
    ev = w->queued < XENBUS_WATCH_QUEUE_MAX ? malloc(sizeof(*ev) + len) : NULL;
    if (!ev) {
        w->dropped++;
        return;
    }
    memcpy(ev->data, body, len);
    ev->path = ev->data;
    ev->token = ev->data + (token - body);
    list_add_tail(&ev->node, &w->events);
    w->queued++;
    wake_up(&w->wq);
}

static void deliver_reply(const struct xs_hdr *h, char *body)
{
    for (unsigned int i = 0; i < MAX_INFLIGHT; i++) {
        struct pending *p = &pending[i];

        if (p->busy && !p->done && p->req_id == h->req_id) {
            p->hdr = *h;
            p->body = body;
            p->done = true;
            wake_up(&reply_wq);
            return;
        }
    }
    printk("xenbus: reply with unknown req_id %u dropped\n", h->req_id);
    free(body);
}

static void mark_broken(void)
{
    struct list_head *pos;

    printk("xenbus: protocol error on the store ring; xenstore access disabled\n");
    broken = true;
    wake_up(&reply_wq);
    wake_up(&ring_wq);
    list_for_each(pos, &watches) wake_up(&list_entry(pos, struct xenbus_watch, node)->wq);
}

/* The only reader of the reply ring: replies go to their slot, events to their watch. */
static void reply_thread(void *arg)
{
    for (;;) {
        char raw[XS_HDR_SIZE];
        struct xs_hdr h;
        char *body;

        if (ring_read(raw, sizeof(raw)) || xs_hdr_unpack(raw, &h))
            break;
        /* Without memory the body is still consumed, to keep the stream in sync. */
        body = malloc(h.len + 1);
        if (ring_read(body, h.len)) {
            free(body);
            break;
        }
        if (body)
            body[h.len] = '\0';
        if (h.type == XS_WATCH_EVENT) {
            if (body)
                queue_watch_event(body, h.len);
            free(body);
        } else {
            deliver_reply(&h, body);
        }
    }
    mark_broken();
    exit_thread();
}

static int send_request(uint32_t type, uint32_t req_id, xenbus_transaction_t t,
                        const struct xs_seg *segs, unsigned int n, int len, uint64_t deadline)
{
    struct xs_hdr h = {.type = type, .req_id = req_id, .tx_id = t, .len = len};
    char raw[XS_HDR_SIZE];
    size_t sent = 0;
    int rc;

    xs_hdr_pack(raw, &h);
    mutex_lock(&send_lock);
    rc = ring_write(raw, sizeof(raw), deadline, &sent);
    for (unsigned int i = 0; i < n && !rc; i++)
        rc = ring_write(segs[i].data, segs[i].len, deadline, &sent);
    mutex_unlock(&send_lock);
    /* Nothing sent: the ring is as it was, only this request failed. */
    if (rc == -ETIMEDOUT && sent == 0)
        return rc;
    /* A half-written request would make xenstore misparse everything after it. */
    if (rc && !broken)
        mark_broken();
    return rc ? -EIO : 0;
}

static int take_reply(struct pending *p, uint32_t type, char **body, uint32_t *len)
{
    int rc = 0;

    if (!p->body)
        rc = -ENOMEM;
    else if (p->hdr.type == XS_ERROR)
        rc = xs_error_parse(p->body, p->hdr.len);
    else if (p->hdr.type != type)
        rc = -EPROTO;
    if (rc || !body) {
        free(p->body);
    } else {
        *body = p->body;
        if (len)
            *len = p->hdr.len;
    }
    p->body = NULL;
    return rc;
}

int xenbus_request(uint32_t type, xenbus_transaction_t t, const struct xs_seg *segs, unsigned int n,
                   char **body, uint32_t *len)
{
    /* Computed once: the whole request, queueing included, gets request_timeout. */
    uint64_t deadline = NOW() + request_timeout;
    int plen = xs_payload_len(segs, n);
    struct pending *p = NULL;
    int rc;

    if (plen < 0)
        return plen;
    if (!intf)
        return -ENODEV;
    down(&free_slots);
    for (unsigned int i = 0; i < MAX_INFLIGHT && !p; i++)
        if (!pending[i].busy)
            p = &pending[i];
    ASSERT(p);
    p->busy = true;
    p->done = false;
    p->req_id = next_req_id++;
    rc = send_request(type, p->req_id, t, segs, n, plen, deadline);
    if (!rc) {
        /* A reply after the deadline matches no busy slot's req_id and is dropped. */
        rc = wait_event_deadline(reply_wq, p->done || broken, deadline);
        if (p->done)
            rc = take_reply(p, type, body, len);
        else if (!rc)
            rc = -EIO;
        else
            printk("xenbus: no reply from xenstored to request %u (type %u) in %llu ms\n",
                   p->req_id, type, (unsigned long long)(request_timeout / NSEC_PER_MSEC));
    }
    p->busy = false;
    up(&free_slots);
    return rc;
}

static void drain_events(struct xenbus_watch *w)
{
    struct xenbus_event *ev;

    while ((ev = list_first(&w->events, struct xenbus_event, node))) {
        list_del(&ev->node);
        free(ev);
    }
    w->queued = 0;
}

int xenbus_watch_add(struct xenbus_watch *w, const char *path)
{
    static unsigned long next_token;
    struct xs_seg segs[2];
    int rc;

    if (strlcpy(w->path, path, sizeof(w->path)) >= sizeof(w->path))
        return -ENAMETOOLONG;
    /* Tokens are never reused, so a late event for a removed watch matches nothing. */
    snprintf(w->token, sizeof(w->token), "w%lu", next_token++);
    list_init(&w->events);
    init_waitqueue_head(&w->wq);
    w->queued = w->dropped = 0;
    /* Listed before XS_WATCH is sent: the initial event can arrive right after the reply. */
    list_add_tail(&w->node, &watches);
    segs[0] = (struct xs_seg){w->path, strlen(w->path) + 1};
    segs[1] = (struct xs_seg){w->token, strlen(w->token) + 1};
    rc = xenbus_request(XS_WATCH, XBT_NIL, segs, 2, NULL, NULL);
    if (rc) {
        list_del(&w->node);
        drain_events(w);
    }
    return rc;
}

int xenbus_watch_remove(struct xenbus_watch *w)
{
    struct xs_seg segs[] = {{w->path, strlen(w->path) + 1}, {w->token, strlen(w->token) + 1}};
    int rc = xenbus_request(XS_UNWATCH, XBT_NIL, segs, 2, NULL, NULL);

    /* Still listed until here, so events up to the unwatch reply are queued, then freed. */
    list_del(&w->node);
    drain_events(w);
    return rc;
}

int xenbus_watch_wait(struct xenbus_watch *w, uint64_t deadline, struct xenbus_event **ev)
{
    int rc = 0;

    if (deadline)
        rc = wait_event_deadline(w->wq, broken || !list_empty(&w->events), deadline);
    else
        wait_event(w->wq, broken || !list_empty(&w->events));
    *ev = list_first(&w->events, struct xenbus_event, node);
    if (!*ev)
        return rc ? rc : -EIO;
    list_del(&(*ev)->node);
    w->queued--;
    return 0;
}

uint64_t xenbus_set_timeout(uint64_t timeout_ns)
{
    uint64_t old = request_timeout;

    request_timeout = timeout_ns ? timeout_ns : XENBUS_DEFAULT_TIMEOUT;
    return old;
}

void xenbus_hold_replies(bool hold)
{
    replies_held = hold;
    wake_up(&ring_wq);
}

void init_xenbus(void)
{
    int rc;

    /* A domain built without xenstore: every request fails with -ENODEV. */
    if (!start_info.store_mfn) {
        printk("xenbus: no xenstore ring in start_info\n");
        return;
    }
    intf = mfn_to_virt(start_info.store_mfn);
    store_port = start_info.store_evtchn;
    sema_init(&free_slots, MAX_INFLIGHT);
    mutex_init(&send_lock);
    rc = evtchn_bind(store_port, store_event, NULL);
    if (rc)
        panic("xenbus: binding store event channel %u: %d", store_port, rc);
    if (!create_thread("xenbus", reply_thread, NULL))
        panic("xenbus: cannot create the reply thread");
    printk("xenbus: store ring at mfn %#lx, event channel %u\n",
           (unsigned long)start_info.store_mfn, store_port);
}
