/* SPDX-License-Identifier: BSD-2-Clause */
/* Memory and string primitives in portable C; the mem* ones go a word at a time when they can. */
#include <stdint.h>
#include <string.h>

/*
 * Block copies and fills move whole machine words once both pointers share an alignment:
 * memcpy/memset of pages and ring buffers is hot, and byte loops are 4-8x slower. may_alias
 * makes the word accesses legal whatever the real type of the memory is.
 */
typedef unsigned long __attribute__((may_alias)) word_t;
#define WSIZE sizeof(word_t)

static int word_aligned(uintptr_t addr)
{
    return (addr & (WSIZE - 1)) == 0;
}

/* Forward copy; also correct for overlapping buffers when dst is below src. */
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
    if (word_aligned((uintptr_t)d ^ (uintptr_t)s)) {
        for (; n && !word_aligned((uintptr_t)d); n--)
            *d++ = *s++;
        for (; n >= WSIZE; n -= WSIZE, d += WSIZE, s += WSIZE)
            *(word_t *)d = *(const word_t *)s;
    }
    while (n--)
        *d++ = *s++;
}

/* Copy from the top down, so an overlapping source above dst is read before it is written. */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
    d += n;
    s += n;
    if (word_aligned((uintptr_t)d ^ (uintptr_t)s)) {
        for (; n && !word_aligned((uintptr_t)d); n--)
            *--d = *--s;
        for (; n >= WSIZE; n -= WSIZE) {
            d -= WSIZE;
            s -= WSIZE;
            *(word_t *)d = *(const word_t *)s;
        }
    }
    while (n--)
        *--d = *--s;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    copy_forward(dst, src, n);
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    if ((uintptr_t)dst - (uintptr_t)src >= n)
        copy_forward(dst, src, n); /* dst below src, or no overlap at all */
    else
        copy_backward(dst, src, n);
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    /* ~0 / 0xff is 0x0101...01 for any word size; times the byte replicates it. */
    word_t pattern = (word_t)-1 / 0xff * (unsigned char)c;

    for (; n && !word_aligned((uintptr_t)d); n--)
        *d++ = (unsigned char)c;
    for (; n >= WSIZE; n -= WSIZE, d += WSIZE)
        *(word_t *)d = pattern;
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    for (; n; n--, p++, q++) {
        if (*p != *q)
            return *p - *q;
    }
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for (; n; n--, p++) {
        if (*p == (unsigned char)c)
            return (void *)p;
    }
    return NULL;
}

size_t strlen(const char *s)
{
    const char *p = s;

    while (*p)
        p++;
    return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t maxlen)
{
    size_t n = 0;

    while (n < maxlen && s[n])
        n++;
    return n;
}

/* Comparisons are on unsigned char values, as C requires, so "\x80" sorts after "a". */
int strcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

    while (*p && *p == *q) {
        p++;
        q++;
    }
    return *p - *q;
}

int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

    for (; n; n--, p++, q++) {
        if (*p != *q || !*p)
            return *p - *q;
    }
    return 0;
}

/* The terminator counts as part of the string: strchr(s, '\0') finds the end. */
char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}

/* Naive search: the strings the kernel searches are short, so O(n*m) does not matter. */
char *strstr(const char *haystack, const char *needle)
{
    size_t len = strlen(needle);

    if (!len)
        return (char *)haystack;
    for (; *haystack; haystack++) {
        if (*haystack == *needle && !strncmp(haystack, needle, len))
            return (char *)haystack;
    }
    return NULL;
}

char *strcpy(char *restrict dst, const char *restrict src)
{
    memcpy(dst, src, strlen(src) + 1);
    return dst;
}

/* Pads with NULs up to n, and leaves dst unterminated if src is n bytes or longer. */
char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
    size_t len = strnlen(src, n);

    memcpy(dst, src, len);
    memset(dst + len, 0, n - len);
    return dst;
}

char *strcat(char *restrict dst, const char *restrict src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
    size_t len = strlen(src);

    if (size) {
        size_t n = len < size ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}
