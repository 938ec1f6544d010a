/* SPDX-License-Identifier: BSD-2-Clause */
/* Kernel console: printk and the PV console ring that carries it to `xl console`. */
#ifndef MINIOS_CONSOLE_H
#define MINIOS_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>
#include <compiler.h>

/* Format and write to the console. Never drops output; usable from event handlers. */
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap) __printf(1, 0);

/* Write raw bytes, turning "\n" into "\r\n" for the terminal on the other end. */
void console_write(const char *buf, size_t len);

/* Wait (bounded) until the backend has consumed everything written so far. */
void console_flush(void);

/* Bring up the PV console ring from start_info (dom0 keeps using console_io). */
void init_console(void);

#endif
