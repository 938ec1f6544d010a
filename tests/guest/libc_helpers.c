/* SPDX-License-Identifier: BSD-2-Clause */
/* Kernel-side helpers for the libc suites (see tests/guest/libc/helpers.h). */
#include <kernel.h>
#include <errno.h>
#include <net.h>
#include <sched.h>
#include <time.h>
#include <xenbus.h>
#include "libc/helpers.h"

int test_xenstore_wait_u64(const char *path, unsigned int timeout_ms, uint64_t *value)
{
    unsigned long long v;
    int rc;

    for (unsigned int waited = 0;; waited += 100) {
        rc = xenbus_read_unsigned(XBT_NIL, NULL, path, &v);
        if (rc == 0) {
            *value = v;
            return 0;
        }
        if (waited >= timeout_ms)
            return rc;
        msleep(100);
    }
}

int test_xenstore_write(const char *path, const char *value)
{
    return xenbus_write(XBT_NIL, path, value);
}

int test_xenstore_read(const char *path, char *buf, unsigned int size)
{
    return xenbus_read_buf(XBT_NIL, path, buf, size);
}

int test_net_up(char *ipv4, unsigned int size)
{
    char a6[NET_ADDR_STRLEN];
    int rc;

    if (!IS_ENABLED(CONFIG_LWIP))
        return -ENOSYS;
    rc = net_init();
    if (rc <= 0)
        return rc < 0 ? rc : -ENODEV;
    rc = net_vif_ipv4(0, ipv4, size, NOW() + SECONDS(60));
    if (rc)
        return rc;
    net_vif_ipv6_linklocal(0, a6, sizeof(a6));
    xenbus_printf(XBT_NIL, "data/net/vif0", "ipv6", "%s", a6);
    return xenbus_printf(XBT_NIL, "data/net/vif0", "ipv4", "%s", ipv4);
}
