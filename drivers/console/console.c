/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Primary console output: the PV console ring that xenconsoled drains into `xl console`,
 * registered as printk's console sink (Debian's Xen drops a domU's console_io writes,
 * which printk uses only in dom0 and before this sink exists).
 */
#include <kernel.h>
#include <events.h>
#include <console.h>
#include <printk.h>
#include <string.h>
#include <time.h>
#include <arch/atomic.h>
#include "priv.h"
#include <byte_ring.h>

struct xencons_interface *console_ring;
evtchn_port_t console_port;
unsigned long console_in_bytes, console_bad_index;
static unsigned long out_bytes, out_waits;

/*
 * How long one poll lasts before we notify the backend again. Only a lost notification
 * (or a backend that is not reading) makes a poll time out, so this is a safety net.
 */
#define KICK_INTERVAL MILLISECS(100)

/* printk's way to `xl console`: replaces console_io, which Xen drops for a domU. */
static struct printk_sink ring_sink = {
    .name = "pv-console", .write = console_write, .flush = console_flush, .is_console = true};

void init_console(void)
{
    if (start_info.flags & SIF_INITDOMAIN)
        return;
    console_ring = mfn_to_virt(start_info.console.domU.mfn);
    console_port = start_info.console.domU.evtchn;
    printk_add_sink(&ring_sink);
}

/* The backend's index changes under us: read it afresh every time. */
static uint32_t out_cons(void)
{
    return *(volatile XENCONS_RING_IDX *)&console_ring->out_cons;
}

static size_t out_space(void)
{
    int used = byte_ring_used(out_cons(), console_ring->out_prod, sizeof(console_ring->out));

    return used < 0 ? 0 : sizeof(console_ring->out) - (size_t)used;
}

/*
 * Let the backend run until the ring has want bytes free or NOW() reaches deadline.
 * SCHEDOP_poll blocks the vcpu until the port is pending whether or not it is masked, so
 * this works in event handlers and before the scheduler runs; it needs events masked,
 * since clearing the pending bit may swallow an input notification: input is pulled here.
 */
static void wait_for_backend(size_t want, uint64_t deadline)
{
    evtchn_clear(console_port);
    evtchn_send(console_port);
    if (out_space() < want)
        evtchn_poll(console_port, deadline);
    console_pull_input();
}

static void ring_write(const char *buf, size_t len)
{
    struct xencons_interface *r = console_ring;

    while (len) {
        uint32_t prod = r->out_prod, cons = out_cons();
        int n;

        mb(); /* read the consumer index before overwriting the bytes it freed */
        n = byte_ring_put(r->out, sizeof(r->out), cons, &prod, buf, len);
        if (n < 0) {
            /* A nonsense index: dropping beats scribbling or waiting forever. */
            console_bad_index++;
            return;
        }
        if (n == 0) {
            out_waits++;
            wait_for_backend(1, NOW() + KICK_INTERVAL);
            continue;
        }
        wmb(); /* the backend must see the bytes before the new producer index */
        r->out_prod = prod;
        out_bytes += n;
        buf += n;
        len -= n;
    }
}

static void raw_write(const char *buf, size_t len)
{
    if (console_ring)
        ring_write(buf, len);
    else
        HYPERVISOR_console_io(CONSOLEIO_write, len, buf);
}

/*
 * Events stay masked for the whole write, so lines from handlers and threads never mix;
 * one notification at the end covers all of it.
 */
void console_write(const char *buf, size_t len)
{
    unsigned long flags = local_irq_save();

    while (len) {
        const char *nl = memchr(buf, '\n', len);
        size_t n = nl ? (size_t)(nl - buf) : len;

        raw_write(buf, n);
        if (nl) {
            raw_write("\r\n", 2);
            n++;
        }
        buf += n;
        len -= n;
    }
    if (console_ring)
        evtchn_send(console_port);
    local_irq_restore(flags);
}

void console_flush(void)
{
    unsigned long flags;
    uint64_t deadline;

    if (!console_ring)
        return;
    flags = local_irq_save();
    /* Bounded: a backend that never drains must not stop a shutdown. */
    deadline = NOW() + SECONDS(5);
    while (out_space() < sizeof(console_ring->out) && NOW() < deadline)
        wait_for_backend(sizeof(console_ring->out), MIN(NOW() + MILLISECS(10), deadline));
    local_irq_restore(flags);
}

void console_get_stats(struct console_stats *s)
{
    unsigned long flags = local_irq_save();

    s->out_bytes = out_bytes;
    s->out_waits = out_waits;
    s->in_bytes = console_in_bytes;
    s->bad_index = console_bad_index;
    local_irq_restore(flags);
}
