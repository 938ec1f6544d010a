/* SPDX-License-Identifier: BSD-2-Clause */
/* blkfront connection: backend parameters, shared ring, handshake, completion thread, close. */
#include <kernel.h>
#include <fmt.h>
#include <gnttab.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include <xen/io/protocols.h>
#include "blkfront_priv.h"

static void blkfront_event(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    struct blkfront_dev *dev = data;

    wake_up(&dev->be_watch.wq);
}

/* A backend key as an unsigned number, def when missing: 0 or -errno. */
static int backend_uint(struct blkfront_dev *dev, const char *node, unsigned long long def,
                        unsigned long long *v)
{
    int rc = xenbus_read_unsigned(XBT_NIL, dev->xb.backend, node, v);

    if (rc == -ENOENT) {
        *v = def;
        return 0;
    }
    return rc;
}

/* The disk's size, mode and features, published by the backend when it connects. */
static int read_disk_params(struct blkfront_dev *dev)
{
    struct blkfront_info *in = &dev->info;
    unsigned long long sectors, ssize, info, flush, barrier, indirect;
    char mode[4] = "";
    int rc = xenbus_read_unsigned(XBT_NIL, dev->xb.backend, "sectors", &sectors);

    if (!rc)
        rc = backend_uint(dev, "sector-size", 512, &ssize);
    if (!rc)
        rc = backend_uint(dev, "info", 0, &info);
    if (!rc)
        rc = backend_uint(dev, "feature-flush-cache", 0, &flush);
    if (!rc)
        rc = backend_uint(dev, "feature-barrier", 0, &barrier);
    if (!rc)
        rc = backend_uint(dev, "feature-max-indirect-segments", 0, &indirect);
    if (rc)
        return rc;
    /* "mode" is the toolstack's; a missing one leaves the VDISK_READONLY bit to decide. */
    snprintf(mode, sizeof(mode), "%s", "w");
    {
        char path[XENBUS_PATH_MAX + 8];

        snprintf(path, sizeof(path), "%s/mode", dev->xb.backend);
        xenbus_read_buf(XBT_NIL, path, mode, sizeof(mode));
    }
    if (ssize < 512 || ssize > 65536 || (ssize & (ssize - 1)))
        return -EPROTO;
    in->sectors = sectors;
    in->sector_size = (unsigned int)ssize;
    in->vdisk_info = (unsigned int)info;
    in->readonly = mode[0] == 'r' || (info & VDISK_READONLY);
    in->flush = flush != 0;
    in->barrier = barrier != 0;
    in->indirect = indirect > BLKIF_MAX_SEGMENTS_PER_REQUEST;
    in->max_segments = BLKIF_MAX_SEGMENTS_PER_REQUEST;
    if (in->indirect)
        in->max_segments =
            indirect < BLKFRONT_MAX_SEGS ? (unsigned int)indirect : BLKFRONT_MAX_SEGS;
    /* A page-aligned buffer of this size never needs more than max_segments pages. */
    in->max_request_bytes = (size_t)in->max_segments * PAGE_SIZE;
    return 0;
}

/* Shared ring of 2^order pages (the backend's max-ring-page-order, capped), each granted. */
static int setup_ring(struct blkfront_dev *dev)
{
    unsigned long long max_order;
    blkif_sring_t *sring;
    int rc = backend_uint(dev, "max-ring-page-order", 0, &max_order);

    if (rc)
        return rc;
    dev->ring_order =
        max_order < BLKFRONT_MAX_RING_ORDER ? (unsigned int)max_order : BLKFRONT_MAX_RING_ORDER;
    sring = alloc_pages(dev->ring_order);
    if (!sring)
        return -ENOMEM;
    memset(sring, 0, PAGE_SIZE << dev->ring_order);
    SHARED_RING_INIT(sring);
    FRONT_RING_INIT(&dev->ring, sring, PAGE_SIZE << dev->ring_order);
    dev->sring = sring;
    dev->info.ring_pages = 1u << dev->ring_order;
    dev->info.ring_slots = RING_SIZE(&dev->ring);
    for (unsigned int i = 0; i < dev->info.ring_pages; i++) {
        rc = gnttab_grant_access(dev->xb.backend_id, virt_to_mfn((char *)sring + i * PAGE_SIZE),
                                 false);
        if (rc < 0) {
            while (i--)
                gnttab_end_access(dev->ring_refs[i]);
            dev->info.ring_pages = 0;
            return rc;
        }
        dev->ring_refs[i] = (grant_ref_t)rc;
    }
    return evtchn_alloc_unbound(dev->xb.backend_id, blkfront_event, dev, &dev->port);
}

/* Give back the ring (if the backend released it) and the event channel. */
static void free_ring(struct blkfront_dev *dev)
{
    bool released = true;

    if (dev->port)
        evtchn_close(dev->port);
    dev->port = 0;
    for (unsigned int i = 0; i < dev->info.ring_pages; i++)
        released &= blkfront_end_grant(dev, dev->ring_refs[i]);
    dev->info.ring_pages = 0;
    if (dev->sring && released)
        free_pages(dev->sring, dev->ring_order);
    dev->sring = NULL;
}

/* Publish the ring and event channel (multi-page: ring-page-order and ring-refN). */
static int connect(struct blkfront_dev *dev)
{
    struct xenbus_key keys[3 + BLKFRONT_MAX_RING_PAGES];
    char names[BLKFRONT_MAX_RING_PAGES][16];
    unsigned int n = 0;

    keys[n++] = (struct xenbus_key){"event-channel", NULL, dev->port};
    keys[n++] = (struct xenbus_key){"protocol", XEN_IO_PROTO_ABI_NATIVE, 0};
    if (dev->ring_order == 0) {
        keys[n++] = (struct xenbus_key){"ring-ref", NULL, dev->ring_refs[0]};
    } else {
        keys[n++] = (struct xenbus_key){"ring-page-order", NULL, dev->ring_order};
        for (unsigned int i = 0; i < dev->info.ring_pages; i++) {
            snprintf(names[i], sizeof(names[i]), "ring-ref%u", i);
            keys[n++] = (struct xenbus_key){names[i], NULL, dev->ring_refs[i]};
        }
    }
    return xenbus_frontend_connect(&dev->xb, keys, n, dev->timeout);
}

/*
 * Disconnect: close the handshake (the backend finishes or drops what it holds and unmaps),
 * then collect late responses and fail the rest with err. Runs in the completion thread.
 */
static void teardown(struct blkfront_dev *dev, int err)
{
    int rc;

    dev->state = BLKFRONT_GONE;
    wake_up(&dev->slot_wq);
    rc = xenbus_frontend_close(&dev->xb, dev->timeout);
    if (rc)
        printk("blkfront %u: close handshake: %s\n", dev->info.vdev, strerror_name(rc));
    dev->close_rc = rc;
    dev->grant_deadline = NOW() + BLKFRONT_GRANT_TIMEOUT;
    if (blkfront_process_responses(dev) == 0 && dev->inflight)
        printk("blkfront %u: failing %u requests in flight (%s)\n", dev->info.vdev, dev->inflight,
               strerror_name(err));
    blkfront_fail_all(dev, err);
    free_ring(dev);
}

static bool has_work(struct blkfront_dev *dev)
{
    return dev->close_req || dev->abort_req || !list_empty(&dev->be_watch.events) ||
           dev->ring.sring->rsp_prod != dev->ring.rsp_cons;
}

/* Completion thread: responses and callbacks, backend state, close requests. */
static void blkfront_thread(void *arg)
{
    struct blkfront_dev *dev = arg;

    for (;;) {
        if (dev->close_req && dev->inflight)
            wait_event_deadline(dev->be_watch.wq, has_work(dev), dev->close_deadline);
        else
            wait_event(dev->be_watch.wq, has_work(dev));
        if (blkfront_process_responses(dev)) {
            printk("blkfront %u: impossible ring indexes, disconnecting\n", dev->info.vdev);
            teardown(dev, -EIO);
            break;
        }
        if (!list_empty(&dev->be_watch.events) && xenbus_backend_gone(&dev->xb, &dev->be_watch)) {
            printk("blkfront %u: backend went away, %u requests in flight\n", dev->info.vdev,
                   dev->inflight);
            teardown(dev, -ENODEV);
            break;
        }
        if (dev->abort_req) {
            teardown(dev, -ETIMEDOUT);
            break;
        }
        if (dev->close_req && (!dev->inflight || NOW() >= dev->close_deadline)) {
            teardown(dev, -EIO);
            break;
        }
    }
}

/*
 * Ask the completion thread to disconnect and wait until it has exited. Idempotent, and
 * safe when two threads call it at once (a shutdown hook and the disk's owner): only the
 * first joins, the other waits for it, so nobody frees the device under a running thread.
 */
static void stop_thread(struct blkfront_dev *dev)
{
    struct thread *t = dev->thread;

    if (t && !dev->stopping) {
        dev->stopping = true;
        dev->close_req = true;
        dev->close_deadline = NOW() + dev->timeout;
        wake_up(&dev->be_watch.wq);
        join_thread(t);
        dev->thread = NULL;
        wake_up(&dev->stop_wq);
    }
    wait_event(dev->stop_wq, dev->thread == NULL);
}

void blkfront_abort(struct blkfront_dev *dev)
{
    dev->abort_req = true;
    wake_up(&dev->be_watch.wq);
}

static void shutdown_close(unsigned int reason, void *arg)
{
    stop_thread(arg);
}

/* Fill nodename and vdev from "device/vbd/N": 0 or -EINVAL. */
static int parse_nodename(struct blkfront_dev *dev, const char *nodename)
{
    const char *slash = strrchr(nodename, '/');
    unsigned long long vdev;

    if (!slash || str_to_ull(slash + 1, 10, &vdev) || vdev > 0xffffffffull)
        return -EINVAL;
    if (strlcpy(dev->info.nodename, nodename, sizeof(dev->info.nodename)) >=
        sizeof(dev->info.nodename))
        return -ENAMETOOLONG;
    dev->info.vdev = (unsigned int)vdev;
    return 0;
}

/* Handshake, parameters, slots, backend watch, completion thread: 0 or -errno. */
static int bring_up(struct blkfront_dev *dev, uint64_t timeout_ns)
{
    char name[24];
    char path[XENBUS_PATH_MAX + 8];
    int rc = xenbus_frontend_start(&dev->xb, dev->info.nodename, timeout_ns);

    if (!rc)
        rc = setup_ring(dev);
    if (!rc)
        rc = connect(dev);
    if (!rc)
        rc = read_disk_params(dev);
    if (!rc)
        rc = blkfront_slots_init(dev);
    if (rc)
        return rc;
    snprintf(path, sizeof(path), "%s/state", dev->xb.backend);
    rc = xenbus_watch_add(&dev->be_watch, path);
    if (rc)
        return rc;
    dev->watching = true;
    snprintf(name, sizeof(name), "blkfront-%u", dev->info.vdev);
    dev->thread = create_thread(name, blkfront_thread, dev);
    return dev->thread ? 0 : -ENOMEM;
}

/* Undo whatever bring_up did, in reverse. */
static void destroy(struct blkfront_dev *dev)
{
    stop_thread(dev);
    if (dev->state == BLKFRONT_CONNECTED && dev->sring) {
        /* bring_up failed half-way: close our side before taking the ring back. */
        dev->state = BLKFRONT_GONE;
        xenbus_frontend_close(&dev->xb, dev->timeout);
        dev->grant_deadline = NOW() + BLKFRONT_GRANT_TIMEOUT;
        free_ring(dev);
    }
    if (dev->watching)
        xenbus_watch_remove(&dev->be_watch);
    blkfront_slots_free(dev);
    free(dev);
}

int blkfront_open(const char *nodename, uint64_t timeout_ns, struct blkfront_dev **devp)
{
    struct blkfront_dev *dev = calloc(1, sizeof(*dev));
    int rc;

    if (!dev)
        return -ENOMEM;
    init_waitqueue_head(&dev->slot_wq);
    init_waitqueue_head(&dev->stop_wq);
    /* The event handler wakes be_watch.wq: valid before the watch is registered. */
    init_waitqueue_head(&dev->be_watch.wq);
    list_init(&dev->be_watch.events);
    dev->state = BLKFRONT_CONNECTED;
    dev->timeout = timeout_ns ? timeout_ns : BLKFRONT_TIMEOUT;
    rc = parse_nodename(dev, nodename);
    if (!rc)
        rc = bring_up(dev, dev->timeout);
    if (rc) {
        destroy(dev);
        return rc;
    }
    dev->hook = (struct shutdown_hook){.fn = shutdown_close, .arg = dev};
    shutdown_hook_register(&dev->hook);
    *devp = dev;
    return 0;
}

int blkfront_close(struct blkfront_dev *dev)
{
    int rc;

    shutdown_hook_unregister(&dev->hook);
    stop_thread(dev);
    rc = dev->close_rc;
    destroy(dev);
    return rc;
}

void blkfront_set_timeout(struct blkfront_dev *dev, uint64_t timeout_ns)
{
    dev->timeout = timeout_ns ? timeout_ns : BLKFRONT_TIMEOUT;
}

const struct blkfront_info *blkfront_info(const struct blkfront_dev *dev)
{
    return &dev->info;
}

void blkfront_get_stats(const struct blkfront_dev *dev, struct blkfront_stats *stats)
{
    *stats = dev->stats;
}

bool blkfront_connected(const struct blkfront_dev *dev)
{
    return dev->state == BLKFRONT_CONNECTED;
}
