/* SPDX-License-Identifier: BSD-2-Clause */
/* String to integer conversion: the C strto* family and the strict str_to_ull/str_to_ll. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* GCC's freestanding limits.h wants a C library one behind it, so use the predefined limits. */
#define LONG_MAX_   ((unsigned long long)__LONG_MAX__)
#define ULONG_MAX_  (LONG_MAX_ * 2 + 1)
#define LLONG_MAX_  ((unsigned long long)__LONG_LONG_MAX__)
#define ULLONG_MAX_ (~0ULL)

/* Result of scanning a number: sign and magnitude, kept apart so each caller clamps its way. */
struct parsed {
    unsigned long long mag; /* saturated at ULLONG_MAX once overflowed */
    const char *end;        /* just past the last digit */
    bool neg;
    bool overflow;
    bool digits;
};

static unsigned int digit_value(int c)
{
    if (isdigit(c))
        return (unsigned int)(c - '0');
    if (islower(c))
        return (unsigned int)(c - 'a' + 10);
    if (isupper(c))
        return (unsigned int)(c - 'A' + 10);
    return 36; /* not a digit in any base */
}

/*
 * Sign, base prefix and digits, with no white space skipping. "0x" only counts as a prefix if a
 * hex digit follows, so "0xg" parses as 0 ending at the 'x', as C requires.
 */
static void scan(const char *s, int base, struct parsed *p)
{
    *p = (struct parsed){.end = s};
    if (*s == '+' || *s == '-')
        p->neg = *s++ == '-';
    if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
        isxdigit(s[2])) {
        s += 2;
        base = 16;
    } else if (base == 0) {
        base = s[0] == '0' ? 8 : 10;
    }
    if (base < 2 || base > 36)
        return;
    for (; digit_value(*s) < (unsigned int)base; s++) {
        unsigned long long v;

        /* The builtins inline on -m32 too, where a division-based check would need libgcc. */
        if (__builtin_mul_overflow(p->mag, (unsigned int)base, &v) ||
            __builtin_add_overflow(v, digit_value(*s), &v)) {
            p->overflow = true;
            v = ULLONG_MAX_;
        }
        p->mag = v;
        p->digits = true;
        p->end = s + 1;
    }
}

/* C-style front end: skip white space, and report where parsing stopped through endptr. */
static void scan_c(const char *s, char **endptr, int base, struct parsed *p)
{
    const char *start = s;

    while (isspace(*s))
        s++;
    scan(s, base, p);
    if (endptr)
        *endptr = (char *)(p->digits ? p->end : start);
}

/* Clamp to 0..max; a '-' negates modulo max + 1 like C's unsigned conversions. */
static unsigned long long clamp_unsigned(const struct parsed *p, unsigned long long max,
                                         bool *range)
{
    if (p->overflow || p->mag > max) {
        *range = true;
        return max;
    }
    return p->neg ? (0 - p->mag) & max : p->mag;
}

/* Clamp to -max-1..max without ever negating a value that does not fit. */
static long long clamp_signed(const struct parsed *p, unsigned long long max, bool *range)
{
    if (p->overflow || p->mag > max + p->neg) {
        *range = true;
        return p->neg ? -(long long)max - 1 : (long long)max;
    }
    if (p->neg && p->mag)
        return -(long long)(p->mag - 1) - 1;
    return (long long)p->mag;
}

unsigned long long strtoull(const char *s, char **endptr, int base)
{
    struct parsed p;
    bool range = false;

    scan_c(s, endptr, base, &p);
    return clamp_unsigned(&p, ULLONG_MAX_, &range);
}

unsigned long strtoul(const char *s, char **endptr, int base)
{
    struct parsed p;
    bool range = false;

    scan_c(s, endptr, base, &p);
    return (unsigned long)clamp_unsigned(&p, ULONG_MAX_, &range);
}

long long strtoll(const char *s, char **endptr, int base)
{
    struct parsed p;
    bool range = false;

    scan_c(s, endptr, base, &p);
    return clamp_signed(&p, LLONG_MAX_, &range);
}

long strtol(const char *s, char **endptr, int base)
{
    struct parsed p;
    bool range = false;

    scan_c(s, endptr, base, &p);
    return (long)clamp_signed(&p, LONG_MAX_, &range);
}

/* Strict front end: the number must start at s[0] and run to the terminating NUL. */
static int scan_strict(const char *s, int base, struct parsed *p)
{
    if (isspace(*s))
        return -EINVAL;
    scan(s, base, p);
    if (!p->digits || *p->end)
        return -EINVAL;
    return 0;
}

int str_to_ull(const char *s, int base, unsigned long long *res)
{
    struct parsed p;
    bool range = false;
    unsigned long long v;
    int err = scan_strict(s, base, &p);

    if (err)
        return err;
    if (p.neg)
        return -EINVAL;
    v = clamp_unsigned(&p, ULLONG_MAX_, &range);
    if (range)
        return -ERANGE;
    *res = v;
    return 0;
}

int str_to_ll(const char *s, int base, long long *res)
{
    struct parsed p;
    bool range = false;
    long long v;
    int err = scan_strict(s, base, &p);

    if (err)
        return err;
    v = clamp_signed(&p, LLONG_MAX_, &range);
    if (range)
        return -ERANGE;
    *res = v;
    return 0;
}
