/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The descriptor table: descriptors point at reference-counted struct fd_file (shared after
 * dup). Descriptors 0, 1 and 2 are the console, set up on first use of the table.
 */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <wait.h>
#include "../kernapi.h"
#include "core.h"

struct fd_slot {
    struct fd_file *file;
    bool cloexec;
};

static struct fd_slot table[FD_MAX];
static bool table_ready;

/* select()/poll() sleep here; fd_notify() wakes them all to re-check readiness. */
static DEFINE_WAIT_QUEUE(ready_wq);
static volatile unsigned long notify_gen;

static void table_init(void)
{
    if (table_ready)
        return;
    table_ready = true;
    for (int fd = 0; fd < 3; fd++) {
        struct fd_file *f = calloc(1, sizeof(*f));

        if (!f)
            panic("libc: no memory for the console descriptors");
        f->ops = &console_fd_ops;
        f->flags = fd == 0 ? FD_O_RDONLY : FD_O_WRONLY;
        f->refs = 1;
        table[fd].file = f;
    }
}

/* The lowest free slot >= min, or -EMFILE. */
static int free_slot(int min)
{
    table_init();
    for (int fd = min; fd < FD_MAX; fd++)
        if (!table[fd].file)
            return fd;
    return -EMFILE;
}

int fd_install(const struct fd_ops *ops, void *priv, int flags)
{
    int fd = free_slot(0);
    struct fd_file *f;

    if (fd < 0)
        return fd;
    f = calloc(1, sizeof(*f));
    if (!f)
        return -ENOMEM;
    f->ops = ops;
    f->priv = priv;
    f->flags = flags;
    f->refs = 1;
    table[fd].file = f;
    table[fd].cloexec = false;
    return fd;
}

int fd_install_file(struct fd_file *f)
{
    int fd = free_slot(0);

    if (fd < 0)
        return fd;
    f->refs = 1;
    table[fd].file = f;
    table[fd].cloexec = false;
    return fd;
}

struct fd_file *fd_get(int fd)
{
    struct fd_file *f;

    table_init();
    if (fd < 0 || fd >= FD_MAX || !table[fd].file)
        return NULL;
    f = table[fd].file;
    f->refs++;
    return f;
}

/* Drop one reference; the last one closes the file: close()'s result. */
static int file_release(struct fd_file *f)
{
    int rc = 0;

    ASSERT(f->refs > 0);
    if (--f->refs)
        return 0;
    if (f->ops->close)
        rc = f->ops->close(f);
    free(f);
    /* A poll() on this file must see it gone. */
    fd_notify();
    return rc;
}

void fd_put(struct fd_file *f)
{
    file_release(f);
}

void fd_notify(void)
{
    notify_gen++; /* one vCPU: a handler's increment cannot interleave with ours */
    wake_up(&ready_wq);
}

unsigned long fd_notify_generation(void)
{
    return notify_gen;
}

struct wait_queue_head *fd_ready_queue(void)
{
    return &ready_wq;
}

int kfd_close(int fd)
{
    struct fd_file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    table[fd].file = NULL;
    f->refs--; /* the table's reference; ours goes below */
    return file_release(f);
}

int kfd_dup(int fd, int min)
{
    struct fd_file *f = fd_get(fd);
    int nfd;

    if (!f)
        return -EBADF;
    if (min < 0 || min >= FD_MAX) {
        fd_put(f);
        return -EINVAL;
    }
    nfd = free_slot(min);
    if (nfd < 0) {
        fd_put(f);
        return nfd;
    }
    table[nfd].file = f; /* keeps the reference fd_get took */
    table[nfd].cloexec = false;
    return nfd;
}

int kfd_dup2(int fd, int newfd)
{
    struct fd_file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    if (newfd < 0 || newfd >= FD_MAX) {
        fd_put(f);
        return -EBADF;
    }
    if (newfd == fd) {
        fd_put(f);
        return fd;
    }
    if (table[newfd].file)
        kfd_close(newfd);
    table[newfd].file = f;
    table[newfd].cloexec = false;
    return newfd;
}

int kfd_getfl(int fd)
{
    struct fd_file *f = fd_get(fd);
    int flags;

    if (!f)
        return -EBADF;
    flags = f->flags;
    fd_put(f);
    return flags;
}

int kfd_setfl(int fd, int flags)
{
    const int changeable = FD_O_APPEND | FD_O_NONBLOCK;
    struct fd_file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    f->flags = (f->flags & ~changeable) | (flags & changeable);
    fd_put(f);
    return 0;
}

int kfd_getfd(int fd)
{
    table_init();
    if (fd < 0 || fd >= FD_MAX || !table[fd].file)
        return -EBADF;
    return table[fd].cloexec;
}

int kfd_setfd(int fd, int cloexec)
{
    table_init();
    if (fd < 0 || fd >= FD_MAX || !table[fd].file)
        return -EBADF;
    table[fd].cloexec = cloexec != 0;
    return 0;
}

int kfd_isatty(int fd)
{
    struct fd_file *f = fd_get(fd);
    int tty;

    if (!f)
        return -EBADF;
    tty = f->ops == &console_fd_ops;
    fd_put(f);
    return tty;
}
