/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Backends and a xenstored that never answer (tests/boot/timeouts.cfg and
 * xenstore-timeout.cfg): the dom0 script writes fake device nodes whose backend nobody
 * serves (vbd 9001 and vif 9002 stay in InitWait; vbd 9003 and vif 9004 go Connected but
 * never answer a request); xenstore's replies are held on the ring. Every blocking call must come back with -ETIMEDOUT, nothing
 * may leak, and the kernel must keep running meanwhile.
 */
#include <kernel.h>
#include <blkfront.h>
#include <fmt.h>
#include <gnttab.h>
#include <mm.h>
#include <netfront.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>
#include "test.h"

#define FAKE_TIMEOUT SECONDS(2)

static unsigned long ticks;
static bool ticking;

/* Proof of life: counts while the tested thread is blocked. */
static void ticker(void *arg)
{
    while (ticking) {
        ticks++;
        msleep(100);
    }
}

/* Wait (up to 60 s) for the dom0 script to have written node. */
static bool wait_node(const char *node)
{
    uint64_t deadline = NOW() + SECONDS(60);
    char buf[16];

    while (xenbus_read_buf(XBT_NIL, node, buf, sizeof(buf)) < 0)
        if (NOW() >= deadline)
            return false;
        else
            msleep(200);
    return true;
}

struct baseline {
    unsigned long pages, ticks;
    unsigned int refs;
    uint64_t start;
};

static void begin(struct baseline *b)
{
    b->pages = free_page_count();
    b->refs = gnttab_free_refs();
    b->ticks = ticks;
    b->start = NOW();
}

/* The call took between want and want + slack, the kernel ran meanwhile, nothing leaked. */
static void finish(const char *name, int rc, int want_rc, const struct baseline *b, uint64_t max_ns)
{
    uint64_t took = NOW() - b->start;

    test_check(name,
               rc == want_rc && took <= max_ns && ticks > b->ticks + 3 &&
                   free_page_count() == b->pages && gnttab_free_refs() == b->refs,
               "rc %s after %llu ms (limit %llu), %lu ticks meanwhile, pages %lu -> %lu, free "
               "refs %u -> %u",
               strerror_name(rc), (unsigned long long)(took / NSEC_PER_MSEC),
               (unsigned long long)(max_ns / NSEC_PER_MSEC), ticks - b->ticks, b->pages,
               free_page_count(), b->refs, gnttab_free_refs());
}

static void blkfront_never_connects(void)
{
    struct blkfront_dev *dev;
    struct baseline b;
    int rc;

    begin(&b);
    rc = blkfront_open("device/vbd/9001", FAKE_TIMEOUT, &dev);
    if (rc == 0)
        blkfront_close(dev);
    /* The connect wait, then the close handshake's: each bounded by the timeout. */
    finish("blkfront_open_timeout", rc, -ETIMEDOUT, &b, 2 * FAKE_TIMEOUT + SECONDS(15));
}

static void netfront_never_connects(void)
{
    struct netfront *nf;
    struct baseline b;
    int rc;

    begin(&b);
    rc = netfront_open("device/vif/9002", NULL, NULL, FAKE_TIMEOUT, &nf);
    if (rc == 0)
        netfront_close(nf);
    /* The connect wait, then the close handshake's. */
    finish("netfront_open_timeout", rc, -ETIMEDOUT, &b, 2 * FAKE_TIMEOUT + SECONDS(15));
}

/* A vif that connects but never answers a frame: xmit_sync gives up, close still works. */
static void netfront_never_answers(void)
{
    static const uint8_t frame[60] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    struct netfront *nf = NULL;
    struct baseline b;
    int rc, orc, crc = -1;

    /* Its backend says Connected from the start; the open's timeout bounds xmit_sync. */
    begin(&b);
    orc = netfront_open("device/vif/9004", NULL, NULL, FAKE_TIMEOUT, &nf);
    if (!test_check("netfront_fake_connected", orc == 0, "open rc %d", orc))
        return;
    rc = netfront_xmit_sync(nf, frame, sizeof(frame));
    crc = netfront_close(nf);
    printk("timeouts: vif 9004 xmit_sync %s, close %s\n", strerror_name(rc), strerror_name(crc));
    /* The open, the frame's wait, then the close handshake's. */
    finish("netfront_xmit_timeout", rc, -ETIMEDOUT, &b, 2 * FAKE_TIMEOUT + SECONDS(30));
}

/* Connected, then silent: the read gives up, the disk disconnects, close works. */
static void blkfront_never_answers(void)
{
    struct blkfront_dev *dev = NULL;
    struct baseline b;
    uint8_t *buf;
    int rc, orc;

    begin(&b);
    buf = memalign(PAGE_SIZE, PAGE_SIZE);
    /* dom0 turns the backend Connected once it sees our ring: give it time. */
    printk("timeouts: opening device/vbd/9003 (dom0 connects it)\n");
    orc = blkfront_open("device/vbd/9003", SECONDS(15), &dev);
    if (!test_check("blkfront_fake_connected", orc == 0, "open rc %d", orc)) {
        free(buf);
        return;
    }
    blkfront_set_timeout(dev, FAKE_TIMEOUT);
    b.start = NOW();
    rc = blkfront_read(dev, 0, buf, PAGE_SIZE);
    test_check("blkfront_disconnected", !blkfront_connected(dev), "connected %d",
               blkfront_connected(dev));
    blkfront_close(dev);
    free(buf);
    /* The I/O wait, then the close handshake's. */
    finish("blkfront_io_timeout", rc, -ETIMEDOUT, &b, 2 * FAKE_TIMEOUT + SECONDS(15));
}

/*
 * xenstored that never answers, as the guest sees it: replies held on the ring. A read
 * must fail with -ETIMEDOUT (the kernel running meanwhile), and once replies flow again
 * the late one is dropped and xenbus works as before.
 */
static void xenstored_silent(void)
{
    uint64_t old = xenbus_set_timeout(FAKE_TIMEOUT);
    char buf[16];
    struct baseline b;
    int rc, after, wrc = xenbus_write(XBT_NIL, "data/xenstore-timeout", "42");

    xenbus_hold_replies(true);
    begin(&b);
    rc = xenbus_read_buf(XBT_NIL, "data/xenstore-timeout", buf, sizeof(buf));
    xenbus_hold_replies(false);
    finish("xenbus_timeout", rc, -ETIMEDOUT, &b, FAKE_TIMEOUT + SECONDS(5));
    after = xenbus_read_buf(XBT_NIL, "data/xenstore-timeout", buf, sizeof(buf));
    xenbus_set_timeout(old);
    test_check("xenbus_after_timeout", wrc == 0 && after == 2 && strcmp(buf, "42") == 0,
               "write %s, read after %d '%s'", strerror_name(wrc), after, after == 2 ? buf : "");
}

void suite_timeouts(void)
{
    struct thread *t;

    ticking = true;
    t = create_thread("ticker", ticker, NULL);
    if (!test_check("fake_nodes",
                    t && wait_node("device/vbd/9001/backend-id") &&
                        wait_node("device/vif/9002/backend-id") &&
                        wait_node("device/vbd/9003/backend-id") &&
                        wait_node("device/vif/9004/backend-id"),
                    "the dom0 script's fake devices"))
        return;
    blkfront_never_connects();
    netfront_never_connects();
    blkfront_never_answers();
    netfront_never_answers();
    ticking = false;
    join_thread(t);
}

void suite_xenstore_timeout(void)
{
    struct thread *t;

    ticking = true;
    t = create_thread("ticker", ticker, NULL);
    if (t)
        xenstored_silent();
    ticking = false;
    if (t)
        join_thread(t);
}
