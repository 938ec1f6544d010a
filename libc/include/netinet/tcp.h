/* SPDX-License-Identifier: BSD-2-Clause */
/* TCP socket options (Linux's numbers); libc/socket.c supports TCP_NODELAY and keepalive. */
#ifndef MINIOS_NETINET_TCP_H
#define MINIOS_NETINET_TCP_H

#define TCP_NODELAY   1
#define TCP_MAXSEG    2
#define TCP_KEEPIDLE  4
#define TCP_KEEPINTVL 5
#define TCP_KEEPCNT   6

#endif
