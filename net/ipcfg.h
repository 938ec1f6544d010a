/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pure parsers for address configuration (net/ipcfg.c, unit-tested on the host): the
 * kernel command line's ip=ADDR/PREFIX[,GATEWAY] and the vif backend's "ip" node.
 * Addresses are IPv4 in host byte order.
 */
#ifndef MINIOS_NET_IPCFG_H
#define MINIOS_NET_IPCFG_H

#include <stdint.h>
#include <stddef.h>

struct ipcfg {
    uint32_t addr, netmask, gateway; /* gateway 0 = none */
};

/* Dotted quad "a.b.c.d" of exactly len bytes: 0 and *out, or -EINVAL. */
int ipcfg_parse_addr(const char *s, size_t len, uint32_t *out);
/* "ADDR/PREFIX[,GATEWAY]" (len bytes, prefix 1..32): 0 and *cfg, or -EINVAL. */
int ipcfg_parse_option(const char *s, size_t len, struct ipcfg *cfg);
/*
 * The value of the ip= word of a kernel command line, parsed: 0 and *cfg, -ENOENT when
 * there is no ip= word, -EINVAL when it is malformed.
 */
int ipcfg_from_cmdline(const char *cmdline, struct ipcfg *cfg);
/*
 * The backend's "ip" node (libxl writes the xl config's ip=, several addresses separated
 * by spaces): the first address, with a /24 netmask (xl gives none) and no gateway.
 */
int ipcfg_from_backend(const char *value, struct ipcfg *cfg);
/* The netmask of a prefix length 0..32. */
uint32_t ipcfg_prefix_mask(unsigned int prefix);

#endif
