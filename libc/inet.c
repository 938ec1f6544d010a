/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Text <-> binary for IPv4 and IPv6 addresses: inet_pton/inet_ntop (RFC 4291 text, RFC 5952
 * output: lowercase, the longest run of two or more zero groups as "::", an IPv4 tail for
 * mapped and compatible addresses), inet_aton/inet_addr/inet_ntoa. Pure code over the
 * standard headers only, so tests/unit compiles this file on the host and compares it with
 * glibc's.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

/* Dotted quad, exactly four decimal parts 0-255 without leading zeros (inet_pton's rule). */
static int pton4(const char *s, uint8_t out[4])
{
    for (int part = 0; part < 4; part++) {
        unsigned int v = 0, digits = 0;

        while (*s >= '0' && *s <= '9') {
            if (digits && v == 0)
                return 0; /* a leading zero */
            v = v * 10 + (unsigned int)(*s++ - '0');
            if (v > 255)
                return 0;
            digits++;
        }
        if (!digits)
            return 0;
        out[part] = (uint8_t)v;
        if (part < 3 && *s++ != '.')
            return 0;
    }
    return *s == '\0';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Groups of up to 4 hex digits, at most one "::", optionally an IPv4 tail in the last 32 bits. */
static int pton6(const char *s, uint8_t out[16])
{
    uint8_t buf[16] = {0};
    int n = 0, gap = -1;

    if (s[0] == ':' && s[1] != ':')
        return 0;
    if (s[0] == ':')
        s++;
    while (*s) {
        const char *start = s;
        unsigned int v = 0;
        int d;

        if (*s == ':') {
            if (gap >= 0)
                return 0; /* a second "::" */
            gap = n;
            s++;
            continue;
        }
        while ((d = hexval(*s)) >= 0 && s - start < 4)
            v = v * 16 + (unsigned int)d, s++;
        if (*s == '.' && n <= 12) {
            if (!pton4(start, buf + n))
                return 0;
            n += 4;
            break;
        }
        if (s == start || n >= 16 || (*s && *s != ':'))
            return 0;
        buf[n++] = (uint8_t)(v >> 8);
        buf[n++] = (uint8_t)v;
        if (*s == ':' && *++s == '\0')
            return 0; /* a trailing single ':' */
    }
    if (gap >= 0) {
        if (n == 16)
            return 0; /* "::" must stand for at least one group */
        memmove(buf + 16 - (n - gap), buf + gap, (size_t)(n - gap));
        memset(buf + gap, 0, (size_t)(16 - n));
    } else if (n != 16) {
        return 0;
    }
    memcpy(out, buf, 16);
    return 1;
}

int inet_pton(int af, const char *src, void *dst)
{
    if (af == AF_INET)
        return pton4(src, dst);
    if (af == AF_INET6)
        return pton6(src, dst);
    errno = EAFNOSUPPORT;
    return -1;
}

/* The longest run (>= 2) of zero groups: its start and length, or start -1. */
static void zero_run(const uint16_t g[8], int *best, int *best_len)
{
    *best = -1;
    *best_len = 1;
    for (int i = 0; i < 8;) {
        int j = i;

        while (j < 8 && !g[j])
            j++;
        if (j - i > *best_len) {
            *best = i;
            *best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
}

static void ntop6(const uint8_t a[16], char *out)
{
    uint16_t g[8];
    int best, len;
    char *p = out;

    for (int i = 0; i < 8; i++)
        g[i] = (uint16_t)(a[2 * i] << 8 | a[2 * i + 1]);
    zero_run(g, &best, &len);
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            *p++ = ':';
            i += len - 1;
            if (i == 7)
                *p++ = ':';
            continue;
        }
        if (i)
            *p++ = ':';
        /* ::ffff:a.b.c.d and ::a.b.c.d (not :: or ::1) keep the IPv4 tail. */
        if (i == 6 && best == 0 && (len == 6 || (len == 5 && g[5] == 0xffff))) {
            sprintf(p, "%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
            return;
        }
        p += sprintf(p, "%x", g[i]);
    }
    *p = '\0';
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
    char tmp[INET6_ADDRSTRLEN];
    const uint8_t *a = src;

    if (af == AF_INET)
        snprintf(tmp, sizeof(tmp), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    else if (af == AF_INET6)
        ntop6(a, tmp);
    else {
        errno = EAFNOSUPPORT;
        return NULL;
    }
    if (strlen(tmp) >= size) {
        errno = ENOSPC;
        return NULL;
    }
    strcpy(dst, tmp);
    return dst;
}

/* The BSD forms a, a.b, a.b.c, a.b.c.d, each part decimal, 0octal or 0xhex. */
int inet_aton(const char *cp, struct in_addr *inp)
{
    unsigned long parts[4];
    int n = 0;
    uint32_t v;

    for (;;) {
        char *end;

        if (n == 4 || !(*cp >= '0' && *cp <= '9'))
            return 0;
        parts[n++] = strtoul(cp, &end, 0);
        if (parts[n - 1] > 0xffffffffUL)
            return 0;
        cp = end;
        if (*cp != '.')
            break;
        cp++;
    }
    if (*cp && *cp != ' ' && *cp != '\t' && *cp != '\n')
        return 0;
    static const uint32_t last_max[] = {0xffffffff, 0xffffff, 0xffff, 0xff};
    for (int i = 0; i < n - 1; i++)
        if (parts[i] > 0xff)
            return 0;
    if (parts[n - 1] > last_max[n - 1])
        return 0;
    v = (uint32_t)parts[n - 1];
    for (int i = 0; i < n - 1; i++)
        v |= (uint32_t)parts[i] << (24 - 8 * i);
    if (inp)
        inp->s_addr = htonl(v);
    return 1;
}

in_addr_t inet_addr(const char *cp)
{
    struct in_addr a;

    return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
    static char buf[INET_ADDRSTRLEN];

    return (char *)inet_ntop(AF_INET, &in, buf, sizeof(buf));
}
