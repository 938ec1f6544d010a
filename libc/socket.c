/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The BSD socket calls on the descriptor table: struct sockaddr_in/in6, option levels and
 * timevals translated to the plain types of kernapi.h (core/socket.c does the work on
 * lwIP). Built without CONFIG_LWIP, every call fails with ENOSYS (EAFNOSUPPORT for socket).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <compiler.h>
#include "libc.h"

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

/* The byte-order functions behind the macros, for code that takes their address. */
uint32_t(htonl)(uint32_t v)
{
    return htonl(v);
}

uint16_t(htons)(uint16_t v)
{
    return htons(v);
}

uint32_t(ntohl)(uint32_t v)
{
    return ntohl(v);
}

uint16_t(ntohs)(uint16_t v)
{
    return ntohs(v);
}

static int ret_errno(int e)
{
    errno = e;
    return -1;
}

static int sock_family(int fd)
{
    int v = KSOCK_AF_UNSPEC;

    ksock_getopt(fd, KSO_DOMAIN, &v);
    return v;
}

/* sockaddr -> ksockaddr for the socket fd: 0 or a kernel -errno. */
static int addr_in(int fd, const struct sockaddr *sa, socklen_t len, struct ksockaddr *k)
{
    const struct sockaddr_in *sin = (const void *)sa;
    const struct sockaddr_in6 *sin6 = (const void *)sa;
    int family, rc = ksock_getopt(fd, KSO_DOMAIN, &family);

    memset(k, 0, sizeof(*k));
    if (rc)
        return rc; /* EBADF, ENOTSOCK */
    if (!sa || len < sizeof(sa_family_t))
        return -errno_to_kernel(EINVAL);
    if (sa->sa_family == AF_INET && family == KSOCK_AF_INET && len >= sizeof(*sin)) {
        k->family = KSOCK_AF_INET;
        k->port = ntohs(sin->sin_port);
        memcpy(k->addr, &sin->sin_addr, 4);
        return 0;
    }
    if (sa->sa_family == AF_INET6 && family == KSOCK_AF_INET6 && len >= sizeof(*sin6)) {
        k->port = ntohs(sin6->sin6_port);
        if (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr)) {
            k->family = KSOCK_AF_INET; /* lwIP's dual-stack PCBs take it as IPv4 */
            memcpy(k->addr, &sin6->sin6_addr.s6_addr[12], 4);
            return 0;
        }
        k->family = KSOCK_AF_INET6;
        k->scope = sin6->sin6_scope_id;
        memcpy(k->addr, &sin6->sin6_addr, 16);
        return 0;
    }
    return -errno_to_kernel(sa->sa_family == AF_INET || sa->sa_family == AF_INET6 ? EINVAL
                                                                                  : EAFNOSUPPORT);
}

/* ksockaddr -> sockaddr of the socket's family (IPv4 as ::ffff:a.b.c.d on IPv6), truncated. */
static void addr_out(int fd, const struct ksockaddr *k, struct sockaddr *sa, socklen_t *len)
{
    struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6, .sin6_port = htons(k->port)};
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(k->port)};
    const void *src = &sin;
    socklen_t n = sizeof(sin);

    if (!sa || !len)
        return;
    if (sock_family(fd) == KSOCK_AF_INET6) {
        if (k->family == KSOCK_AF_INET) {
            sin6.sin6_addr.s6_addr[10] = sin6.sin6_addr.s6_addr[11] = 0xff;
            memcpy(&sin6.sin6_addr.s6_addr[12], k->addr, 4);
        } else {
            memcpy(&sin6.sin6_addr, k->addr, 16);
            sin6.sin6_scope_id = k->scope;
        }
        src = &sin6;
        n = sizeof(sin6);
    } else {
        memcpy(&sin.sin_addr, k->addr, 4);
    }
    memcpy(sa, src, *len < n ? *len : n);
    *len = n;
}

int socket(int domain, int type, int protocol)
{
    int kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC), fd;

    if (!IS_ENABLED(CONFIG_LWIP))
        return ret_errno(EAFNOSUPPORT);
    if (domain != AF_INET && domain != AF_INET6)
        return ret_errno(EAFNOSUPPORT);
    if (kind != SOCK_STREAM && kind != SOCK_DGRAM)
        return ret_errno(kind == SOCK_RAW ? EPROTONOSUPPORT : EINVAL);
    if (protocol && protocol != (kind == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP))
        return ret_errno(EPROTONOSUPPORT);
    fd = ksock_socket(domain == AF_INET ? KSOCK_AF_INET : KSOCK_AF_INET6,
                      kind == SOCK_STREAM ? KSOCK_STREAM : KSOCK_DGRAM,
                      type & SOCK_NONBLOCK ? FD_O_NONBLOCK : 0);
    if (fd >= 0 && (type & SOCK_CLOEXEC))
        kfd_setfd(fd, 1);
    return libc_ret(fd);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    struct ksockaddr k;
    int rc;

    if (!IS_ENABLED(CONFIG_LWIP))
        return libc_enosys();
    rc = addr_in(fd, addr, len, &k);
    return libc_ret(rc ? rc : ksock_bind(fd, &k));
}

int listen(int fd, int backlog)
{
    if (!IS_ENABLED(CONFIG_LWIP))
        return libc_enosys();
    return libc_ret(ksock_listen(fd, backlog));
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
    struct ksockaddr k;
    int nfd;

    if (!IS_ENABLED(CONFIG_LWIP))
        return libc_enosys();
    if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
        return ret_errno(EINVAL);
    nfd = ksock_accept(fd, &k, flags & SOCK_NONBLOCK ? FD_O_NONBLOCK : 0);
    if (nfd >= 0) {
        addr_out(fd, &k, addr, len);
        if (flags & SOCK_CLOEXEC)
            kfd_setfd(nfd, 1);
    }
    return libc_ret(nfd);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    return accept4(fd, addr, len, 0);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    struct ksockaddr k;
    int rc;

    if (!IS_ENABLED(CONFIG_LWIP))
        return libc_enosys();
    rc = addr_in(fd, addr, len, &k);
    return libc_ret(rc ? rc : ksock_connect(fd, &k));
}

static int kflags(int flags)
{
    return (flags & MSG_PEEK ? KSOCK_MSG_PEEK : 0) |
           (flags & MSG_DONTWAIT ? KSOCK_MSG_DONTWAIT : 0) |
           (flags & MSG_WAITALL ? KSOCK_MSG_WAITALL : 0);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
               socklen_t tolen)
{
    struct ksockaddr k;
    int rc;

    if (!IS_ENABLED(CONFIG_LWIP))
        return libc_enosys();
    if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL))
        return ret_errno(EOPNOTSUPP);
    if (!to)
        return libc_ret(ksock_send(fd, buf, len, kflags(flags), NULL));
    rc = addr_in(fd, to, tolen, &k);
    return libc_ret(rc ? rc : ksock_send(fd, buf, len, kflags(flags), &k));
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
    return sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
                 socklen_t *fromlen)
{
    struct ksockaddr k = {0};
    long rc;

    if (!IS_ENABLED(CONFIG_LWIP))
        return libc_enosys();
    if (flags & ~(MSG_PEEK | MSG_DONTWAIT | MSG_WAITALL))
        return ret_errno(EOPNOTSUPP);
    rc = ksock_recv(fd, buf, len, kflags(flags), from ? &k : NULL);
    if (rc >= 0 && from && k.family)
        addr_out(fd, &k, from, fromlen);
    return libc_ret(rc);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
    return recvfrom(fd, buf, len, flags, NULL, NULL);
}

int shutdown(int fd, int how)
{
    if (!IS_ENABLED(CONFIG_LWIP))
        return libc_enosys();
    if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
        return ret_errno(EINVAL);
    return libc_ret(ksock_shutdown(fd, how != SHUT_WR, how != SHUT_RD));
}

static int get_name(int fd, bool peer, struct sockaddr *addr, socklen_t *len)
{
    struct ksockaddr k;
    int rc;

    if (!IS_ENABLED(CONFIG_LWIP))
        return libc_enosys();
    rc = ksock_getname(fd, peer, &k);
    if (rc == 0)
        addr_out(fd, &k, addr, len);
    return libc_ret(rc);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
    return get_name(fd, false, addr, len);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
    return get_name(fd, true, addr, len);
}

int socketpair(int domain, int type, int protocol, int fds[2])
{
    return libc_enosys();
}
