/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * poll() over every kind of descriptor: ask each file's ops->poll, and if nothing is ready
 * sleep on the one readiness queue that every driver's fd_notify() wakes. An ops->poll may
 * itself wait on another queue (which leaves the thread runnable), so a lost wake-up is
 * ruled out by fd_notify()'s generation count instead: taken before the files are asked,
 * compared after the thread is queued and blocked.
 */
#include <kernel.h>
#include <time.h>
#include "../kernapi.h"
#include "core.h"

static unsigned int file_ready(int fd)
{
    struct fd_file *f = fd_get(fd);
    unsigned int bits;

    if (!f)
        return FD_POLLNVAL;
    bits = f->ops->poll ? f->ops->poll(f) : FD_POLLIN | FD_POLLOUT;
    fd_put(f);
    return bits;
}

/* Fill revents of every entry: how many have something to report. */
static int scan(struct kpollfd *fds, unsigned int n)
{
    const unsigned int always = FD_POLLERR | FD_POLLHUP | FD_POLLNVAL;
    int ready = 0;

    for (unsigned int i = 0; i < n; i++) {
        fds[i].revents = 0;
        if (fds[i].fd < 0)
            continue; /* POSIX: ignored */
        fds[i].revents = file_ready(fds[i].fd) & (fds[i].events | always);
        if (fds[i].revents)
            ready++;
    }
    return ready;
}

int kfd_poll(struct kpollfd *fds, unsigned int n, int64_t timeout_ns)
{
    struct wait_queue_head *wq = fd_ready_queue();
    uint64_t deadline = timeout_ns < 0 ? 0 : NOW() + (uint64_t)timeout_ns;
    struct waiter w;
    int ready;

    init_waiter(&w);
    for (;;) {
        unsigned long gen = fd_notify_generation();

        ready = scan(fds, n);
        if (ready || (timeout_ns >= 0 && NOW() >= deadline))
            break;
        prepare_to_wait(wq, &w, deadline);
        if (gen == fd_notify_generation())
            schedule();
    }
    finish_wait(wq, &w);
    return ready;
}
