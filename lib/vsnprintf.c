/* SPDX-License-Identifier: BSD-2-Clause */
/* The printf engine behind every console and log line: integers, characters, strings, pointers. */
#include <stdbool.h>
#include <stdint.h>
#include <fmt.h>
#include <string.h>

/*
 * Output goes through a sink that counts every character but stores only those that fit, which
 * is what gives the C99 "length it would have had" return value for free.
 */
struct sink {
    char *buf;
    size_t cap; /* characters buf can take, leaving room for the NUL */
    size_t len; /* characters produced so far, saturating at SIZE_MAX */
};

static void sink_advance(struct sink *s, size_t n)
{
    s->len = n > SIZE_MAX - s->len ? SIZE_MAX : s->len + n;
}

static void emit(struct sink *s, const char *p, size_t n)
{
    if (s->len < s->cap)
        memcpy(s->buf + s->len, p, MIN(n, s->cap - s->len));
    sink_advance(s, n);
}

/* Padding is counted, not looped over, so a huge width past the buffer end costs nothing. */
static void emit_repeat(struct sink *s, char c, size_t n)
{
    if (s->len < s->cap)
        memset(s->buf + s->len, c, MIN(n, s->cap - s->len));
    sink_advance(s, n);
}

enum {
    F_LEFT = 1 << 0,  /* '-' */
    F_ZERO = 1 << 1,  /* '0' */
    F_PLUS = 1 << 2,  /* '+' */
    F_SPACE = 1 << 3, /* ' ' */
    F_ALT = 1 << 4,   /* '#' */
};

enum length {
    LEN_INT,
    LEN_CHAR,
    LEN_SHORT,
    LEN_LONG,
    LEN_LLONG,
    LEN_INTMAX,
    LEN_SIZE,
    LEN_PTRDIFF
};

struct spec {
    unsigned int flags;
    int width; /* 0 when absent */
    int prec;  /* -1 when absent */
    enum length len;
    char conv;
};

static const char *parse_flags(const char *p, unsigned int *flags)
{
    static const char chars[] = "-0+ #"; /* bit i of flags is chars[i]: the F_ order above */

    for (;; p++) {
        const char *f = *p ? strchr(chars, *p) : NULL;

        if (!f)
            return p;
        *flags |= 1u << (f - chars);
    }
}

/* Decimal digits, saturating at INT_MAX rather than overflowing on absurd widths. */
static const char *parse_int(const char *p, int *out)
{
    int v = 0;

    for (; *p >= '0' && *p <= '9'; p++) {
        int d = *p - '0';

        v = v > (__INT_MAX__ - d) / 10 ? __INT_MAX__ : v * 10 + d;
    }
    *out = v;
    return p;
}

/* Width and precision; a '*' takes an int argument, negative meaning '-' or "no precision". */
static const char *parse_width_prec(const char *p, struct spec *sp, va_list *ap)
{
    if (*p == '*') {
        int w = va_arg(*ap, int);

        p++;
        if (w < 0) {
            sp->flags |= F_LEFT;
            w = w == -__INT_MAX__ - 1 ? __INT_MAX__ : -w;
        }
        sp->width = w;
    } else {
        p = parse_int(p, &sp->width);
    }
    if (*p != '.')
        return p;
    p++;
    if (*p == '*') {
        int pr = va_arg(*ap, int);

        sp->prec = pr < 0 ? -1 : pr;
        return p + 1;
    }
    return parse_int(p, &sp->prec);
}

static const char *parse_length(const char *p, enum length *len)
{
    switch (*p) {
    case 'h':
        *len = p[1] == 'h' ? LEN_CHAR : LEN_SHORT;
        return p + (p[1] == 'h' ? 2 : 1);
    case 'l':
        *len = p[1] == 'l' ? LEN_LLONG : LEN_LONG;
        return p + (p[1] == 'l' ? 2 : 1);
    case 'j':
        *len = LEN_INTMAX;
        return p + 1;
    case 'z':
        *len = LEN_SIZE;
        return p + 1;
    case 't':
        *len = LEN_PTRDIFF;
        return p + 1;
    default:
        *len = LEN_INT;
        return p;
    }
}

/*
 * va_arg with the promoted type of each length, then narrowed back for hh and h. size_t and
 * ptrdiff_t are the unsigned/signed pair of one width on every target we build for.
 */
static unsigned long long fetch_unsigned(enum length len, va_list *ap)
{
    switch (len) {
    case LEN_CHAR:
        return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_SHORT:
        return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_LONG:
        return va_arg(*ap, unsigned long);
    case LEN_LLONG:
        return va_arg(*ap, unsigned long long);
    case LEN_INTMAX:
        return va_arg(*ap, uintmax_t);
    case LEN_SIZE:
    case LEN_PTRDIFF:
        return va_arg(*ap, size_t);
    default:
        return va_arg(*ap, unsigned int);
    }
}

static long long fetch_signed(enum length len, va_list *ap)
{
    switch (len) {
    case LEN_CHAR:
        return (signed char)va_arg(*ap, int);
    case LEN_SHORT:
        return (short)va_arg(*ap, int);
    case LEN_LONG:
        return va_arg(*ap, long);
    case LEN_LLONG:
        return va_arg(*ap, long long);
    case LEN_INTMAX:
        return va_arg(*ap, intmax_t);
    case LEN_SIZE:
    case LEN_PTRDIFF:
        return va_arg(*ap, ptrdiff_t);
    default:
        return va_arg(*ap, int);
    }
}

/*
 * v / 10 by long division on 16-bit pieces: every step fits in 32 bits, so -m32 builds need no
 * __udivdi3 from libgcc. Only used while the value is too big for a native unsigned long.
 */
static unsigned long long div10(unsigned long long v, unsigned int *rem)
{
    unsigned long long q = 0;
    unsigned int r = 0;

    for (int shift = 48; shift >= 0; shift -= 16) {
        unsigned int cur = (r << 16) | (unsigned int)((v >> shift) & 0xffff);

        q |= (unsigned long long)(cur / 10) << shift;
        r = cur % 10;
    }
    *rem = r;
    return q;
}

/* Writes the digits of v so that they end just before end; returns how many. */
static size_t to_digits(char *end, unsigned long long v, unsigned int base, bool upper)
{
    const char *xdigits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned int shift = base == 16 ? 4 : 3;
    char *p = end;

    if (base != 10) {
        do {
            *--p = xdigits[v & (base - 1)];
            v >>= shift;
        } while (v);
        return (size_t)(end - p);
    }
    while (v > (unsigned long)-1) {
        unsigned int r;

        v = div10(v, &r);
        *--p = (char)('0' + r);
    }
    for (unsigned long w = (unsigned long)v; p == end || w; w /= 10)
        *--p = (char)('0' + w % 10);
    return (size_t)(end - p);
}

/* The sign or "0x" that goes in front of the zero padding. */
static size_t int_prefix(char *pre, const struct spec *sp, unsigned long long mag, bool neg)
{
    if (sp->conv == 'd' || sp->conv == 'i') {
        if (neg)
            pre[0] = '-';
        else if (sp->flags & (F_PLUS | F_SPACE))
            pre[0] = (sp->flags & F_PLUS) ? '+' : ' ';
        else
            return 0;
        return 1;
    }
    if (sp->conv == 'p' || ((sp->conv == 'x' || sp->conv == 'X') && (sp->flags & F_ALT) && mag)) {
        pre[0] = '0';
        pre[1] = sp->conv == 'X' ? 'X' : 'x';
        return 2;
    }
    return 0;
}

/* [spaces][prefix][zeros][digits][spaces], with C's rules for precision, '0' and '#'. */
static void fmt_integer(struct sink *s, const struct spec *sp, unsigned long long mag, bool neg)
{
    char digits[24], pre[2]; /* 22 octal digits hold 64 bits */
    unsigned int base = sp->conv == 'o' ? 8 : strchr("xXp", sp->conv) ? 16 : 10;
    size_t ndig = 0, npre, zeros, body, pad;

    /* An explicit precision of 0 prints no digits at all for the value 0. */
    if (mag || sp->prec != 0)
        ndig = to_digits(digits + sizeof(digits), mag, base, sp->conv == 'X');
    npre = int_prefix(pre, sp, mag, neg);
    zeros = sp->prec > 0 && (size_t)sp->prec > ndig ? (size_t)sp->prec - ndig : 0;
    /* '#' with %o: make the first digit a 0, adding one only if there is none already. */
    if (sp->conv == 'o' && (sp->flags & F_ALT) && !zeros && (mag || !ndig))
        zeros = 1;
    body = npre + zeros + ndig;
    if ((sp->flags & (F_ZERO | F_LEFT)) == F_ZERO && sp->prec < 0 && (size_t)sp->width > body) {
        zeros += (size_t)sp->width - body;
        body = (size_t)sp->width;
    }
    pad = (size_t)sp->width > body ? (size_t)sp->width - body : 0;
    if (!(sp->flags & F_LEFT))
        emit_repeat(s, ' ', pad);
    emit(s, pre, npre);
    emit_repeat(s, '0', zeros);
    emit(s, digits + sizeof(digits) - ndig, ndig);
    if (sp->flags & F_LEFT)
        emit_repeat(s, ' ', pad);
}

static void fmt_signed(struct sink *s, const struct spec *sp, long long v)
{
    /* Negate in unsigned arithmetic: -LLONG_MIN does not exist as a long long. */
    fmt_integer(s, sp, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v, v < 0);
}

/* %c and %s: the precision limits %s, then the text is padded with spaces to the width. */
static void fmt_text(struct sink *s, const struct spec *sp, const char *str, size_t n)
{
    size_t pad = (size_t)sp->width > n ? (size_t)sp->width - n : 0;

    if (!(sp->flags & F_LEFT))
        emit_repeat(s, ' ', pad);
    emit(s, str, n);
    if (sp->flags & F_LEFT)
        emit_repeat(s, ' ', pad);
}

static void fmt_string(struct sink *s, const struct spec *sp, const char *str)
{
    if (!str)
        str = "(null)";
    /* strnlen: with a precision the string need not be terminated within it. */
    fmt_text(s, sp, str, sp->prec >= 0 ? strnlen(str, (size_t)sp->prec) : strlen(str));
}

/* Formats the conversion starting at pct (a '%'); returns where the literal text resumes. */
static const char *convert(struct sink *s, const char *pct, va_list *ap)
{
    struct spec sp = {.prec = -1};
    const char *p = parse_flags(pct + 1, &sp.flags);
    char c;

    p = parse_width_prec(p, &sp, ap);
    p = parse_length(p, &sp.len);
    sp.conv = *p;
    switch (sp.conv) {
    case 'd':
    case 'i':
        fmt_signed(s, &sp, fetch_signed(sp.len, ap));
        break;
    case 'u':
    case 'x':
    case 'X':
    case 'o':
        fmt_integer(s, &sp, fetch_unsigned(sp.len, ap), false);
        break;
    case 'p':
        fmt_integer(s, &sp, (uintptr_t)va_arg(*ap, void *), false);
        break;
    case 'c':
        c = (char)va_arg(*ap, int);
        fmt_text(s, &sp, &c, 1);
        break;
    case 's':
        fmt_string(s, &sp, va_arg(*ap, const char *));
        break;
    case '%':
        emit(s, "%", 1);
        break;
    case '\0':
        /* The format ended inside a conversion: print what there was and stop. */
        emit(s, pct, (size_t)(p - pct));
        return p;
    default:
        /*
         * Unknown, or deliberately unsupported (%n, floating point): copy it out so the mistake
         * is visible, and take no argument since its type is unknown.
         */
        emit(s, pct, (size_t)(p + 1 - pct));
        break;
    }
    return p + 1;
}

/* Runs the whole format into the sink and NUL-terminates; returns the untruncated length. */
static size_t format(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s = {.buf = buf, .cap = size ? size - 1 : 0};
    va_list args;

    /* A copy, because only a real va_list object can be passed on by address. */
    va_copy(args, ap);
    while (*fmt) {
        const char *pct = strchr(fmt, '%');

        if (!pct) {
            emit(&s, fmt, strlen(fmt));
            break;
        }
        emit(&s, fmt, (size_t)(pct - fmt));
        fmt = convert(&s, pct, &args);
    }
    va_end(args);
    if (size)
        buf[MIN(s.len, s.cap)] = '\0';
    return s.len;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    size_t len = format(buf, size, fmt, ap);

    return len > __INT_MAX__ ? -1 : (int)len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return ret;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    size_t len = format(buf, size, fmt, ap);

    if (!size)
        return 0;
    len = MIN(len, size - 1);
    return len > __INT_MAX__ ? __INT_MAX__ : (int)len;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vscnprintf(buf, size, fmt, ap);
    va_end(ap);
    return ret;
}
