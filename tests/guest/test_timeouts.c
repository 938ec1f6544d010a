/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Backends and a xenstored that never answer (tests/boot/timeouts.cfg and
 * xenstore-timeout.cfg): the dom0 script writes fake device nodes whose backend nobody
 * serves (vbd 9001 and vif 9002 stay in InitWait, vbd 9003 goes Connected but never
 * answers a request), or stops xenstored for a while when asked. Every blocking call must come back with -ETIMEDOUT, nothing
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

#define FAKE_TIMEOUT SECONDS(3)

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
               rc == want_rc && took <= max_ns && ticks > b->ticks + 10 &&
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
 * xenstored stopped by the dom0 script (SIGSTOP, once we ask through data/): a read must
 * fail with -ETIMEDOUT, and xenbus must work again once xenstored continues.
 */
static void xenstored_stopped(void)
{
    uint64_t old, deadline;
    char buf[16];
    struct baseline b;
    int rc, after = -1;

    if (xenbus_write(XBT_NIL, "data/stop-xenstored", "1") ||
        !wait_node("data/xenstored-stopping")) {
        test_report("xenbus_timeout", TEST_ERROR, "dom0 did not answer");
        return;
    }
    /* dom0 says so just before it stops xenstored. */
    msleep(1000);
    old = xenbus_set_timeout(FAKE_TIMEOUT);
    begin(&b);
    rc = xenbus_read_buf(XBT_NIL, "data/stop-xenstored", buf, sizeof(buf));
    finish("xenbus_timeout", rc, -ETIMEDOUT, &b, FAKE_TIMEOUT + SECONDS(2));
    /* Computed once: retry until xenstored is back (dom0 continues it after 10 s). */
    deadline = NOW() + SECONDS(90);
    while (after < 0 && NOW() < deadline)
        after = xenbus_read_buf(XBT_NIL, "data/stop-xenstored", buf, sizeof(buf));
    xenbus_set_timeout(old);
    test_check("xenbus_after_timeout", after == 1 && buf[0] == '1', "read %s",
               after < 0 ? strerror_name(after) : buf);
}

void suite_timeouts(void)
{
    struct thread *t;

    ticking = true;
    t = create_thread("ticker", ticker, NULL);
    if (!test_check("fake_nodes",
                    t && wait_node("device/vbd/9001/backend-id") &&
                        wait_node("device/vif/9002/backend-id") &&
                        wait_node("device/vbd/9003/backend-id"),
                    "the dom0 script's fake devices"))
        return;
    blkfront_never_connects();
    netfront_never_connects();
    blkfront_never_answers();
    ticking = false;
    join_thread(t);
}

void suite_xenstore_timeout(void)
{
    struct thread *t;

    ticking = true;
    t = create_thread("ticker", ticker, NULL);
    if (t)
        xenstored_stopped();
    ticking = false;
    if (t)
        join_thread(t);
}
