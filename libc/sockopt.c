/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * setsockopt/getsockopt: the supported options by level and name (see core/sockopt.c),
 * with timeouts as struct timeval; every other option is ENOPROTOOPT.
 */
#include <errno.h>
#include <string.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <compiler.h>
#include "libc.h"

static const struct {
    int level, name;
    enum ksock_opt opt;
} options[] = {
    {SOL_SOCKET, SO_REUSEADDR, KSO_REUSEADDR},   {SOL_SOCKET, SO_KEEPALIVE, KSO_KEEPALIVE},
    {SOL_SOCKET, SO_BROADCAST, KSO_BROADCAST},   {SOL_SOCKET, SO_TYPE, KSO_TYPE},
    {SOL_SOCKET, SO_DOMAIN, KSO_DOMAIN},         {SOL_SOCKET, SO_ERROR, KSO_ERROR},
    {SOL_SOCKET, SO_ACCEPTCONN, KSO_ACCEPTCONN}, {SOL_SOCKET, SO_RCVTIMEO, KSO_RCVTIMEO},
    {SOL_SOCKET, SO_SNDTIMEO, KSO_SNDTIMEO},     {IPPROTO_TCP, TCP_NODELAY, KSO_NODELAY},
    {IPPROTO_IPV6, IPV6_V6ONLY, KSO_V6ONLY},
};

/* The option, or -1. */
static int lookup(int level, int name)
{
    for (unsigned int i = 0; i < sizeof(options) / sizeof(options[0]); i++)
        if (options[i].level == level && options[i].name == name)
            return (int)options[i].opt;
    return -1;
}

static bool is_timeout(int opt)
{
    return opt == KSO_RCVTIMEO || opt == KSO_SNDTIMEO;
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
    int opt = lookup(level, name), v;

    if (!IS_ENABLED(CONFIG_LWIP))
        return libc_enosys();
    if (opt < 0) {
        int family, rc = ksock_getopt(fd, KSO_DOMAIN, &family);

        return libc_ret(rc ? rc : -errno_to_kernel(ENOPROTOOPT));
    }
    if (!val || len < (is_timeout(opt) ? sizeof(struct timeval) : sizeof(int))) {
        errno = EINVAL;
        return -1;
    }
    if (is_timeout(opt)) {
        const struct timeval *tv = val;

        if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000) {
            errno = EDOM;
            return -1;
        }
        /* Rounded up: a timeout of 1 us must not become "no timeout". */
        v = tv->tv_sec > 2000000 ? 2000000000
                                 : (int)(tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000);
    } else {
        memcpy(&v, val, sizeof(v));
    }
    return libc_ret(ksock_setopt(fd, opt, v));
}

/* The kernel's value in the libc's terms. */
static int value_out(int opt, int v)
{
    switch (opt) {
    case KSO_TYPE:
        return v == KSOCK_STREAM ? SOCK_STREAM : SOCK_DGRAM;
    case KSO_DOMAIN:
        return v == KSOCK_AF_INET ? AF_INET : AF_INET6;
    case KSO_ERROR:
        return v ? errno_from_kernel(v) : 0;
    default:
        return v;
    }
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
    int opt = lookup(level, name), v, rc;

    if (!IS_ENABLED(CONFIG_LWIP))
        return libc_enosys();
    if (opt < 0) {
        int family;

        rc = ksock_getopt(fd, KSO_DOMAIN, &family);
        return libc_ret(rc ? rc : -errno_to_kernel(ENOPROTOOPT));
    }
    if (!val || !len || *len < (is_timeout(opt) ? sizeof(struct timeval) : sizeof(int))) {
        errno = EINVAL;
        return -1;
    }
    rc = ksock_getopt(fd, opt, &v);
    if (rc)
        return libc_ret(rc);
    if (is_timeout(opt)) {
        struct timeval tv = {.tv_sec = v / 1000, .tv_usec = (v % 1000) * 1000};

        memcpy(val, &tv, sizeof(tv));
        *len = sizeof(tv);
    } else {
        v = value_out(opt, v);
        memcpy(val, &v, sizeof(v));
        *len = sizeof(v);
    }
    return 0;
}
