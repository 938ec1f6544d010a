/* SPDX-License-Identifier: BSD-2-Clause */
/* Address text conversions (libc/inet.c): numeric IPv4 and IPv6, no name lookups. */
#ifndef MINIOS_ARPA_INET_H
#define MINIOS_ARPA_INET_H

#include <netinet/in.h>

/* 1 and the address in dst, 0 if src is not an address of af, -1/EAFNOSUPPORT. */
int inet_pton(int af, const char *src, void *dst);
/* dst, or NULL with errno ENOSPC (size too small) or EAFNOSUPPORT. */
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
/* Dotted quad (a.b.c.d only) to network order; INADDR_NONE if invalid. */
in_addr_t inet_addr(const char *cp);
int inet_aton(const char *cp, struct in_addr *inp);
/* A static buffer, overwritten by the next call. */
char *inet_ntoa(struct in_addr in);

#endif
