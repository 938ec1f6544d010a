/* SPDX-License-Identifier: BSD-2-Clause */
/* The shared frontend handshake against a real blkback: start, connect, close (needs a disk). */
#include <kernel.h>
#include <events.h>
#include <fmt.h>
#include <gnttab.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>
#include <xen/io/blkif.h>
#include <xen/io/protocols.h>
#include "test.h"

#define HANDSHAKE_TIMEOUT SECONDS(10)

static void ignore_event(evtchn_port_t port, struct pt_regs *regs, void *data)
{
}

/* The first device/vbd node, or false (SKIP reported) when the domain has no disk. */
static bool first_vbd(char *nodename, size_t size)
{
    char **names;
    int n = xenbus_directory(XBT_NIL, "device/vbd", &names);

    if (n <= 0) {
        test_report("frontend", TEST_SKIP, "no device/vbd (rc %d): give the domain a disk", n);
        if (n == 0)
            free(names);
        return false;
    }
    snprintf(nodename, size, "device/vbd/%s", names[0]);
    free(names);
    return true;
}

/* Connected: the backend must map our ring (so end_access is refused) and publish sectors. */
static void check_connected(struct xenbus_device *dev, int ref)
{
    unsigned long long sectors = 0;
    int rc = xenbus_read_unsigned(XBT_NIL, dev->backend, "sectors", &sectors);

    test_check("backend_sectors", rc == 0 && sectors > 0, "rc %d sectors %llu", rc, sectors);
    rc = gnttab_end_access(ref);
    test_check("ring_mapped_by_backend", rc == -EBUSY, "end_access rc %d", rc);
}

static void handshake(struct xenbus_device *dev, blkif_sring_t *sring)
{
    evtchn_port_t port = 0;
    int ref, rc;

    SHARED_RING_INIT(sring);
    ref = gnttab_grant_access(dev->backend_id, virt_to_mfn(sring), false);
    rc = ref < 0 ? ref : evtchn_alloc_unbound(dev->backend_id, ignore_event, NULL, &port);
    if (!test_check("ring_and_port", rc == 0, "ref %d rc %d", ref, rc))
        return;
    {
        struct xenbus_key keys[] = {
            {"ring-ref", NULL, (unsigned long)ref},
            {"event-channel", NULL, port},
            {"protocol", XEN_IO_PROTO_ABI_NATIVE, 0},
        };

        rc = xenbus_frontend_connect(dev, keys, ARRAY_SIZE(keys), HANDSHAKE_TIMEOUT);
    }
    if (test_check("frontend_connect", rc == 0, "rc %d", rc))
        check_connected(dev, ref);
    rc = xenbus_frontend_close(dev, HANDSHAKE_TIMEOUT);
    test_check("frontend_close", rc == 0, "rc %d", rc);
    /* A closed backend has unmapped the ring: now the grant can be revoked. */
    rc = gnttab_end_access(ref);
    test_check("ring_unmapped_after_close", rc == 0, "end_access rc %d", rc);
    evtchn_close(port);
}

void suite_xenbus_frontend(void)
{
    char nodename[XENBUS_PATH_MAX];
    struct xenbus_device dev;
    void *page;
    int rc;

    if (!first_vbd(nodename, sizeof(nodename)))
        return;
    rc = xenbus_frontend_start(&dev, nodename, HANDSHAKE_TIMEOUT);
    if (!test_check("frontend_start", rc == 0, "%s: backend '%s' id %u rc %d", nodename,
                    rc ? "" : dev.backend, rc ? 0 : dev.backend_id, rc))
        return;
    page = alloc_page();
    if (!page) {
        test_report("frontend_ring", TEST_ERROR, "no page");
        return;
    }
    handshake(&dev, page);
    /* Freed only if the backend let go; else leaking it is safer than reusing it. */
    if (gnttab_free_refs() == gnttab_nr_refs())
        free_page(page);
}
