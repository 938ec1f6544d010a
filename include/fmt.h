/* SPDX-License-Identifier: BSD-2-Clause */
/* Formatted output into memory buffers: the printf engine every console and log path uses. */
#ifndef MINIOS_FMT_H
#define MINIOS_FMT_H

#include <stdarg.h>
#include <stddef.h>
#include <compiler.h>

/*
 * Supported: %d %i %u %x %X %o %c %s %p %%, length modifiers hh h l ll j z t, flags "-0+ #",
 * field width and precision (both may be '*'). There is no floating point; an unknown or
 * unsupported conversion (including %n and %f) is copied to the output literally and consumes
 * no argument. %s of NULL prints "(null)" (cut by the precision like any string); %p prints
 * "0x" followed by lower-case hex, also for NULL ("0x0").
 */

/*
 * C99 semantics: returns the length the complete output would have had (not counting the NUL),
 * writes at most size bytes and always NUL-terminates when size > 0. buf may be NULL when size
 * is 0, to measure. Returns -1 if the full length would not fit in an int.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __printf(3, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * Like vsnprintf, but returns the number of characters actually stored in buf (not counting
 * the NUL), so "pos += scnprintf(buf + pos, size - pos, ...)" can never run past the end.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap) __printf(3, 0);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif
