/* SPDX-License-Identifier: BSD-2-Clause */
/* Framebuffer frontend (io/fbif.h): framebuffer pages, page directory, update/resize events. */
#include <kernel.h>
#include <fbfront.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include <xen/io/fbif.h>
#include <xen/io/protocols.h>
#include "pvchan.h"

/* How long an event may wait for room in the out ring before the backend counts as stuck. */
#define FB_RING_TIMEOUT   SECONDS(5)
#define FB_DEFAULT_WIDTH  800
#define FB_DEFAULT_HEIGHT 600
/* mfns one directory page lists, and directory pages FBFRONT_MAX_MEM needs. */
#define FB_MFNS_PER_PD (PAGE_SIZE / sizeof(unsigned long))
#define FB_MAX_PD      (FBFRONT_MAX_MEM / PAGE_SIZE / FB_MFNS_PER_PD)

/* pd[] is declared with 256 entries, but the rings start at 1024: only the first may be used. */
BUILD_BUG_ON(offsetof(struct xenfb_page, pd) + FB_MAX_PD * sizeof(unsigned long) >
             XENFB_IN_RING_OFFS);

struct fbfront_dev {
    struct pvchan chan;
    struct fbfront_mode mode;
    struct fbfront_stats stats;
    bool feature_resize;
    void *fb; /* alloc_pages(fb_order) */
    unsigned int fb_order;
    size_t mem_length;   /* bytes of fb the backend maps */
    void *pd[FB_MAX_PD]; /* directory pages */
    unsigned int nr_pd;
};

static struct xenfb_page *shared(struct fbfront_dev *dev)
{
    return dev->chan.page;
}

/* Backend -> us: only refresh-period hints. Runs as an event handler: no sleeping. */
static void fb_event(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    struct fbfront_dev *dev = data;
    volatile struct xenfb_page *p = dev->chan.page;
    uint32_t cons = p->in_cons, prod = p->in_prod;

    rmb();
    if (prod - cons > XENFB_IN_RING_LEN) {
        /* A bogus producer: skip to it rather than read stale slots over and over. */
        dev->stats.bad_events++;
        cons = prod;
    }
    for (; cons != prod; cons++) {
        /* Read once (a volatile copy): the backend may change the slot while we look. */
        union xenfb_in_event ev = *(volatile union xenfb_in_event *)&XENFB_IN_RING_REF(p, cons);

        if (ev.type == XENFB_TYPE_REFRESH_PERIOD)
            dev->stats.refresh_ms = ev.refresh_period.period;
        else
            dev->stats.bad_events++;
    }
    mb();
    p->in_cons = cons;
    wake_up(&dev->chan.wq);
}

static bool out_room(struct fbfront_dev *dev, uint32_t prod)
{
    volatile struct xenfb_page *p = dev->chan.page;

    return !dev->chan.connected || prod - p->out_cons < XENFB_OUT_RING_LEN;
}

/* Queue one event for the backend, waiting (bounded) for room. 0 or -errno. */
static int fb_send(struct fbfront_dev *dev, const union xenfb_out_event *ev)
{
    volatile struct xenfb_page *p = dev->chan.page;
    uint32_t prod;
    int rc;

    if (!dev->chan.connected)
        return -ENOTCONN;
    prod = p->out_prod;
    if (!out_room(dev, prod)) {
        /* Computed once, so the wait is bounded whatever wait_event_deadline re-reads. */
        uint64_t deadline = NOW() + FB_RING_TIMEOUT;

        dev->stats.ring_waits++;
        rc = wait_event_deadline(dev->chan.wq, out_room(dev, prod), deadline);
        if (rc)
            return rc;
        if (!dev->chan.connected)
            return -ENOTCONN;
    }
    mb(); /* the backend is done with the slot before we overwrite it */
    XENFB_OUT_RING_REF(dev->chan.page, prod) = *ev;
    wmb(); /* the event before the index that publishes it */
    p->out_prod = prod + 1;
    evtchn_send(dev->chan.port);
    return 0;
}

static bool valid_depth(unsigned int depth)
{
    return depth == 8 || depth == 16 || depth == 24 || depth == 32;
}

/* The mode asked for, filled from the backend's keys and defaults; -EINVAL if unusable. */
static int choose_mode(struct fbfront_dev *dev, unsigned int w, unsigned int h, unsigned int d)
{
    unsigned long long v;
    const char *be = dev->chan.xb.backend;

    if (!w && xenbus_read_unsigned(XBT_NIL, be, "width", &v) == 0 && v && v <= 8192)
        w = (unsigned int)v;
    if (!h && xenbus_read_unsigned(XBT_NIL, be, "height", &v) == 0 && v && v <= 8192)
        h = (unsigned int)v;
    dev->mode.width = w ? w : FB_DEFAULT_WIDTH;
    dev->mode.height = h ? h : FB_DEFAULT_HEIGHT;
    dev->mode.depth = d ? d : 32;
    if (!valid_depth(dev->mode.depth) || dev->mode.width > 8192 || dev->mode.height > 8192)
        return -EINVAL;
    dev->mode.line_length = dev->mode.width * (dev->mode.depth / 8);
    dev->feature_resize = xenbus_read_unsigned(XBT_NIL, be, "feature-resize", &v) == 0 && v;
    return 0;
}

/* Framebuffer and directory pages for mem bytes (already checked <= FBFRONT_MAX_MEM). */
static int alloc_fb(struct fbfront_dev *dev, size_t mem)
{
    size_t pages = (mem + PAGE_SIZE - 1) / PAGE_SIZE;

    dev->fb_order = bytes_to_order(pages * PAGE_SIZE);
    dev->fb = alloc_pages(dev->fb_order);
    if (!dev->fb)
        return -ENOMEM;
    memset(dev->fb, 0, PAGE_SIZE << dev->fb_order);
    dev->mem_length = pages * PAGE_SIZE;
    dev->nr_pd = (pages + FB_MFNS_PER_PD - 1) / FB_MFNS_PER_PD;
    for (unsigned int i = 0; i < dev->nr_pd; i++) {
        unsigned long *pd = alloc_page();

        if (!pd)
            return -ENOMEM;
        memset(pd, 0, PAGE_SIZE);
        dev->pd[i] = pd;
        for (size_t j = 0; j < FB_MFNS_PER_PD && i * FB_MFNS_PER_PD + j < pages; j++)
            pd[j] = pvchan_mfn((char *)dev->fb + (i * FB_MFNS_PER_PD + j) * PAGE_SIZE);
    }
    dev->mode.pixels = dev->fb;
    return 0;
}

/* Give back what alloc_fb took; keep is for pages a backend may still map. */
static void free_fb(struct fbfront_dev *dev, bool keep)
{
    for (unsigned int i = 0; i < dev->nr_pd; i++)
        if (dev->pd[i] && !keep)
            free_page(dev->pd[i]);
    if (dev->fb && !keep)
        free_pages(dev->fb, dev->fb_order);
}

static void fill_shared(struct fbfront_dev *dev)
{
    struct xenfb_page *p = shared(dev);

    p->width = (int32_t)dev->mode.width;
    p->height = (int32_t)dev->mode.height;
    p->depth = (uint8_t)dev->mode.depth;
    p->line_length = dev->mode.line_length;
    p->mem_length = (uint32_t)dev->mem_length;
    for (unsigned int i = 0; i < dev->nr_pd; i++)
        p->pd[i] = pvchan_mfn(dev->pd[i]);
}

static int fb_connect(struct fbfront_dev *dev, size_t mem_bytes, uint64_t timeout_ns)
{
    size_t need = (size_t)dev->mode.line_length * dev->mode.height;
    size_t mem = MAX(mem_bytes, need);
    int rc;

    if (mem > FBFRONT_MAX_MEM)
        return -E2BIG;
    rc = alloc_fb(dev, mem);
    if (rc)
        return rc;
    fill_shared(dev);
    {
        /* feature-update: we send update events, so the backend need not poll all of it. */
        struct xenbus_key keys[] = {
            {"page-ref", NULL, pvchan_mfn(dev->chan.page)},
            {"protocol", XEN_IO_PROTO_ABI_NATIVE, 0},
            {"feature-update", NULL, 1},
        };

        return pvchan_connect(&dev->chan, keys, ARRAY_SIZE(keys), timeout_ns);
    }
}

int fbfront_open(unsigned int id, unsigned int width, unsigned int height, unsigned int depth,
                 size_t mem_bytes, uint64_t timeout_ns, struct fbfront_dev **devp)
{
    struct fbfront_dev *dev = calloc(1, sizeof(*dev));
    int rc;

    if (!dev)
        return -ENOMEM;
    rc = pvchan_start(&dev->chan, "vfb", id, timeout_ns, fb_event, dev);
    if (rc) {
        free(dev);
        return rc;
    }
    rc = choose_mode(dev, width, height, depth);
    if (!rc)
        rc = fb_connect(dev, mem_bytes, timeout_ns);
    if (rc) {
        bool keep = pvchan_disconnect(&dev->chan) != 0;

        pvchan_release(&dev->chan, keep);
        free_fb(dev, keep);
        free(dev);
        return rc;
    }
    *devp = dev;
    return 0;
}

int fbfront_close(struct fbfront_dev *dev)
{
    int rc = pvchan_disconnect(&dev->chan);

    /* A backend that did not reach Closed may still map our pages: keep them then. */
    pvchan_release(&dev->chan, rc != 0);
    free_fb(dev, rc != 0);
    free(dev);
    return rc;
}

void fbfront_get_mode(const struct fbfront_dev *dev, struct fbfront_mode *mode)
{
    *mode = dev->mode;
}

void fbfront_get_stats(const struct fbfront_dev *dev, struct fbfront_stats *stats)
{
    *stats = dev->stats;
}

bool fbfront_can_resize(const struct fbfront_dev *dev)
{
    return dev->feature_resize;
}

int fbfront_update(struct fbfront_dev *dev, int x, int y, int width, int height)
{
    union xenfb_out_event ev;
    int x1 = MIN(x + width, (int)dev->mode.width), y1 = MIN(y + height, (int)dev->mode.height);
    int rc;

    x = MAX(x, 0);
    y = MAX(y, 0);
    if (x1 <= x || y1 <= y)
        return 0;
    memset(&ev, 0, sizeof(ev));
    ev.update.type = XENFB_TYPE_UPDATE;
    ev.update.x = x;
    ev.update.y = y;
    ev.update.width = x1 - x;
    ev.update.height = y1 - y;
    rc = fb_send(dev, &ev);
    if (!rc)
        dev->stats.updates++;
    return rc;
}

int fbfront_resize(struct fbfront_dev *dev, unsigned int width, unsigned int height,
                   unsigned int depth)
{
    union xenfb_out_event ev;
    unsigned int line = width * (depth / 8);
    int rc;

    if (!dev->feature_resize)
        return -EOPNOTSUPP;
    if (!valid_depth(depth) || !width || !height || width > 8192 || height > 8192)
        return -EINVAL;
    if ((size_t)line * height > dev->mem_length)
        return -E2BIG;
    memset(&ev, 0, sizeof(ev));
    ev.resize.type = XENFB_TYPE_RESIZE;
    ev.resize.width = (int32_t)width;
    ev.resize.height = (int32_t)height;
    ev.resize.stride = (int32_t)line;
    ev.resize.depth = (int32_t)depth;
    ev.resize.offset = 0;
    rc = fb_send(dev, &ev);
    if (rc)
        return rc;
    dev->mode.width = width;
    dev->mode.height = height;
    dev->mode.depth = depth;
    dev->mode.line_length = line;
    dev->stats.resizes++;
    return 0;
}

void fbfront_fill_rect(struct fbfront_dev *dev, int x, int y, int width, int height, uint32_t rgb)
{
    const struct fbfront_mode *m = &dev->mode;
    int x1 = MIN(x + width, (int)m->width), y1 = MIN(y + height, (int)m->height);

    if (m->depth != 32)
        return;
    x = MAX(x, 0);
    y = MAX(y, 0);
    for (int row = y; row < y1; row++) {
        uint32_t *px = (uint32_t *)((char *)m->pixels + (size_t)row * m->line_length);

        for (int col = x; col < x1; col++)
            px[col] = rgb;
    }
}
