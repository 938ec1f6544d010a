/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sockets as descriptors, their data: send/recv (and read/write) over netconn, and the
 * readiness poll() and select() see, read off the netconn's mailboxes and TCP PCB.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "sock.h"

/* The largest UDP payload over IPv4. */
#define UDP_MAX 65507

static bool nonblocking(struct fd_file *f, int flags)
{
    return (f->flags & FD_O_NONBLOCK) || (flags & KSOCK_MSG_DONTWAIT);
}

/* Make s->rx hold unread TCP data: 0, 1 at the end of the stream, or -errno. */
static int tcp_fill(struct sock *s, bool dontblock)
{
    struct pbuf *p;
    err_t err;

    if (s->rx)
        return 0;
    if (s->rd_eof)
        return 1;
    err = netconn_recv_tcp_pbuf_flags(s->conn, &p, dontblock ? NETCONN_DONTBLOCK : 0);
    if (err == ERR_OK) {
        s->rx = p;
        s->rx_off = 0;
        return 0;
    }
    if (err == ERR_WOULDBLOCK || err == ERR_TIMEOUT)
        return -EAGAIN;
    /*
     * The peer's FIN (ERR_CLSD), or a reset: reported once, then end of stream. A
     * shutdown(SHUT_RD) by another thread while this one waited invalidates the mailbox and
     * wakes it with ERR_CONN: end of stream too, as on Linux.
     */
    s->rd_eof = true;
    if (err == ERR_CLSD || (err == ERR_CONN && (s->conn->flags & NETCONN_FLAG_MBOXINVALID)))
        return 1;
    return sock_errno(err);
}

static long stream_recv(struct fd_file *f, struct sock *s, void *buf, size_t len, int flags)
{
    size_t done = 0;

    if (!s->connected)
        return s->dead ? 0 : -ENOTCONN;
    while (done < len) {
        /* Block for the first bytes only, unless MSG_WAITALL asks for all of them. */
        bool wait = !nonblocking(f, flags) && (!done || (flags & KSOCK_MSG_WAITALL));
        int rc = tcp_fill(s, !wait);
        size_t n;

        if (rc)
            return done ? (long)done : rc > 0 ? 0 : rc;
        n = MIN(len - done, (size_t)(s->rx->tot_len - s->rx_off));
        pbuf_copy_partial(s->rx, (char *)buf + done, (u16_t)n, s->rx_off);
        done += n;
        if (flags & KSOCK_MSG_PEEK)
            break;
        s->rx_off += (u16_t)n;
        if (s->rx_off >= s->rx->tot_len) {
            pbuf_free(s->rx);
            s->rx = NULL;
        }
    }
    return (long)done;
}

static long dgram_recv(struct fd_file *f, struct sock *s, void *buf, size_t len, int flags,
                       struct ksockaddr *from)
{
    struct netbuf *nb = s->dgram;
    size_t n;

    if (!nb) {
        err_t err = netconn_recv_udp_raw_netbuf_flags(
            s->conn, &nb, nonblocking(f, flags) ? NETCONN_DONTBLOCK : 0);

        if (err == ERR_TIMEOUT)
            return -EAGAIN;
        if (err != ERR_OK)
            return sock_errno(err);
    }
    /* The rest of a longer datagram is dropped, as on Linux (no MSG_TRUNC report). */
    n = MIN(len, (size_t)netbuf_len(nb));
    netbuf_copy(nb, buf, (u16_t)n);
    if (from)
        sock_from_ip(netbuf_fromaddr(nb), netbuf_fromport(nb), from);
    if (flags & KSOCK_MSG_PEEK) {
        s->dgram = nb;
    } else {
        s->dgram = NULL;
        netbuf_delete(nb);
    }
    return (long)n;
}

static long sock_recv(struct fd_file *f, void *buf, size_t len, int flags, struct ksockaddr *from)
{
    struct sock *s = f->priv;
    int err;

    sock_update(s);
    if (s->so_error) {
        err = s->so_error;
        s->so_error = 0;
        return -err;
    }
    sock_sync_flags(f, s);
    if (s->listening)
        return -ENOTCONN;
    if (s->type == KSOCK_DGRAM)
        return dgram_recv(f, s, buf, len, flags, from);
    if (from && s->connected) {
        ip_addr_t ip;
        u16_t port;

        if (netconn_peer(s->conn, &ip, &port) == ERR_OK)
            sock_from_ip(&ip, port, from);
    }
    return stream_recv(f, s, buf, len, flags);
}

static long stream_send(struct fd_file *f, struct sock *s, const void *buf, size_t len, int flags)
{
    size_t written = 0;
    err_t err;

    if (s->wr_shut || (s->dead && s->connected))
        return -EPIPE;
    if (!s->connected)
        return s->connecting ? -EAGAIN : -ENOTCONN;
    err = netconn_write_partly(s->conn, buf, len,
                               NETCONN_COPY | (nonblocking(f, flags) ? NETCONN_DONTBLOCK : 0),
                               &written);
    if (written)
        return (long)written;
    if (err == ERR_OK)
        return 0;
    if (err == ERR_MEM || err == ERR_WOULDBLOCK || err == ERR_TIMEOUT)
        return -EAGAIN;
    if (err == ERR_CLSD || err == ERR_CONN || err == ERR_RST || err == ERR_ABRT)
        s->dead = true;
    return err == ERR_CLSD || err == ERR_CONN ? -EPIPE : sock_errno(err);
}

static long dgram_send(struct sock *s, const void *buf, size_t len, const struct ksockaddr *to)
{
    struct netbuf *nb;
    ip_addr_t ip;
    err_t err;

    if (len > UDP_MAX)
        return -EMSGSIZE;
    if (!to && !s->connected)
        return -EDESTADDRREQ;
    nb = netbuf_new();
    if (!nb)
        return -ENOBUFS;
    if (!netbuf_alloc(nb, (u16_t)len)) {
        netbuf_delete(nb);
        return -ENOBUFS;
    }
    pbuf_take(nb->p, buf, (u16_t)len);
    if (to) {
        sock_to_ip(to, &ip);
        err = netconn_sendto(s->conn, nb, &ip, to->port);
    } else {
        err = netconn_send(s->conn, nb);
    }
    netbuf_delete(nb);
    return err == ERR_OK ? (long)len : sock_errno(err);
}

static long sock_send(struct fd_file *f, const void *buf, size_t len, int flags,
                      const struct ksockaddr *to)
{
    struct sock *s = f->priv;

    sock_update(s);
    sock_sync_flags(f, s);
    if (s->type == KSOCK_DGRAM)
        return dgram_send(s, buf, len, to);
    if (s->listening)
        return -ENOTCONN;
    return stream_send(f, s, buf, len, flags);
}

static long sock_read(struct fd_file *f, void *buf, size_t len)
{
    return sock_recv(f, buf, len, 0, NULL);
}

static long sock_write(struct fd_file *f, const void *buf, size_t len)
{
    return sock_send(f, buf, len, 0, NULL);
}

long ksock_recv(int fd, void *buf, size_t len, int flags, struct ksockaddr *from)
{
    struct fd_file *f;
    struct sock *s;
    long rc = sock_get(fd, &f, &s);

    if (rc)
        return rc;
    rc = sock_recv(f, buf, len, flags, from);
    fd_put(f);
    return rc;
}

long ksock_send(int fd, const void *buf, size_t len, int flags, const struct ksockaddr *to)
{
    struct fd_file *f;
    struct sock *s;
    long rc = sock_get(fd, &f, &s);

    if (rc)
        return rc;
    rc = sock_send(f, buf, len, flags, to);
    fd_put(f);
    return rc;
}

static bool mbox_ready(sys_mbox_t *m)
{
    return sys_mbox_valid(m) && m->count > 0;
}

/*
 * Room to write, by lwIP's own threshold: below it, ask lwIP for a SENDPLUS event when
 * acknowledgements free space (it only sends one when this flag is set), so a poll()
 * sleeping on a full socket is woken.
 */
static bool tcp_writable(struct netconn *c)
{
    struct tcp_pcb *p = c->pcb.tcp;

    if (c->state != NETCONN_NONE || !p || (p->state != ESTABLISHED && p->state != CLOSE_WAIT))
        return false;
    if (tcp_sndbuf(p) > TCP_SNDLOWAT && tcp_sndqueuelen(p) < TCP_SNDQUEUELOWAT)
        return true;
    netconn_set_flags(c, NETCONN_FLAG_CHECK_WRITESPACE);
    return false;
}

static unsigned int stream_poll(struct sock *s)
{
    struct netconn *c = s->conn;
    unsigned int bits = 0;

    if (s->listening)
        return mbox_ready(&c->acceptmbox) || c->pending_err != ERR_OK ? FD_POLLIN : 0;
    if (s->rx || s->rd_eof || mbox_ready(&c->recvmbox))
        bits |= FD_POLLIN;
    if (s->connected && !s->wr_shut && tcp_writable(c))
        bits |= FD_POLLOUT;
    if (c->pending_err != ERR_OK || s->so_error)
        bits |= FD_POLLERR;
    /* As on Linux: a failed connection, or a socket neither connected nor connecting. */
    if (s->dead || (!s->connected && !s->connecting))
        bits |= FD_POLLHUP | FD_POLLOUT;
    return bits;
}

static unsigned int sock_poll(struct fd_file *f)
{
    struct sock *s = f->priv;
    unsigned int bits;

    LOCK_TCPIP_CORE();
    sock_update(s);
    if (s->type == KSOCK_DGRAM)
        bits = FD_POLLOUT | (s->dgram || mbox_ready(&s->conn->recvmbox) ? FD_POLLIN : 0);
    else
        bits = stream_poll(s);
    UNLOCK_TCPIP_CORE();
    return bits;
}

static int sock_ioctl(struct fd_file *f, unsigned long req, void *arg)
{
    struct sock *s = f->priv;
    int *val = arg;

    switch (req) {
    case 0x5421: /* FIONBIO */
        f->flags = *val ? f->flags | FD_O_NONBLOCK : f->flags & ~FD_O_NONBLOCK;
        return 0;
    case 0x541B: /* FIONREAD: what a read now returns at least */
        if (s->type == KSOCK_DGRAM) {
            if (!s->dgram &&
                netconn_recv_udp_raw_netbuf_flags(s->conn, &s->dgram, NETCONN_DONTBLOCK))
                s->dgram = NULL;
            *val = s->dgram ? netbuf_len(s->dgram) : 0;
        } else {
            *val = s->connected && tcp_fill(s, true) == 0 ? s->rx->tot_len - s->rx_off : 0;
        }
        return 0;
    default:
        return -ENOTTY;
    }
}

static int sock_fstat(struct fd_file *f, struct fd_stat *st)
{
    memset(st, 0, sizeof(*st));
    st->mode = FD_S_IFSOCK | 0777;
    st->nlink = 1;
    st->blksize = TCP_MSS;
    return 0;
}

const struct fd_ops sock_fd_ops = {
    .name = "socket",
    .read = sock_read,
    .write = sock_write,
    .fstat = sock_fstat,
    .poll = sock_poll,
    .ioctl = sock_ioctl,
    .close = sock_close,
};
