/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pipe(): a 4 KiB byte ring between two descriptors, for threads of the one process. A
 * reader blocks until there are bytes or no writer is left (end of file); a writer blocks
 * until there is room, and gets -EPIPE once no reader is left. Each change wakes the
 * pipe's own waiters and select()/poll() (fd_notify).
 */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <wait.h>
#include "../kernapi.h"
#include "core.h"

#define PIPE_SIZE 4096

struct pipe {
    char buf[PIPE_SIZE];
    size_t head, count; /* bytes buf[head .. head + count) (mod PIPE_SIZE) */
    bool reader_open, writer_open;
    struct wait_queue_head wq;
};

static void pipe_changed(struct pipe *p)
{
    wake_up(&p->wq);
    fd_notify();
}

static long pipe_read(struct fd_file *f, void *buf, size_t len)
{
    struct pipe *p = f->priv;
    size_t n = 0;

    if (len == 0)
        return 0;
    if (!p->count && p->writer_open) {
        if (f->flags & FD_O_NONBLOCK)
            return -EAGAIN;
        wait_event(p->wq, p->count || !p->writer_open);
    }
    while (n < len && p->count) {
        size_t chunk = MIN(MIN(len - n, p->count), PIPE_SIZE - p->head);

        memcpy((char *)buf + n, p->buf + p->head, chunk);
        p->head = (p->head + chunk) % PIPE_SIZE;
        p->count -= chunk;
        n += chunk;
    }
    if (n)
        pipe_changed(p);
    return n;
}

static long pipe_write(struct fd_file *f, const void *buf, size_t len)
{
    struct pipe *p = f->priv;
    size_t n = 0;

    while (n < len) {
        size_t tail, chunk;

        if (p->count == PIPE_SIZE && p->reader_open) {
            if (f->flags & FD_O_NONBLOCK)
                return n ? (long)n : -EAGAIN;
            wait_event(p->wq, p->count < PIPE_SIZE || !p->reader_open);
        }
        if (!p->reader_open)
            return n ? (long)n : -EPIPE;
        tail = (p->head + p->count) % PIPE_SIZE;
        chunk = MIN(MIN(len - n, PIPE_SIZE - p->count), PIPE_SIZE - tail);
        memcpy(p->buf + tail, (const char *)buf + n, chunk);
        p->count += chunk;
        n += chunk;
        pipe_changed(p);
    }
    return n;
}

static unsigned int pipe_poll(struct fd_file *f)
{
    struct pipe *p = f->priv;

    if ((f->flags & FD_O_ACCMODE) == FD_O_RDONLY)
        return (p->count ? FD_POLLIN : 0) | (p->writer_open ? 0 : FD_POLLHUP);
    if (!p->reader_open)
        return FD_POLLERR;
    return p->count < PIPE_SIZE ? FD_POLLOUT : 0;
}

static int pipe_fstat(struct fd_file *f, struct fd_stat *st)
{
    st->mode = FD_S_IFIFO | 0600;
    st->nlink = 1;
    st->blksize = PIPE_SIZE;
    return 0;
}

/* Each end closes once; the pipe goes when both have. */
static int pipe_close(struct fd_file *f)
{
    struct pipe *p = f->priv;

    if ((f->flags & FD_O_ACCMODE) == FD_O_RDONLY)
        p->reader_open = false;
    else
        p->writer_open = false;
    pipe_changed(p);
    if (!p->reader_open && !p->writer_open)
        free(p);
    return 0;
}

static const struct fd_ops pipe_ops = {
    .name = "pipe",
    .read = pipe_read,
    .write = pipe_write,
    .poll = pipe_poll,
    .fstat = pipe_fstat,
    .close = pipe_close,
};

int kfd_pipe(int fds[2])
{
    struct pipe *p = calloc(1, sizeof(*p));

    if (!p)
        return -ENOMEM;
    init_waitqueue_head(&p->wq);
    p->reader_open = p->writer_open = true;
    fds[0] = fd_install(&pipe_ops, p, FD_O_RDONLY);
    if (fds[0] < 0) {
        free(p);
        return fds[0];
    }
    fds[1] = fd_install(&pipe_ops, p, FD_O_WRONLY);
    if (fds[1] < 0) {
        int rc = fds[1];

        kfd_close(fds[0]); /* frees nothing yet: the writer end is still "open" */
        free(p);
        return rc;
    }
    return 0;
}
