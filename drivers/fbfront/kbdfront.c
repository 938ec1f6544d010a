/* SPDX-License-Identifier: BSD-2-Clause */
/* Keyboard and pointer frontend (io/kbdif.h): key, motion and position events from the ring. */
#include <kernel.h>
#include <gnttab.h>
#include <kbdfront.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include <xen/io/kbdif.h>
#include "pvchan.h"

BUILD_BUG_ON(sizeof(struct xenkbd_page) > XENKBD_IN_RING_OFFS);

struct kbdfront_dev {
    struct pvchan chan;
    struct kbdfront_stats stats;
    bool abs_pointer;
    int gref; /* page-gref for backends that map by grant; -1 if none */
};

/* Backend -> us: just wake the reader, which copies the events out in thread context. */
static void kbd_event(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    struct kbdfront_dev *dev = data;

    wake_up(&dev->chan.wq);
}

static bool kbd_pending(struct kbdfront_dev *dev)
{
    volatile struct xenkbd_page *p = dev->chan.page;

    return !dev->chan.connected || p->in_cons != p->in_prod;
}

/* One ring slot to ours: true if it is an event we deliver (else counted as bad). */
static bool translate(struct kbdfront_dev *dev, const union xenkbd_in_event *in,
                      struct kbdfront_event *out)
{
    switch (in->type) {
    case XENKBD_TYPE_KEY:
        out->type = KBDFRONT_KEY;
        out->key.code = in->key.keycode;
        out->key.pressed = in->key.pressed != 0;
        return true;
    case XENKBD_TYPE_MOTION:
        out->type = KBDFRONT_MOTION;
        out->motion.x = in->motion.rel_x;
        out->motion.y = in->motion.rel_y;
        out->motion.z = in->motion.rel_z;
        return true;
    case XENKBD_TYPE_POS:
        out->type = KBDFRONT_POSITION;
        out->motion.x = in->pos.abs_x;
        out->motion.y = in->pos.abs_y;
        out->motion.z = in->pos.rel_z;
        return true;
    default:
        dev->stats.bad_events++;
        return false;
    }
}

/* Copy out up to max events; the count. */
static unsigned int take(struct kbdfront_dev *dev, struct kbdfront_event *ev, unsigned int max)
{
    volatile struct xenkbd_page *p = dev->chan.page;
    uint32_t cons = p->in_cons, prod = p->in_prod;
    unsigned int n = 0;

    rmb(); /* the slots after the index that published them */
    if (prod - cons > XENKBD_IN_RING_LEN) {
        /* The backend overran us or is confused: those slots are gone, resynchronise. */
        dev->stats.overruns++;
        cons = prod;
    }
    for (; cons != prod && n < max; cons++) {
        /* Read once (a volatile copy): the backend may change the slot while we look. */
        union xenkbd_in_event in =
            *(volatile union xenkbd_in_event *)&XENKBD_IN_RING_REF(dev->chan.page, cons);

        if (translate(dev, &in, &ev[n]))
            n++;
    }
    mb(); /* done reading the slots before the backend may reuse them */
    p->in_cons = cons;
    if (n)
        evtchn_send(dev->chan.port);
    dev->stats.events += n;
    return n;
}

int kbdfront_read(struct kbdfront_dev *dev, struct kbdfront_event *ev, unsigned int max,
                  uint64_t deadline)
{
    for (;;) {
        unsigned int n;
        int rc;

        if (!dev->chan.connected)
            return -ENOTCONN;
        n = take(dev, ev, max);
        if (n)
            return (int)n;
        if (!deadline) {
            wait_event(dev->chan.wq, kbd_pending(dev));
            continue;
        }
        rc = wait_event_deadline(dev->chan.wq, kbd_pending(dev), deadline);
        if (rc)
            return rc;
    }
}

static int kbd_connect(struct kbdfront_dev *dev, bool abs_pointer, uint64_t timeout_ns)
{
    const char *be = dev->chan.xb.backend;
    unsigned long mfn = pvchan_mfn(dev->chan.page);
    unsigned long long v;
    struct xenbus_key keys[3];
    unsigned int n = 0;

    dev->abs_pointer = abs_pointer &&
                       xenbus_read_unsigned(XBT_NIL, be, XENKBD_FIELD_FEAT_ABS_POINTER, &v) == 0 &&
                       v;
    /* page-ref (an mfn) is what QEMU maps; page-gref is the newer, grant-based name. */
    keys[n++] = (struct xenbus_key){XENKBD_FIELD_RING_REF, NULL, mfn};
    dev->gref = gnttab_grant_access(dev->chan.xb.backend_id, mfn, false);
    if (dev->gref >= 0)
        keys[n++] = (struct xenbus_key){XENKBD_FIELD_RING_GREF, NULL, (unsigned long)dev->gref};
    keys[n++] = (struct xenbus_key){XENKBD_FIELD_REQ_ABS_POINTER, NULL, dev->abs_pointer};
    return pvchan_connect(&dev->chan, keys, n, timeout_ns);
}

/* Disconnect, revoke page-gref, free the page if nothing may map it any more. 0 or -errno. */
static int kbd_disconnect(struct kbdfront_dev *dev)
{
    int rc = pvchan_disconnect(&dev->chan);

    if (dev->gref >= 0 && gnttab_end_access((grant_ref_t)dev->gref) != 0 && !rc)
        rc = -EBUSY;
    pvchan_release(&dev->chan, rc != 0);
    return rc;
}

int kbdfront_open(unsigned int id, bool abs_pointer, uint64_t timeout_ns,
                  struct kbdfront_dev **devp)
{
    struct kbdfront_dev *dev = calloc(1, sizeof(*dev));
    int rc;

    if (!dev)
        return -ENOMEM;
    dev->gref = -1;
    rc = pvchan_start(&dev->chan, "vkbd", id, timeout_ns, kbd_event, dev);
    if (rc) {
        free(dev);
        return rc;
    }
    rc = kbd_connect(dev, abs_pointer, timeout_ns);
    if (rc) {
        kbd_disconnect(dev);
        free(dev);
        return rc;
    }
    *devp = dev;
    return 0;
}

int kbdfront_close(struct kbdfront_dev *dev)
{
    int rc = kbd_disconnect(dev);

    free(dev);
    return rc;
}

bool kbdfront_abs_pointer(const struct kbdfront_dev *dev)
{
    return dev->abs_pointer;
}

void kbdfront_get_stats(const struct kbdfront_dev *dev, struct kbdfront_stats *stats)
{
    *stats = dev->stats;
}
