/* SPDX-License-Identifier: BSD-2-Clause */
/* Kernel-side helpers for the libc suites (see tests/guest/libc/helpers.h). */
#include <kernel.h>
#include <sched.h>
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
