/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel services the libc suites (compiled against newlib's headers) need, with plain
 * types: defined in tests/guest/libc_helpers.c, which is compiled with the kernel's.
 */
#ifndef MINIOS_TEST_LIBC_HELPERS_H
#define MINIOS_TEST_LIBC_HELPERS_H

#include <stdint.h>

/*
 * Wait up to timeout_ms for the xenstore node path (relative to our domain's directory)
 * to hold an unsigned integer: 0 and *value, or a negative kernel errno.
 */
int test_xenstore_wait_u64(const char *path, unsigned int timeout_ms, uint64_t *value);

/* Write value to the xenstore node path (relative to our directory): 0 or -errno. */
int test_xenstore_write(const char *path, const char *value);

/* Read the xenstore node path (relative to our directory) into buf: length or -errno. */
int test_xenstore_read(const char *path, char *buf, unsigned int size);

/*
 * Bring up the network (CONFIG_LWIP): the first vif's IPv4 address (waiting up to 60 s
 * for DHCP) into ipv4, published like test=net does in data/net/vif0/{ipv4,ipv6} for
 * tools/dom0/nettest.sh's net_ready. 0 or -errno (-ENOSYS without CONFIG_LWIP).
 */
int test_net_up(char *ipv4, unsigned int size);

/* dom0's verdicts in data/result/ as test lines (tests/guest/test_net.c). */
void test_report_dom0_results(void);

#endif
