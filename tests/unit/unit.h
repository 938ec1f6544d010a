/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared declarations for the host unit tests: the runner contract and lib/'s test-time names. */
#ifndef UNIT_H
#define UNIT_H

/*
 * How kernel code meets the host here (see unit.mk): each test's kernel sources are compiled
 * freestanding against include/, linked into one relocatable object, and every global symbol
 * that object defines is renamed with a kt_ prefix. So the kernel's memcpy becomes kt_memcpy
 * and cannot clash with glibc's, and calls between kernel files follow the rename. References
 * the object does not define (a printk, say) keep their names, so a test can supply a stub.
 *
 * Tests include only host headers plus this file, never the kernel's include/: they declare
 * the kt_ functions they call, as below for lib/.
 */
#include <check.h>
#include <stdarg.h>
#include <stddef.h>

/* Each test file defines this, returning its Suite; unit_main.c runs and reports it. */
Suite *unit_suite(void);

/* Adds fn as a test case of its own, named after the function, so results name each test. */
void unit_add(Suite *s, const char *name, const TTest *fn);
#define UNIT_ADD(s, fn) unit_add((s), #fn, (fn))

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)       ((a) < (b) ? (a) : (b))
#define KT_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* lib/vsnprintf.c */
int kt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) KT_PRINTF(3, 0);
int kt_snprintf(char *buf, size_t size, const char *fmt, ...) KT_PRINTF(3, 4);
int kt_vscnprintf(char *buf, size_t size, const char *fmt, va_list ap) KT_PRINTF(3, 0);
int kt_scnprintf(char *buf, size_t size, const char *fmt, ...) KT_PRINTF(3, 4);

/* lib/string.c */
void *kt_memcpy(void *dst, const void *src, size_t n);
void *kt_memmove(void *dst, const void *src, size_t n);
void *kt_memset(void *dst, int c, size_t n);
int kt_memcmp(const void *a, const void *b, size_t n);
void *kt_memchr(const void *s, int c, size_t n);
size_t kt_strlen(const char *s);
size_t kt_strnlen(const char *s, size_t maxlen);
int kt_strcmp(const char *a, const char *b);
int kt_strncmp(const char *a, const char *b, size_t n);
char *kt_strchr(const char *s, int c);
char *kt_strrchr(const char *s, int c);
char *kt_strstr(const char *haystack, const char *needle);
char *kt_strcpy(char *dst, const char *src);
char *kt_strncpy(char *dst, const char *src, size_t n);
char *kt_strcat(char *dst, const char *src);
size_t kt_strlcpy(char *dst, const char *src, size_t size);

/* lib/strtol.c */
unsigned long kt_strtoul(const char *s, char **endptr, int base);
long kt_strtol(const char *s, char **endptr, int base);
unsigned long long kt_strtoull(const char *s, char **endptr, int base);
long long kt_strtoll(const char *s, char **endptr, int base);
int kt_str_to_ull(const char *s, int base, unsigned long long *res);
int kt_str_to_ll(const char *s, int base, long long *res);

/* lib/errname.c */
const char *kt_strerror_name(int err);
const char *kt_strerror_desc(int err);

#endif
