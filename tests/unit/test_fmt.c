/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/vsnprintf.c checked byte for byte against glibc's vsnprintf, plus its own extensions. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

#define BUF    160
#define POISON 0xa5

/* Per test: formats compared, and how many came out different. */
static int checked, differ;

static void show(const char *who, int ret, const unsigned char *buf, size_t size)
{
    size_t n = size ? strnlen((const char *)buf, size) : 0;

    fprintf(stderr, "    %s: %d \"%.*s\"\n", who, ret, (int)MIN(n, 100u), buf);
}

/*
 * Formats into two poisoned buffers with a limit of size (NULL buffers when 0) and compares
 * the return values and every byte of the buffers, so a stray write past size shows too.
 */
static void KT_PRINTF(3, 0) cmp_va(int line, size_t size, const char *fmt, va_list ap)
{
    unsigned char kbuf[BUF], hbuf[BUF];
    va_list ap2;
    int kret, hret;

    memset(kbuf, POISON, sizeof(kbuf));
    memset(hbuf, POISON, sizeof(hbuf));
    va_copy(ap2, ap);
    kret = kt_vsnprintf(size ? (char *)kbuf : NULL, size, fmt, ap);
    hret = vsnprintf(size ? (char *)hbuf : NULL, size, fmt, ap2);
    va_end(ap2);
    checked++;
    if (kret == hret && !memcmp(kbuf, hbuf, sizeof(kbuf)))
        return;
    if (++differ <= 20) {
        fprintf(stderr, "line %d, size %zu, format \"%s\":\n", line, size, fmt);
        show("kernel", kret, kbuf, size);
        show("glibc ", hret, hbuf, size);
    }
}

static void KT_PRINTF(3, 4) cmp_sized(int line, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    cmp_va(line, size, fmt, ap);
    va_end(ap);
}

#define CMP(...) cmp_sized(__LINE__, BUF, __VA_ARGS__)

static void start(void)
{
    checked = differ = 0;
}

/* A macro so that a failure reports the line of the test, not of a helper. */
#define finish()                                                                           \
    do {                                                                                   \
        printf("    %d formats compared with glibc\n", checked);                           \
        ck_assert_msg(differ == 0, "%d of %d formats differ from glibc", differ, checked); \
    } while (0)

/* Checks our own output where glibc's differs or C leaves it open. */
#define EXPECT(want, ...)                                        \
    do {                                                         \
        char out_[BUF];                                          \
        int ret_ = kt_snprintf(out_, sizeof(out_), __VA_ARGS__); \
        ck_assert_str_eq(out_, want);                            \
        ck_assert_int_eq(ret_, (int)strlen(want));               \
    } while (0)

static const int ints[] = {0,     1,         -1,      7,       42,         -42,    127,
                           128,   255,       256,     4096,    32767,      -32768, 65535,
                           65536, 123456789, INT_MAX, INT_MIN, INT_MIN + 1};

static const char *const int_formats[] = {
    "%d",     "%i",     "%u",    "%x",     "%X",    "%o",    "[%5d]",   "[%-5d]",    "[%05d]",
    "%+d",    "% d",    "%+5d",  "%-+6d|", "% 06d", "%.3d",  "%8.3d",   "%-8.3d|",   "%08.3d",
    "%.0d",   "%+.0d",  "%5.0d", "%#x",    "%#X",   "%#o",   "%#.0o",   "%#.0x",     "%#8x",
    "%#08x",  "%-#8x|", "%#.5o", "%hhd",   "%hd",   "%hhu",  "%hx",     "%hho",      "%%%d%%",
    "%-05d|", "%0-5d|", "%+ d",  "% +d",   "%1d",   "%.10u", "%012.4X", "<%-12.8o>",
};

/* Hand-picked formats, including every '*' form, with int arguments. */
START_TEST(test_fmt_int_table)
{
    start();
    for (size_t f = 0; f < ARRAY_SIZE(int_formats); f++) {
        for (size_t v = 0; v < ARRAY_SIZE(ints); v++)
            CMP(int_formats[f], ints[v]);
    }
    for (int w = -12; w <= 12; w += 3) {
        CMP("[%*d]", w, -77);
        CMP("[%-*x]", w, 0xabc);
        CMP("[%.*d]", w, 31);
        CMP("[%*.*d]", w, w / 2, 5);
        CMP("[%0*d]", w, -5);
    }
    CMP("%d %i %u %x %X %o %c %s %p %%", -1, 2, 3u, 0xabu, 0xCDu, 8u, 'z', "str", (void *)ints);
    CMP("no conversions at all");
    CMP("%s", "");
    finish();
}
END_TEST

static const long long wides[] = {
    0,           -1,           LLONG_MIN,     LLONG_MAX,        LLONG_MIN + 1,
    1LL << 32,   -(1LL << 32), 10000000000LL, -9999999999999LL, (long long)LONG_MIN,
    4294967295LL};

/* The 64-bit edge values through every length modifier that can hold them. */
START_TEST(test_fmt_wide_table)
{
    start();
    for (size_t v = 0; v < ARRAY_SIZE(wides); v++) {
        long long x = wides[v];

        CMP("%lld|%lli|%llu|%llx|%llX|%llo", x, x, x, x, x, x);
        CMP("%ld|%lu|%lx|%#lo|%+ld|% ld", (long)x, (long)x, (long)x, (long)x, (long)x, (long)x);
        CMP("%jd|%ju|%zd|%zu|%zx|%td|%tx", (intmax_t)x, (uintmax_t)x, (ssize_t)x, (size_t)x,
            (size_t)x, (ptrdiff_t)x, (ptrdiff_t)x);
        CMP("[%30lld][%-30llu][%030llx][%#30llo][%.25lld][%+.22lld]", x, x, x, x, x, x);
    }
    CMP("%llu %llx %llo %lld", ULLONG_MAX, ULLONG_MAX, ULLONG_MAX, LLONG_MIN);
    CMP("%lu %ld %ld", ULONG_MAX, LONG_MIN, LONG_MAX);
    finish();
}
END_TEST

static const unsigned long long gen_values[] = {0,
                                                1,
                                                9,
                                                10,
                                                15,
                                                16,
                                                100,
                                                127,
                                                128,
                                                255,
                                                256,
                                                32768,
                                                65535,
                                                0x7fffffff,
                                                0x80000000,
                                                0xffffffff,
                                                0x100000000,
                                                9999999999999,
                                                0x7fffffffffffffff,
                                                0x8000000000000000,
                                                10000000000000000000ULL,
                                                ULLONG_MAX,
                                                (unsigned long long)-42,
                                                (unsigned long long)-100000};

enum { LEN_HH, LEN_H, LEN_NONE, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, NLENS };
static const char *const lens[NLENS] = {"hh", "h", "", "l", "ll", "j", "z", "t"};

/* One comparison with v passed as the type the length modifier reads (hh and h: int). */
static void cmp_gen(const char *fmt, int len, int stars, int w, int p, unsigned long long v)
{
#define CALL(T) (stars ? CMP(fmt, w, p, (T)v) : CMP(fmt, (T)v))
    switch (len) {
    case LEN_L:
        CALL(long);
        break;
    case LEN_LL:
        CALL(long long);
        break;
    case LEN_J:
        CALL(intmax_t);
        break;
    case LEN_Z:
        CALL(size_t);
        break;
    case LEN_T:
        CALL(ptrdiff_t);
        break;
    default:
        CALL(int);
        break;
    }
#undef CALL
}

/* Builds "%<flags><width><prec><len><conv>" with flags taken from the bits of mask. */
static void build(char *out, unsigned mask, const char *wp, int len, char conv)
{
    char *p = out;

    *p++ = '%';
    for (int b = 0; b < 5; b++) {
        if (mask & (1u << b))
            *p++ = "-0+ #"[b];
    }
    sprintf(p, "%s%s%c", wp, lens[len], conv);
}

/* Every combination of flags, width, precision, length and conversion, for many values. */
START_TEST(test_fmt_generated)
{
    static const char *const wps[] = {"",   "1",   "4",   "21",  ".",    ".0",    ".1",
                                      ".4", ".21", "4.0", "7.3", "21.1", "25.21", "3.25"};
    char fmt[32];

    start();
    for (unsigned mask = 0; mask < 32; mask++) {
        for (size_t wp = 0; wp < ARRAY_SIZE(wps); wp++) {
            for (int len = 0; len < NLENS; len++) {
                for (const char *c = "diuxXo"; *c; c++) {
                    build(fmt, mask, wps[wp], len, *c);
                    for (size_t v = 0; v < ARRAY_SIZE(gen_values); v++)
                        cmp_gen(fmt, len, 0, 0, 0, gen_values[v]);
                }
            }
        }
    }
    finish();
}
END_TEST

/* The same with "*.*", including negative widths ('-') and precisions (none). */
START_TEST(test_fmt_generated_star)
{
    static const int ws[] = {-25, -4, 0, 4, 25}, ps[] = {-1, 0, 1, 4, 25};
    char fmt[32];

    start();
    for (unsigned mask = 0; mask < 32; mask++) {
        for (int len = 0; len < NLENS; len++) {
            for (const char *c = "diuxXo"; *c; c++) {
                build(fmt, mask, "*.*", len, *c);
                for (size_t i = 0; i < ARRAY_SIZE(ws) * ARRAY_SIZE(ps); i++) {
                    for (size_t v = 0; v < ARRAY_SIZE(gen_values); v += 3)
                        cmp_gen(fmt, len, 1, ws[i / 5], ps[i % 5], gen_values[v]);
                }
            }
        }
    }
    finish();
}
END_TEST

START_TEST(test_fmt_strings_and_chars)
{
    static const char *const strs[] = {"", "a", "hello", "a rather longer string here"};
    static const char raw[4] = {'a', 'b', 'c', 'd'}; /* no terminator: precision must bound */

    start();
    for (size_t i = 0; i < ARRAY_SIZE(strs); i++) {
        const char *s = strs[i];

        CMP("[%s][%10s][%-10s][%.2s][%10.2s][%-10.2s][%.0s][%.30s]", s, s, s, s, s, s, s, s);
        for (int w = -8; w <= 8; w += 4)
            CMP("[%*s][%.*s][%*.*s]", w, s, w, s, w, w, s);
    }
    CMP("%.4s|%.2s|%6.3s", raw, raw, raw);
    for (int c = 1; c < 256; c++)
        CMP("%c|%3c|%-3c|%hhu", c, c, c, (unsigned char)c);
    CMP("a%cb", 0); /* a NUL inside the output: compared as bytes */
    finish();
}
END_TEST

START_TEST(test_fmt_pointers)
{
    int local;
    void *ptrs[] = {(void *)1, (void *)0xdeadbeef, (void *)UINTPTR_MAX, &local, ptrs};

    start();
    for (size_t i = 0; i < ARRAY_SIZE(ptrs); i++)
        CMP("%p|%20p|%-20p|%3p", ptrs[i], ptrs[i], ptrs[i], ptrs[i]);
    finish();
    /* glibc prints "(nil)"; ours keeps the 0x form so NULL lines up with other pointers. */
    EXPECT("0x0", "%p", (void *)NULL);
    EXPECT("  0x0|0x0  |", "%5p|%-5p|", (void *)NULL, (void *)NULL);
}
END_TEST

START_TEST(test_fmt_null_string)
{
    const char *volatile null = NULL; /* volatile: keep GCC from warning about the literal */

    EXPECT("(null)", "%s", null);
    EXPECT("[  (null)][(null)  ]", "[%8s][%-8s]", null, null);
    EXPECT("(nu|", "%.3s|", null);
}
END_TEST

/* Every limit from 0 (NULL buffer) to beyond the full length, all compared with glibc. */
START_TEST(test_fmt_truncation)
{
    start();
    for (size_t n = 0; n < 48; n++) {
        cmp_sized(__LINE__, n, "%s=%08x|%-6d|%c", "key", 0xbeefu, -12, 'z');
        cmp_sized(__LINE__, n, "%lld", LLONG_MIN);
        cmp_sized(__LINE__, n, "%20s|%-20s|", "abc", "de");
        cmp_sized(__LINE__, n, "%.3s%#o%#x%%", "abcdef", 8u, 255u);
        cmp_sized(__LINE__, n, "plain text, long enough to be cut");
        cmp_sized(__LINE__, n, "%040d", 1);
    }
    finish();
}
END_TEST

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
#pragma GCC diagnostic ignored "-Wformat-overflow"
/* Unknown conversions come out literally and take no argument; nothing may crash. */
START_TEST(test_fmt_unknown_conversions)
{
    int n = 12345;

    EXPECT("", "");
    EXPECT("%q", "%q");
    EXPECT("a%5.2qb", "a%5.2qb");
    EXPECT("%y7", "%y%d", 7);
    EXPECT("100%", "100%");
    EXPECT("%-", "%-");
    EXPECT("x%ll", "x%ll");
    EXPECT("%n", "%n", &n);
    ck_assert_int_eq(n, 12345);
    EXPECT("%f|%e|%g|%a", "%f|%e|%g|%a");
    EXPECT("%", "%%");
    EXPECT("%", "%5%");
}
END_TEST

/*
 * Lengths past INT_MAX: -1 as in C99. Widths only count the padding past the buffer, so these
 * are fast.
 */
START_TEST(test_fmt_huge)
{
    char buf[16];

    ck_assert_int_eq(kt_snprintf(buf, sizeof(buf), "%2147483647d", 1), INT_MAX);
    ck_assert_str_eq(buf, "               ");
    ck_assert_int_eq(kt_snprintf(buf, sizeof(buf), "%*d", INT_MIN, 1), INT_MAX);
    ck_assert_str_eq(buf, "1              ");
    ck_assert_int_eq(kt_snprintf(buf, sizeof(buf), "%99999999999999d", 1), INT_MAX);
    ck_assert_int_eq(kt_snprintf(buf, sizeof(buf), "ab%2147483647d", 1), -1);
    ck_assert_str_eq(buf, "ab             ");
    ck_assert_int_eq(kt_snprintf(buf, sizeof(buf), "%.2147483647d", 0), INT_MAX);
    ck_assert_str_eq(buf, "000000000000000");
}
END_TEST
#pragma GCC diagnostic pop

/* scnprintf reports what was stored, so appending in a loop can never overrun. */
START_TEST(test_fmt_scnprintf)
{
    char buf[10];
    int pos = 0;

    ck_assert_int_eq(kt_scnprintf(buf, sizeof(buf), "%s", "hello"), 5);
    ck_assert_int_eq(kt_scnprintf(buf, sizeof(buf), "%s", "hello world"), 9);
    ck_assert_str_eq(buf, "hello wor");
    ck_assert_int_eq(kt_scnprintf(NULL, 0, "%d", 123), 0);
    ck_assert_int_eq(kt_scnprintf(buf, 1, "%d", 123), 0);
    ck_assert_str_eq(buf, "");
    for (int i = 0; i < 10; i++)
        pos += kt_scnprintf(buf + pos, sizeof(buf) - (size_t)pos, "%d,", i);
    ck_assert_int_eq(pos, 9);
    ck_assert_str_eq(buf, "0,1,2,3,4");
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("fmt");

    UNIT_ADD(s, test_fmt_int_table);
    UNIT_ADD(s, test_fmt_wide_table);
    UNIT_ADD(s, test_fmt_generated);
    UNIT_ADD(s, test_fmt_generated_star);
    UNIT_ADD(s, test_fmt_strings_and_chars);
    UNIT_ADD(s, test_fmt_pointers);
    UNIT_ADD(s, test_fmt_null_string);
    UNIT_ADD(s, test_fmt_truncation);
    UNIT_ADD(s, test_fmt_unknown_conversions);
    UNIT_ADD(s, test_fmt_huge);
    UNIT_ADD(s, test_fmt_scnprintf);
    return s;
}
