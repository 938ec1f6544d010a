/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sockets as descriptors (CONFIG_LWIP): the state shared by core/socket.c (life cycle,
 * addresses, options) and core/sockio.c (data, readiness).
 *
 * Built on lwIP's netconn API rather than its own sockets layer (LWIP_SOCKET): lwIP's
 * sockets keep a descriptor table of their own, a select() of their own and an errno of
 * their own, all three of which the libc already has (fdtab.h). A netconn is one object
 * per socket whose events we turn into fd_notify(), and whose readiness poll() reads off
 * its mailboxes and PCB, so sockets, the console and files share one poll loop.
 */
#ifndef MINIOS_LIBC_CORE_SOCK_H
#define MINIOS_LIBC_CORE_SOCK_H

#include "lwip/api.h"
#include "../kernapi.h"

struct sock {
    struct netconn *conn;
    int family; /* KSOCK_AF_INET or KSOCK_AF_INET6 */
    int type;   /* KSOCK_STREAM or KSOCK_DGRAM */
    /* TCP: the unread rest of the last segment, from rx_off. */
    struct pbuf *rx;
    uint16_t rx_off;
    /* UDP: a datagram kept by MSG_PEEK for the next receive. */
    struct netbuf *dgram;
    bool listening;
    bool connecting; /* a non-blocking connect in progress */
    bool connected;
    bool rd_eof; /* FIN (or a fatal error) seen by a receive: reads give 0 */
    bool wr_shut;
    bool dead;    /* the connection failed: lwIP freed its PCB */
    int so_error; /* kernel errno of a failed non-blocking connect, for SO_ERROR */
};

extern const struct fd_ops sock_fd_ops;

/* The socket behind fd with a reference taken (fd_put(*fp) after), or -EBADF/-ENOTSOCK. */
int sock_get(int fd, struct fd_file **fp, struct sock **sp);
/* lwIP's err_t as a negative kernel errno, by name. */
int sock_errno(err_t err);
/* Apply f's FD_O_NONBLOCK to the netconn (fcntl may have changed it since). */
void sock_sync_flags(struct fd_file *f, struct sock *s);
/* Catch up with a non-blocking connect that finished or failed. */
void sock_update(struct sock *s);
int sock_close(struct fd_file *f);
void sock_to_ip(const struct ksockaddr *a, ip_addr_t *ip);
void sock_from_ip(const ip_addr_t *ip, uint16_t port, struct ksockaddr *a);

#endif
