/* SPDX-License-Identifier: BSD-2-Clause */
/* Memory and string primitives, plus the strto* number parsers (there is no stdlib.h). */
#ifndef MINIOS_STRING_H
#define MINIOS_STRING_H

#include <stddef.h>

/* The compiler may emit calls to memcpy, memmove, memset and memcmp on its own. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);

/* The C versions; prefer strlcpy, which always terminates and reports truncation. */
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
char *strcat(char *restrict dst, const char *restrict src);

/*
 * Copies at most size - 1 bytes and NUL-terminates when size > 0. Returns strlen(src), so the
 * copy was truncated exactly when the result is >= size.
 */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);

/*
 * C semantics: skip leading white space, accept a sign, then digits in base 2..36. Base 0
 * picks 16 for a "0x"/"0X" prefix, 8 for a leading "0" and 10 otherwise; base 16 also accepts
 * the prefix. *endptr (if endptr is not NULL) is set past the last digit used, or to s if there
 * were none. On overflow the result saturates (ULONG_MAX, LONG_MAX, LONG_MIN, ...); with no
 * errno in the kernel, use str_to_ull/str_to_ll when overflow has to be detected.
 */
unsigned long strtoul(const char *s, char **endptr, int base);
long strtol(const char *s, char **endptr, int base);
unsigned long long strtoull(const char *s, char **endptr, int base);
long long strtoll(const char *s, char **endptr, int base);

/*
 * Strict whole-string parsers for input from outside (xenstore values, the command line):
 * same syntax as strtoull/strtoll, except that leading white space is refused, str_to_ull
 * refuses a '-' sign, and the entire string must be consumed. Return 0 and store the value,
 * -EINVAL for no digits or other characters, -ERANGE if out of range; *res is left untouched
 * on error.
 */
int str_to_ull(const char *s, int base, unsigned long long *res);
int str_to_ll(const char *s, int base, long long *res);

#endif
