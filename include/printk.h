/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel messages: printk formats once and hands the bytes to every sink. The core keeps
 * two of its own, the hypervisor's console_io (until a console driver takes over, and
 * always in dom0) and an in-memory log that can be read back; drivers add sinks (the PV
 * console ring), so nothing in kernel/, mm/ or arch/ depends on a driver to print.
 */
#ifndef MINIOS_PRINTK_H
#define MINIOS_PRINTK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <compiler.h>

/* Any context: threads, event handlers, before the scheduler runs. Lines never mix. */
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap) __printf(1, 0);

struct printk_sink {
    const char *name;
    /* Called with events masked; buf holds one or more whole printk calls, "\n" ends lines. */
    void (*write)(const char *buf, size_t len);
    /* Wait (bounded) until what was written is out; may be NULL. */
    void (*flush)(void);
    /* Replaces the early console_io sink (a domU's primary console does). */
    bool is_console;
    struct printk_sink *next;
};

/* Add a sink; it gets every later message. */
void printk_add_sink(struct printk_sink *s);
void printk_remove_sink(struct printk_sink *s);
/* Flush every sink (before shutting down). */
void printk_flush(void);

/*
 * The in-memory log: the last PRINTK_LOG_SIZE bytes printed, oldest first, copied into
 * buf (NUL-terminated, at most size - 1 bytes: the newest ones). Returns the length.
 */
#define PRINTK_LOG_SIZE 16384
size_t printk_log_read(char *buf, size_t size);
/* Write the in-memory log to every console sink again (e.g. after a late console). */
void printk_log_dump(void);

#endif
