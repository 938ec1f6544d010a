/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console suites: API contracts and printk from an event handler (console), 64 KiB of
 * printk and two 16 KiB single writes through the 2 KiB ring (console-burst, checked on the
 * host), and typed input sent by a dom0 script through xenconsole (console-input).
 */
#include <kernel.h>
#include <console.h>
#include <events.h>
#include <fmt.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>
#include "test.h"

#define BURST_LINES 1024 /* of 64 bytes: 64 KiB */
/*
 * 16 KiB (8 rings) in one console_write, from a thread and from an event handler. A write
 * notifies the backend only when the ring is full, so the ring must fill whatever the
 * backend's pace: xenconsoled sometimes drained line-by-line printk as fast as we wrote
 * (PVH), and Xen's PV shim drains the ring inside the notify hypercall itself, so under the
 * shim line-by-line output never fills it.
 */
#define BLOCK_LINES    256
#define BURST_LINE_MAX 72 /* a burst line: prefix, number, 52 letters, "\n" */

static volatile int handler_runs;
static char burst_block[BLOCK_LINES * BURST_LINE_MAX];
static size_t burst_block_len;

/* One printk line from event context. */
static void print_handler(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    printk("hello from an event handler\n");
    handler_runs++;
}

/* The whole block in one write from event context: the ring fills and we must wait. */
static void block_handler(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    console_write(burst_block, burst_block_len);
    handler_runs++;
}

/* Fire the handler once and wait (as a thread) for it to have run: 0 or -errno. */
static int run_in_handler(evtchn_handler_t handler)
{
    evtchn_port_t a, b;
    int before = handler_runs, rc = test_loopback(handler, &a, &b);
    uint64_t deadline = NOW() + SECONDS(10);

    if (rc)
        return rc;
    evtchn_send(a);
    while (handler_runs == before && NOW() < deadline)
        msleep(1);
    evtchn_close(b);
    evtchn_close(a);
    return handler_runs == before ? -ETIMEDOUT : 0;
}

void suite_console(void)
{
    struct console_stats s;
    char buf[8];
    uint64_t t0;
    int rc;

    rc = console_read_line(buf, 0);
    test_check("read_line_size0", rc == -EINVAL, "rc %d", rc);
    rc = console_input_wait(NOW() + MILLISECS(1));
    test_check("input_wait_timeout", rc == -ETIMEDOUT, "rc %d (did someone type?)", rc);
    rc = console_getc();
    test_check("getc_empty", rc == -EAGAIN, "rc %d", rc);
    rc = run_in_handler(print_handler);
    test_check("printk_in_handler", rc == 0, "rc %d", rc);
    t0 = NOW();
    console_flush();
    console_get_stats(&s);
    test_check("flush", NOW() - t0 < SECONDS(5), "%llu us",
               (unsigned long long)((NOW() - t0) / NSEC_PER_USEC));
    test_check("stats", s.out_bytes > 0 && s.bad_index == 0, "out %lu waits %lu in %lu bad %lu",
               s.out_bytes, s.out_waits, s.in_bytes, s.bad_index);
}

/* Line i of a burst: prefix, number, 52 letters derived from i (the host checks every byte). */
static size_t burst_line(char *buf, size_t size, const char *prefix, unsigned int i)
{
    char body[53];

    for (unsigned int j = 0; j < 52; j++)
        body[j] = (char)('a' + (i + j) % 26);
    body[52] = '\0';
    return (size_t)snprintf(buf, size, "%s %04u %s\n", prefix, i, body);
}

/* BLOCK_LINES lines of prefix into burst_block[], for one write. */
static void fill_block(const char *prefix)
{
    burst_block_len = 0;
    for (unsigned int i = 0; i < BLOCK_LINES; i++)
        burst_block_len += burst_line(burst_block + burst_block_len,
                                      sizeof(burst_block) - burst_block_len, prefix, i);
}

/*
 * Whether the output since *before went through whole: at least want bytes in the ring
 * (each "\n" became "\r\n"; others may have printed meanwhile) and no index trouble.
 * Reports the ring-full count in the detail; with waited, the ring must have filled.
 */
static bool check_output(const char *name, const struct console_stats *before, unsigned long want,
                         bool waited, int rc)
{
    struct console_stats now;
    unsigned long bytes, waits;

    console_get_stats(&now);
    bytes = now.out_bytes - before->out_bytes;
    waits = now.out_waits - before->out_waits;
    return test_check(name, rc == 0 && bytes >= want && now.bad_index == 0 && (!waited || waits),
                      "rc %d, %lu of %lu bytes, ring full %lu times, bad %lu", rc, bytes, want,
                      waits, now.bad_index);
}

void suite_console_burst(void)
{
    struct console_stats before;
    char line[BURST_LINE_MAX];
    size_t len = 0;
    int rc;

    /* Line by line: whether the ring fills depends on the backend's pace, so not asked. */
    console_get_stats(&before);
    for (unsigned int i = 0; i < BURST_LINES; i++) {
        len += burst_line(line, sizeof(line), "burst", i);
        printk("%s", line);
    }
    printk("burst-end lines=%u\n", BURST_LINES);
    check_output("burst_lines", &before, len + BURST_LINES, false, 0);
    fill_block("block");
    console_get_stats(&before);
    console_write(burst_block, burst_block_len);
    printk("block-end lines=%u\n", BLOCK_LINES);
    check_output("block_waited", &before, burst_block_len + BLOCK_LINES, true, 0);
    fill_block("hburst");
    console_get_stats(&before);
    rc = run_in_handler(block_handler);
    printk("hburst-end lines=%u\n", BLOCK_LINES);
    check_output("handler_burst", &before, burst_block_len + BLOCK_LINES, true, rc);
}

/* The lines the dom0 script of tests/boot/console-input.cfg types, in order. */
static void expect_line(const char *name, const char *want)
{
    char line[64];
    int n = console_read_line(line, sizeof(line));

    test_check(name, n >= 0 && strcmp(line, want) == 0, "got '%s' (rc %d)", n >= 0 ? line : "", n);
}

/* A line longer than both rings (1 KiB + 1 KiB): held back, never dropped. */
static void expect_long_line(size_t want)
{
    static char line[4096];
    int n = console_read_line(line, sizeof(line));
    size_t xs = 0;

    while (n > 0 && xs < (size_t)n && line[xs] == 'x')
        xs++;
    test_check("console_input_long", n == (int)want && xs == want, "%d bytes, %zu of them x", n,
               xs);
}

void suite_console_input(void)
{
    struct console_stats s;
    int rc;

    console_set_echo(true);
    printk("console-input: waiting for typed lines\n");
    /*
     * The dom0 script types once this is written. A fixed delay raced our boot: under the
     * PV shim, Xen boots inside the domain first, for several seconds under load.
     */
    xenbus_write(XBT_NIL, "data/console-ready", "1");
    rc = console_input_wait(NOW() + SECONDS(60));
    if (rc) {
        test_report("console_input_wait", TEST_FAIL, "rc %d: nothing typed in 60 s", rc);
        return;
    }
    expect_line("console_input", "hello");
    expect_line("console_input_edit", "ac");
    expect_line("console_input_lf", "last");
    expect_long_line(3000);
    console_get_stats(&s);
    test_check("console_input_stats", s.bad_index == 0, "in %lu bytes, bad %lu", s.in_bytes,
               s.bad_index);
}

/* A line from an extra console (CR or LF ended; empty lines skipped): its length or -errno. */
static int channel_line(struct consfront *c, char *buf, size_t size, uint64_t deadline)
{
    size_t len = 0;

    for (;;) {
        char ch;
        long n = consfront_read(c, &ch, 1, deadline);

        if (n < 0)
            return (int)n;
        if (ch == '\r' || ch == '\n') {
            if (len)
                break;
            continue;
        }
        if (len + 1 < size)
            buf[len++] = ch;
    }
    buf[len] = '\0';
    return (int)len;
}

/* The dom0 script answers: the line it expects after what we sent, checked as name. */
static void channel_expect(struct consfront *c, const char *name, const char *want)
{
    char line[64];
    int rc = channel_line(c, line, sizeof(line), NOW() + SECONDS(60));

    test_check(name, rc >= 0 && strcmp(line, want) == 0, "got '%s' (rc %d)", rc >= 0 ? line : "",
               rc);
}

/* 8 KiB in one write: four times the ring, so the write must wait for QEMU to drain it. */
static void channel_big_write(struct consfront *c)
{
    static char big[8192];
    long n;

    memset(big, 'y', sizeof(big));
    n = consfront_write(c, big, sizeof(big));
    test_check("channel_big_write", n == (long)sizeof(big), "rc %ld", n);
    channel_expect(c, "channel_big_count", "count: 8192");
}

/* After "bye" the dom0 script sets the backend's state to Closing: a blocked read must end. */
static void channel_backend_gone(struct consfront *c)
{
    uint64_t t0 = NOW();
    char ch;
    long n = consfront_write(c, "bye\n", 4);

    if (n == 4)
        n = consfront_read(c, &ch, 1, NOW() + SECONDS(30));
    test_check("channel_backend_gone", n == -ENOTCONN, "rc %ld after %llu ms", n,
               (unsigned long long)((NOW() - t0) / NSEC_PER_MSEC));
}

/* Channel "test0" (tests/boot/console-channel.cfg): a round trip with its dom0 script. */
void suite_console_channel(void)
{
    struct consfront *c;
    uint64_t deadline = NOW() + SECONDS(60);
    int id, rc;
    long n;

    if (!IS_ENABLED(CONFIG_CONSFRONT)) {
        test_report("channel", TEST_SKIP, "CONFIG_CONSFRONT=n");
        return;
    }
    /* The dom0 script creates the device once we run. */
    while ((id = consfront_find("test0")) < 0 && NOW() < deadline)
        msleep(200);
    if (!test_check("channel_find", id >= 1, "id %d", id))
        return;
    rc = consfront_open(id, &c, SECONDS(30));
    if (!test_check("channel_open", rc == 0, "device/console/%d rc %d", id, rc))
        return;
    test_check("channel_name", strcmp(consfront_name(c), "test0") == 0, "'%s'", consfront_name(c));
    channel_expect(c, "channel_read", "ping");
    n = consfront_write(c, "pong test0\n", 11);
    test_check("channel_write", n == 11, "rc %ld", n);
    channel_expect(c, "channel_roundtrip", "got: pong test0");
    channel_big_write(c);
    channel_backend_gone(c);
    rc = consfront_close(c);
    test_check("channel_close", rc == 0, "rc %d", rc);
}
