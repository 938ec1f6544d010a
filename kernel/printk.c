/* SPDX-License-Identifier: BSD-2-Clause */
/* printk: format once, then write to each sink: console_io, the memory log, drivers' sinks. */
#include <kernel.h>
#include <events.h>
#include <fmt.h>
#include <hypervisor.h>
#include <printk.h>
#include <string.h>

static char log_buf[PRINTK_LOG_SIZE];
static uint32_t log_prod; /* bytes ever written; the log holds the last PRINTK_LOG_SIZE */

static struct printk_sink *sinks;

BUILD_BUG_ON(PRINTK_LOG_SIZE &(PRINTK_LOG_SIZE - 1));

/* The hypervisor's console: "\r\n" line ends for the serial terminal behind it. */
static void console_io_write(const char *buf, size_t len)
{
    while (len) {
        size_t n = 0;

        while (n < len && buf[n] != '\n')
            n++;
        if (n)
            HYPERVISOR_console_io(CONSOLEIO_write, n, buf);
        if (n < len) {
            HYPERVISOR_console_io(CONSOLEIO_write, 2, "\r\n");
            n++;
        }
        buf += n;
        len -= n;
    }
}

static struct printk_sink console_io_sink = {.name = "console_io", .write = console_io_write};

/* Until a console sink is added, and in dom0 (whose console_io Xen prints), console_io. */
static bool use_console_io(void)
{
    if (start_info.flags & SIF_INITDOMAIN)
        return true;
    for (struct printk_sink *s = sinks; s; s = s->next)
        if (s->is_console)
            return false;
    return true;
}

static void log_write(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        log_buf[log_prod++ & (PRINTK_LOG_SIZE - 1)] = buf[i];
}

static void emit(const char *buf, size_t len)
{
    unsigned long flags = local_irq_save();

    log_write(buf, len);
    if (use_console_io())
        console_io_sink.write(buf, len);
    for (struct printk_sink *s = sinks; s; s = s->next)
        s->write(buf, len);
    local_irq_restore(flags);
}

void vprintk(const char *fmt, va_list ap)
{
    char buf[512];
    int len = vsnprintf(buf, sizeof(buf), fmt, ap);

    if (len < 0)
        return;
    if ((size_t)len >= sizeof(buf)) {
        static const char more[] = "[...]\n";

        memcpy(buf + sizeof(buf) - sizeof(more), more, sizeof(more));
        len = sizeof(buf) - 1;
    }
    emit(buf, len);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void printk_add_sink(struct printk_sink *s)
{
    unsigned long flags = local_irq_save();

    s->next = sinks;
    sinks = s;
    local_irq_restore(flags);
}

void printk_remove_sink(struct printk_sink *s)
{
    unsigned long flags = local_irq_save();

    for (struct printk_sink **link = &sinks; *link; link = &(*link)->next)
        if (*link == s) {
            *link = s->next;
            break;
        }
    local_irq_restore(flags);
}

void printk_flush(void)
{
    for (struct printk_sink *s = sinks; s; s = s->next)
        if (s->flush)
            s->flush();
}

size_t printk_log_read(char *buf, size_t size)
{
    unsigned long flags = local_irq_save();
    uint32_t held = MIN(log_prod, (uint32_t)PRINTK_LOG_SIZE);
    size_t n = size ? MIN((size_t)held, size - 1) : 0;

    for (size_t i = 0; i < n; i++)
        buf[i] = log_buf[(log_prod - n + i) & (PRINTK_LOG_SIZE - 1)];
    if (size)
        buf[n] = '\0';
    local_irq_restore(flags);
    return n;
}

void printk_log_dump(void)
{
    static char copy[PRINTK_LOG_SIZE + 1];
    size_t n = printk_log_read(copy, sizeof(copy));
    unsigned long flags = local_irq_save();

    for (struct printk_sink *s = sinks; s; s = s->next)
        if (s->is_console)
            s->write(copy, n);
    local_irq_restore(flags);
}
