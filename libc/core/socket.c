/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sockets as descriptors, their life cycle: socket, bind, listen, accept, connect,
 * shutdown, close, the addresses, and lwIP's errors as errno (see sock.h for why netconn).
 */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <net.h>
#include <string.h>
#include "lwip/ip_addr.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "sock.h"

int sock_errno(err_t err)
{
    static const int map[] = {
        [-ERR_MEM] = ENOMEM,
        [-ERR_BUF] = ENOBUFS,
        [-ERR_TIMEOUT] = EAGAIN,
        [-ERR_RTE] = EHOSTUNREACH,
        [-ERR_INPROGRESS] = EINPROGRESS,
        [-ERR_VAL] = EINVAL,
        [-ERR_WOULDBLOCK] = EAGAIN,
        [-ERR_USE] = EADDRINUSE,
        [-ERR_ALREADY] = EALREADY,
        [-ERR_ISCONN] = EISCONN,
        [-ERR_CONN] = ENOTCONN,
        [-ERR_IF] = EIO,
        [-ERR_ABRT] = ECONNABORTED,
        [-ERR_RST] = ECONNRESET,
        [-ERR_CLSD] = ENOTCONN,
        [-ERR_ARG] = EINVAL,
    };

    if (err >= 0)
        return 0;
    if ((size_t)-err < ARRAY_SIZE(map) && map[-err])
        return -map[-err];
    return -EIO;
}

/* A connect's failure: a reset answering our SYN is a refusal, an abort a timeout. */
static int connect_errno(err_t err)
{
    if (err == ERR_RST)
        return -ECONNREFUSED;
    if (err == ERR_ABRT || err == ERR_TIMEOUT)
        return -ETIMEDOUT;
    return sock_errno(err);
}

int sock_get(int fd, struct fd_file **fp, struct sock **sp)
{
    struct fd_file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    if (f->ops != &sock_fd_ops) {
        fd_put(f);
        return -ENOTSOCK;
    }
    *fp = f;
    *sp = f->priv;
    return 0;
}

void sock_sync_flags(struct fd_file *f, struct sock *s)
{
    netconn_set_nonblocking(s->conn, (f->flags & FD_O_NONBLOCK) != 0);
}

void sock_update(struct sock *s)
{
    struct netconn *c = s->conn;

    if (!s->connecting || c->state == NETCONN_CONNECT)
        return;
    s->connecting = false;
    if (c->pending_err != ERR_OK || !c->pcb.tcp) {
        err_t err = netconn_err(c);

        s->so_error = -connect_errno(err != ERR_OK ? err : ERR_CLSD);
        s->dead = true;
    } else {
        s->connected = true;
    }
}

void sock_to_ip(const struct ksockaddr *a, ip_addr_t *ip)
{
    if (a->family == KSOCK_AF_INET) {
        ip_addr_set_zero_ip4(ip);
        memcpy(&ip_2_ip4(ip)->addr, a->addr, 4);
        return;
    }
    ip_addr_set_zero_ip6(ip);
    memcpy(ip_2_ip6(ip)->addr, a->addr, 16);
    /* Linux's scope id is the interface index, and so is lwIP's zone. */
    ip6_addr_set_zone(ip_2_ip6(ip), (u8_t)a->scope);
}

void sock_from_ip(const ip_addr_t *ip, uint16_t port, struct ksockaddr *a)
{
    memset(a, 0, sizeof(*a));
    a->port = port;
    if (IP_IS_V4(ip)) {
        a->family = KSOCK_AF_INET;
        memcpy(a->addr, &ip_2_ip4(ip)->addr, 4);
    } else {
        a->family = KSOCK_AF_INET6;
        memcpy(a->addr, ip_2_ip6(ip)->addr, 16);
        a->scope = ip6_addr_zone(ip_2_ip6(ip));
    }
}

/* lwIP's events only say "something changed": poll() re-reads the state itself. */
static void sock_event(struct netconn *conn, enum netconn_evt evt, u16_t len)
{
    fd_notify();
}

static int sock_install(struct netconn *conn, int family, int type, int fdflags, bool connected)
{
    struct sock *s = calloc(1, sizeof(*s));
    int fd;

    if (!s)
        return -ENOMEM;
    s->conn = conn;
    s->family = family;
    s->type = type;
    s->connected = connected;
    fd = fd_install(&sock_fd_ops, s, FD_O_RDWR | (fdflags & FD_O_NONBLOCK));
    if (fd < 0)
        free(s);
    return fd;
}

int ksock_socket(int family, int type, int fdflags)
{
    static const enum netconn_type types[2][2] = {
        {NETCONN_TCP, NETCONN_UDP},
        {NETCONN_TCP_IPV6, NETCONN_UDP_IPV6},
    };
    struct netconn *conn;
    int fd;

    if (family != KSOCK_AF_INET && family != KSOCK_AF_INET6)
        return -EAFNOSUPPORT;
    if (type != KSOCK_STREAM && type != KSOCK_DGRAM)
        return -EPROTONOSUPPORT;
    /*
     * The first socket brings the network up (tcpip thread, a netif per vif), so an
     * application needs no kernel call; without a vif the stack still runs, unreachable.
     */
    net_init();
    conn =
        netconn_new_with_callback(types[family == KSOCK_AF_INET6][type == KSOCK_DGRAM], sock_event);
    if (!conn)
        return -ENOBUFS; /* lwIP's netconn or PCB pool is empty */
    fd = sock_install(conn, family, type, fdflags, false);
    if (fd < 0)
        netconn_delete(conn);
    return fd;
}

int ksock_bind(int fd, const struct ksockaddr *a)
{
    struct fd_file *f;
    struct sock *s;
    ip_addr_t ip;
    int rc = sock_get(fd, &f, &s);

    if (rc)
        return rc;
    sock_to_ip(a, &ip);
    rc = sock_errno(netconn_bind(s->conn, &ip, a->port));
    fd_put(f);
    return rc;
}

int ksock_listen(int fd, int backlog)
{
    struct fd_file *f;
    struct sock *s;
    ip_addr_t ip;
    u16_t port = 0;
    int rc = sock_get(fd, &f, &s);

    if (rc)
        return rc;
    if (s->type != KSOCK_STREAM) {
        rc = -EOPNOTSUPP;
    } else if (!s->listening) {
        /* Like Linux, an unbound socket listens on an ephemeral port (lwIP would take 0). */
        if (netconn_getaddr(s->conn, &ip, &port, 1) != ERR_OK || !port)
            rc = sock_errno(netconn_bind(
                s->conn, s->family == KSOCK_AF_INET6 ? IP6_ADDR_ANY : IP4_ADDR_ANY, 0));
        if (!rc)
            rc = sock_errno(netconn_listen_with_backlog(s->conn, (u8_t)MIN(MAX(backlog, 1), 255)));
        s->listening = rc == 0;
    }
    fd_put(f);
    return rc;
}

int ksock_accept(int fd, struct ksockaddr *peer, int fdflags)
{
    struct netconn *nc;
    struct fd_file *f;
    struct sock *s;
    ip_addr_t ip;
    u16_t port;
    int rc = sock_get(fd, &f, &s);

    if (rc)
        return rc;
    if (!s->listening) {
        fd_put(f);
        return -EINVAL;
    }
    sock_sync_flags(f, s);
    rc = sock_errno(netconn_accept(s->conn, &nc));
    if (rc == 0) {
        if (peer && netconn_peer(nc, &ip, &port) == ERR_OK)
            sock_from_ip(&ip, port, peer);
        rc = sock_install(nc, s->family, KSOCK_STREAM, fdflags, true);
        if (rc < 0)
            netconn_delete(nc);
    }
    fd_put(f);
    return rc;
}

static int do_connect(struct fd_file *f, struct sock *s, const struct ksockaddr *a)
{
    ip_addr_t ip;
    err_t err;

    sock_update(s);
    if (s->so_error) {
        int rc = -s->so_error;

        s->so_error = 0;
        return rc;
    }
    if (s->connecting)
        return -EALREADY;
    if (s->connected && s->type == KSOCK_STREAM)
        return -EISCONN;
    if (s->listening || s->dead)
        return -EINVAL;
    sock_to_ip(a, &ip);
    sock_sync_flags(f, s);
    err = netconn_connect(s->conn, &ip, a->port);
    if (err == ERR_INPROGRESS) {
        s->connecting = true;
        return -EINPROGRESS;
    }
    if (err != ERR_OK) {
        s->dead = s->type == KSOCK_STREAM && !s->conn->pcb.tcp;
        return s->type == KSOCK_STREAM ? connect_errno(err) : sock_errno(err);
    }
    s->connected = true;
    return 0;
}

int ksock_connect(int fd, const struct ksockaddr *a)
{
    struct fd_file *f;
    struct sock *s;
    int rc = sock_get(fd, &f, &s);

    if (rc)
        return rc;
    rc = do_connect(f, s, a);
    fd_put(f);
    return rc;
}

int ksock_shutdown(int fd, bool rd, bool wr)
{
    struct fd_file *f;
    struct sock *s;
    int rc = sock_get(fd, &f, &s);

    if (rc)
        return rc;
    sock_update(s);
    if (!s->connected)
        rc = -ENOTCONN;
    else if (s->type == KSOCK_STREAM && !s->dead)
        rc = sock_errno(netconn_shutdown(s->conn, rd, wr));
    if (!rc) {
        s->rd_eof |= rd;
        s->wr_shut |= wr;
        fd_notify();
    }
    fd_put(f);
    return rc;
}

int ksock_getname(int fd, bool peer, struct ksockaddr *a)
{
    struct fd_file *f;
    struct sock *s;
    ip_addr_t ip;
    u16_t port;
    int rc = sock_get(fd, &f, &s);

    if (rc)
        return rc;
    rc = sock_errno(netconn_getaddr(s->conn, &ip, &port, peer ? 0 : 1));
    if (rc == 0)
        sock_from_ip(&ip, port, a);
    else if (peer)
        rc = -ENOTCONN;
    fd_put(f);
    return rc;
}

int sock_close(struct fd_file *f)
{
    struct sock *s = f->priv;

    if (s->rx)
        pbuf_free(s->rx);
    if (s->dgram)
        netbuf_delete(s->dgram);
    /*
     * With full-duplex netconns, reading the peer's FIN already shut the receive side
     * down and marked the mailboxes invalid, which netconn_delete() alone takes for "PCB
     * already closed" (an assertion in lwIP 2.1.3). Closing the PCB first, as lwIP's own
     * socket layer does, keeps both paths right.
     */
    err_t err = netconn_prepare_delete(s->conn);

    if (err == ERR_OK)
        netconn_delete(s->conn);
    else
        printk("socket: lwIP did not close a connection: %s (the PCB is left to lwIP)\n",
               strerror_name(-sock_errno(err)));
    free(s);
    return 0;
}
