/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Descriptors 0-2: the PV console. Output goes out as written (stdio line-buffers stdout);
 * input is a terminal in canonical mode: a whole typed line (edited and echoed by the
 * console driver) is handed out with its "\n", over as many read() calls as it takes.
 */
#include <kernel.h>
#include <console.h>
#include <string.h>
#include <time.h>
#include "../kernapi.h"
#include "core.h"

#define LINE_MAX 1024

static char line[LINE_MAX + 1];
static size_t line_len, line_pos;

/* Read the next typed line into the buffer: 0, or -errno (-EIO without a console ring). */
static int fill_line(void)
{
    int n;

    console_set_echo(true);
    n = console_read_line(line, LINE_MAX);
    if (n == -EMSGSIZE)
        n = strlen(line); /* the rest was dropped by the driver; give what fitted */
    if (n < 0)
        return n == -ENODEV ? -EIO : n;
    line[n] = '\n';
    line_len = n + 1;
    line_pos = 0;
    return 0;
}

static long console_fd_read(struct fd_file *f, void *buf, size_t len)
{
    size_t n;

    if (len == 0)
        return 0;
    if (line_pos == line_len) {
        int rc;

        /* Non-blocking and nothing typed yet: do not wait for a line. */
        if ((f->flags & FD_O_NONBLOCK) && console_input_wait(1) == -ETIMEDOUT)
            return -EAGAIN;
        rc = fill_line();
        if (rc)
            return rc;
    }
    n = MIN(len, line_len - line_pos);
    memcpy(buf, line + line_pos, n);
    line_pos += n;
    return n;
}

static long console_fd_write(struct fd_file *f, const void *buf, size_t len)
{
    console_write(buf, len);
    return len;
}

static int console_fd_fstat(struct fd_file *f, struct fd_stat *st)
{
    st->mode = FD_S_IFCHR | 0620;
    st->nlink = 1;
    st->blksize = 1024;
    return 0;
}

static unsigned int console_fd_poll(struct fd_file *f)
{
    unsigned int bits = FD_POLLOUT;

    /* A deadline in the past asks without waiting. */
    if (line_pos < line_len || console_input_wait(1) == 0)
        bits |= FD_POLLIN;
    return bits;
}

const struct fd_ops console_fd_ops = {
    .name = "console",
    .read = console_fd_read,
    .write = console_fd_write,
    .fstat = console_fd_fstat,
    .poll = console_fd_poll,
};
