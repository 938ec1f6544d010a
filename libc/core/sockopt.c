/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Socket options: SO_REUSEADDR, SO_KEEPALIVE, SO_BROADCAST on the PCB; receive and send
 * timeouts on the netconn; TCP_NODELAY; IPV6_V6ONLY; the read-only SO_TYPE, SO_DOMAIN,
 * SO_ERROR, SO_ACCEPTCONN. Anything else is ENOPROTOOPT (libc/socket.c).
 */
#include <kernel.h>
#include <errno.h>
#include "lwip/ip.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "sock.h"

static u8_t pcb_flag(enum ksock_opt opt)
{
    switch (opt) {
    case KSO_REUSEADDR:
        return SOF_REUSEADDR;
    case KSO_KEEPALIVE:
        return SOF_KEEPALIVE;
    default:
        return SOF_BROADCAST;
    }
}

/* Options kept in the PCB, under the core lock (the tcpip thread reads them). */
static int pcb_option(struct sock *s, enum ksock_opt opt, int *value, bool set)
{
    struct ip_pcb *pcb = s->conn->pcb.ip;
    int rc = 0;

    if ((opt == KSO_NODELAY && s->type != KSOCK_STREAM) ||
        (opt == KSO_KEEPALIVE && s->type != KSOCK_STREAM))
        return -ENOPROTOOPT;
    LOCK_TCPIP_CORE();
    if (!pcb) {
        rc = -EINVAL; /* the connection failed and lwIP freed it */
    } else if (opt == KSO_NODELAY) {
        if (!set)
            *value = tcp_nagle_disabled(s->conn->pcb.tcp) != 0;
        else if (*value)
            tcp_nagle_disable(s->conn->pcb.tcp);
        else
            tcp_nagle_enable(s->conn->pcb.tcp);
    } else if (!set) {
        *value = ip_get_option(pcb, pcb_flag(opt)) != 0;
    } else if (*value) {
        ip_set_option(pcb, pcb_flag(opt));
    } else {
        ip_reset_option(pcb, pcb_flag(opt));
    }
    UNLOCK_TCPIP_CORE();
    return rc;
}

static int set_option(struct sock *s, enum ksock_opt opt, int value)
{
    switch (opt) {
    case KSO_REUSEADDR:
    case KSO_KEEPALIVE:
    case KSO_BROADCAST:
    case KSO_NODELAY:
        return pcb_option(s, opt, &value, true);
    case KSO_RCVTIMEO:
        netconn_set_recvtimeout(s->conn, value < 0 ? 0 : value);
        return 0;
    case KSO_SNDTIMEO:
        netconn_set_sendtimeout(s->conn, value < 0 ? 0 : value);
        return 0;
    case KSO_V6ONLY:
        if (s->family != KSOCK_AF_INET6)
            return -ENOPROTOOPT;
        netconn_set_ipv6only(s->conn, value != 0);
        return 0;
    default:
        return -ENOPROTOOPT; /* read-only ones */
    }
}

static int get_option(struct sock *s, enum ksock_opt opt, int *value)
{
    switch (opt) {
    case KSO_REUSEADDR:
    case KSO_KEEPALIVE:
    case KSO_BROADCAST:
    case KSO_NODELAY:
        return pcb_option(s, opt, value, false);
    case KSO_RCVTIMEO:
        *value = (int)netconn_get_recvtimeout(s->conn);
        return 0;
    case KSO_SNDTIMEO:
        *value = (int)netconn_get_sendtimeout(s->conn);
        return 0;
    case KSO_V6ONLY:
        if (s->family != KSOCK_AF_INET6)
            return -ENOPROTOOPT;
        *value = netconn_get_ipv6only(s->conn);
        return 0;
    case KSO_TYPE:
        *value = s->type;
        return 0;
    case KSO_DOMAIN:
        *value = s->family;
        return 0;
    case KSO_ACCEPTCONN:
        *value = s->listening;
        return 0;
    case KSO_ERROR:
        /* A failed non-blocking connect's error, else whatever lwIP has pending. */
        sock_update(s);
        *value = s->so_error ? s->so_error : -sock_errno(netconn_err(s->conn));
        s->so_error = 0;
        return 0;
    default:
        return -ENOPROTOOPT;
    }
}

int ksock_setopt(int fd, enum ksock_opt opt, int value)
{
    struct fd_file *f;
    struct sock *s;
    int rc = sock_get(fd, &f, &s);

    if (rc)
        return rc;
    rc = set_option(s, opt, value);
    fd_put(f);
    return rc;
}

int ksock_getopt(int fd, enum ksock_opt opt, int *value)
{
    struct fd_file *f;
    struct sock *s;
    int rc = sock_get(fd, &f, &s);

    if (rc)
        return rc;
    rc = get_option(s, opt, value);
    fd_put(f);
    return rc;
}
