/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * select() and poll() over every kind of descriptor (console, files, devices, sockets),
 * from any thread, with timeouts: both become libc/core/poll.c's kfd_poll().
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include "libc.h"

_Static_assert(POLLIN == FD_POLLIN && POLLOUT == FD_POLLOUT && POLLERR == FD_POLLERR &&
                   POLLHUP == FD_POLLHUP && POLLNVAL == FD_POLLNVAL && POLLPRI == FD_POLLPRI,
               "poll.h bits are fdtab.h's");

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
    struct kpollfd small[16], *k = small;
    int ready;

    if (n > FD_MAX) {
        errno = EINVAL;
        return -1;
    }
    if (n > sizeof(small) / sizeof(small[0])) {
        k = malloc(n * sizeof(*k));
        if (!k) {
            errno = ENOMEM;
            return -1;
        }
    }
    for (nfds_t i = 0; i < n; i++) {
        k[i].fd = fds[i].fd;
        k[i].events = (unsigned short)fds[i].events;
    }
    ready = kfd_poll(k, n, timeout_ms < 0 ? -1 : (int64_t)timeout_ms * 1000000);
    for (nfds_t i = 0; i < n; i++)
        fds[i].revents = k[i].revents;
    if (k != small)
        free(k);
    return ready;
}

/* One kpollfd per descriptor named in any of the three sets. */
static unsigned int collect(int nfds, fd_set *r, fd_set *w, fd_set *e, struct kpollfd *k)
{
    unsigned int n = 0;

    for (int fd = 0; fd < nfds; fd++) {
        unsigned int ev = 0;

        if (r && FD_ISSET(fd, r))
            ev |= FD_POLLIN;
        if (w && FD_ISSET(fd, w))
            ev |= FD_POLLOUT;
        if (e && FD_ISSET(fd, e))
            ev |= FD_POLLPRI;
        if (ev) {
            k[n].fd = fd;
            k[n++].events = ev;
        }
    }
    return n;
}

int select(int nfds, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{
    struct kpollfd k[FD_SETSIZE];
    unsigned int n;
    int64_t timeout = -1;
    int count = 0;

    if (nfds < 0 || nfds > FD_SETSIZE || (tv && (tv->tv_sec < 0 || tv->tv_usec < 0))) {
        errno = EINVAL;
        return -1;
    }
    if (tv)
        timeout = tv->tv_sec * 1000000000LL + tv->tv_usec * 1000LL;
    n = collect(nfds, r, w, e, k);
    kfd_poll(k, n, timeout);
    for (unsigned int i = 0; i < n; i++)
        if (k[i].revents & FD_POLLNVAL) {
            errno = EBADF;
            return -1;
        }
    if (r)
        FD_ZERO(r);
    if (w)
        FD_ZERO(w);
    if (e)
        FD_ZERO(e);
    for (unsigned int i = 0; i < n; i++) {
        unsigned int got = k[i].revents, want = k[i].events;

        /* An error or hang-up makes a descriptor "readable": the read() will tell. */
        if ((want & FD_POLLIN) && (got & (FD_POLLIN | FD_POLLERR | FD_POLLHUP)) && ++count)
            FD_SET(k[i].fd, r);
        if ((want & FD_POLLOUT) && (got & (FD_POLLOUT | FD_POLLERR)) && ++count)
            FD_SET(k[i].fd, w);
        if ((want & FD_POLLPRI) && (got & FD_POLLPRI) && ++count)
            FD_SET(k[i].fd, e);
    }
    return count; /* tv unchanged, as on the BSDs */
}
