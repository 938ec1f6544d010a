/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCP/IP (CONFIG_LWIP): lwIP with one netif per vif. net_init() starts lwIP's tcpip thread
 * and brings up every device/vif/N, each addressed, in this order, by the backend's "ip"
 * node (xl's vif ip=), the kernel command line's ip=ADDR/PREFIX[,GATEWAY] (first vif
 * only), else DHCP; each also gets an IPv6 link-local address. Kernel code then uses lwIP's
 * raw API (under LOCK_TCPIP_CORE()) or netconn API directly.
 */
#ifndef MINIOS_NET_H
#define MINIOS_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netfront.h>

#define NET_MAX_VIFS 4
/* Room for an address as text, IPv6 included. */
#define NET_ADDR_STRLEN 48

/* Start lwIP (once) and bring up the vifs: how many came up, or -errno (none could). */
int net_init(void);
/* How many vifs net_init brought up; they are numbered 0..n-1 in device/vif order. */
unsigned int net_vif_count(void);
/*
 * Wait until vif i has an IPv4 address (DHCP may take a while) or NOW() reaches deadline
 * (0: do not wait): 0 and the address as text, -ETIMEDOUT, or -ENODEV.
 */
int net_vif_ipv4(unsigned int i, char *buf, size_t size, uint64_t deadline);
/* Vif i's IPv6 link-local address as text: 0, or -ENODEV. */
int net_vif_ipv6_linklocal(unsigned int i, char *buf, size_t size);
/* Where vif i's IPv4 address came from: "xenstore", "cmdline" or "dhcp" (NULL: no vif i). */
const char *net_vif_source(unsigned int i);
/* Its xenstore id (the N of device/vif/N), or NULL. */
const char *net_vif_id(unsigned int i);
/* Its netfront counters and whether checksum offload was negotiated: 0, or -ENODEV. */
int net_vif_stats(unsigned int i, struct netfront_stats *st, bool *csum_offload);

/* RFC 867 daytime on TCP port 13 of every address: 0 or -errno (lwIP's error, mapped). */
int daytime_start(void);

/*
 * Test and benchmark services: TCP echo on port 7 (port 8 answers "BYTES CRC32" of the
 * last finished echo connection, CRC as in gzip's trailer), UDP echo on port 7: 0 or -errno.
 */
int net_echo_start(void);
/* lwIP's lwiperf: an iperf 2 TCP server on port 5001, results on the console. 0 or -errno. */
int net_iperf_start(void);
/* lwiperf's iperf 2 client: 10 s of data to ipv4:5001 (lwIP's fixed length). 0 or -errno. */
int net_iperf_client(const char *ipv4);
/* How many lwiperf tests (server or client) have finished and printed their rate. */
unsigned int net_iperf_reports(void);

/* One RFC 867 line for a UTC time in seconds since 1970, "\r\n" included: its length. */
size_t daytime_format(int64_t secs, char *buf, size_t size);

#endif
