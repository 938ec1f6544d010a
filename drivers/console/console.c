/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel console output. A domU's output goes to the PV console ring that xenconsoled
 * drains into `xl console`; Debian's Xen drops a domU's console_io writes, so console_io
 * is only used by dom0 and before the ring is set up.
 */
#include <kernel.h>
#include <events.h>
#include <fmt.h>
#include <string.h>
#include <xen/io/console.h>

static struct xencons_interface *ring;
static evtchn_port_t ring_port;

void init_console(void)
{
    if (start_info.flags & SIF_INITDOMAIN)
        return;
    ring = mfn_to_virt(start_info.console.domU.mfn);
    ring_port = start_info.console.domU.evtchn;
}

static size_t ring_space(void)
{
    return sizeof(ring->out) - (ring->out_prod - ring->out_cons);
}

/*
 * The ring is full: let the backend run. Polling works whether or not events are masked,
 * so this is safe from event handlers and before the event machinery is up.
 */
static void wait_for_backend(uint64_t timeout_ns)
{
    evtchn_clear(ring_port);
    evtchn_send(ring_port);
    if (ring_space() == 0)
        evtchn_poll(ring_port, timeout_ns);
}

static void ring_write(const char *buf, size_t len)
{
    while (len) {
        XENCONS_RING_IDX prod = ring->out_prod;
        size_t n = MIN(len, ring_space());

        if (n == 0) {
            wait_for_backend(0);
            continue;
        }
        for (size_t i = 0; i < n; i++)
            ring->out[MASK_XENCONS_IDX(prod++, ring->out)] = buf[i];
        wmb(); /* the backend must see the bytes before the new producer index */
        ring->out_prod = prod;
        buf += n;
        len -= n;
    }
    evtchn_send(ring_port);
}

static void raw_write(const char *buf, size_t len)
{
    if (ring)
        ring_write(buf, len);
    else
        HYPERVISOR_console_io(CONSOLEIO_write, len, buf);
}

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
    local_irq_restore(flags);
}

void console_flush(void)
{
    /* Bounded: a backend that never drains must not stop a shutdown (~5 s at most). */
    for (int i = 0; ring && i < 500 && ring->out_cons != ring->out_prod; i++) {
        uint64_t now = this_vcpu()->time.system_time;

        evtchn_clear(ring_port);
        evtchn_send(ring_port);
        evtchn_poll(ring_port, now + 10 * 1000 * 1000);
    }
}

void vprintk(const char *fmt, va_list ap)
{
    char buf[512];
    int len = vsnprintf(buf, sizeof(buf), fmt, ap);

    if (len < 0)
        return;
    if ((size_t)len >= sizeof(buf)) {
        console_write(buf, sizeof(buf) - 1);
        console_write("[...]\n", 6);
        return;
    }
    console_write(buf, len);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}
