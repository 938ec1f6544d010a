/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * select() and poll(): timeouts (nothing ready), immediate readiness, bad descriptors, and
 * a wake-up through fd_notify() from another thread, on a test descriptor whose readiness
 * the test controls (as a socket's would change).
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include <fdtab.h>
#include "../test.h"
#include "../../../libc/kernapi.h"
#include "libc_tests.h"

static volatile unsigned int flag_bits;

static unsigned int flag_poll(struct fd_file *f)
{
    return flag_bits;
}

static long flag_read(struct fd_file *f, void *buf, size_t len)
{
    if (!(flag_bits & FD_POLLIN))
        return -11; /* kernel EAGAIN */
    flag_bits = 0;
    *(char *)buf = 'x';
    return 1;
}

static const struct fd_ops flag_ops = {.name = "test-flag", .read = flag_read, .poll = flag_poll};

static void raise_flag(void *arg)
{
    usleep(100000);
    flag_bits = FD_POLLIN;
    fd_notify();
}

static void test_poll_timeout(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    uint64_t t0 = test_libc_now_ms();
    int n = poll(&p, 1, 150);
    uint64_t ms = test_libc_now_ms() - t0;

    test_check("libc_poll_timeout", n == 0 && p.revents == 0 && ms >= 150 && ms < 3000,
               "n %d revents %#x after %llu ms", n, p.revents, (unsigned long long)ms);
    t0 = test_libc_now_ms();
    n = poll(NULL, 0, 60);
    ms = test_libc_now_ms() - t0;
    test_check("libc_poll_sleep", n == 0 && ms >= 60 && ms < 3000, "n %d after %llu ms", n,
               (unsigned long long)ms);
}

static void test_select_timeout(int fd)
{
    struct timeval tv = {0, 120000};
    fd_set r;
    uint64_t t0 = test_libc_now_ms(), ms;
    int n;

    FD_ZERO(&r);
    FD_SET(fd, &r);
    n = select(fd + 1, &r, NULL, NULL, &tv);
    ms = test_libc_now_ms() - t0;
    test_check("libc_select_timeout", n == 0 && !FD_ISSET(fd, &r) && ms >= 120 && ms < 3000,
               "n %d after %llu ms", n, (unsigned long long)ms);
}

static void test_ready_now(int fd)
{
    struct pollfd p[3] = {
        {.fd = 1, .events = POLLOUT}, {.fd = 77, .events = POLLIN}, {.fd = -1, .events = POLLIN}};
    struct timeval tv = {5, 0};
    fd_set w;
    int n = poll(p, 3, 5000);

    test_check("libc_poll_ready_and_nval",
               n == 2 && p[0].revents == POLLOUT && p[1].revents == POLLNVAL && !p[2].revents,
               "n %d revents %#x %#x %#x", n, p[0].revents, p[1].revents, p[2].revents);
    FD_ZERO(&w);
    FD_SET(1, &w);
    n = select(2, NULL, &w, NULL, &tv);
    test_check("libc_select_stdout_writable", n == 1 && FD_ISSET(1, &w), "n %d", n);
    FD_ZERO(&w);
    FD_SET(40, &w);
    errno = 0;
    n = select(41, &w, NULL, NULL, &tv);
    test_check("libc_select_ebadf", n == -1 && errno == EBADF, "n %d errno %d", n, errno);
}

static void test_wakeup(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    struct thread *t;
    uint64_t t0, ms;
    char c = 0;
    int n;

    flag_bits = 0;
    t = kthread_create("raise-flag", raise_flag, NULL);
    t0 = test_libc_now_ms();
    n = poll(&p, 1, 10000);
    ms = test_libc_now_ms() - t0;
    if (t)
        kthread_join(t);
    test_check("libc_poll_wakeup", n == 1 && p.revents == POLLIN && ms >= 100 && ms < 5000,
               "n %d revents %#x after %llu ms", n, p.revents, (unsigned long long)ms);
    test_check("libc_read_custom_fd", read(fd, &c, 1) == 1 && c == 'x', "got %d", c);
    errno = 0;
    test_check("libc_read_custom_eagain", read(fd, &c, 1) == -1 && errno == EAGAIN, "errno %d",
               errno);
}

static void pipe_writer(void *arg)
{
    int fd = *(int *)arg;

    usleep(50000);
    write(fd, "hello", 5);
    usleep(20000);
    close(fd);
}

/* A pipe between two threads: poll wakes on data, read gets it, then end of file. */
static void test_pipe(void)
{
    int fds[2], rc = pipe(fds), n;
    struct pollfd p;
    struct thread *t;
    char buf[8] = "";

    if (!test_check("libc_pipe", rc == 0 && fds[0] >= 0 && fds[1] >= 0, "rc %d errno %d", rc,
                    errno))
        return;
    t = kthread_create("pipe-writer", pipe_writer, &fds[1]);
    p = (struct pollfd){.fd = fds[0], .events = POLLIN};
    n = poll(&p, 1, 10000);
    test_check("libc_pipe_poll", n == 1 && (p.revents & POLLIN), "n %d revents %#x", n, p.revents);
    n = read(fds[0], buf, sizeof(buf));
    test_check("libc_pipe_read", n == 5 && !memcmp(buf, "hello", 5), "n %d", n);
    n = read(fds[0], buf, sizeof(buf)); /* blocks until the writer closes */
    test_check("libc_pipe_eof", n == 0, "n %d", n);
    if (t)
        kthread_join(t);
    rc = pipe(fds);
    close(fds[0]);
    errno = 0;
    n = rc ? 0 : write(fds[1], "x", 1);
    test_check("libc_pipe_epipe", n == -1 && errno == EPIPE, "n %d errno %d", n, errno);
    close(fds[1]);
}

void test_libc_poll(void)
{
    int fd = fd_install(&flag_ops, NULL, FD_O_RDONLY);

    if (!test_check("libc_fd_install", fd >= 3, "rc %d", fd))
        return;
    test_poll_timeout(fd);
    test_select_timeout(fd);
    test_ready_now(fd);
    test_wakeup(fd);
    close(fd);
    test_pipe();
}
