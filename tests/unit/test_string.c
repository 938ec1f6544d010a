/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/string.c: every alignment and overlap of the mem* functions, and str* edge cases. */
#include <stdio.h>
#include <string.h>

#include "unit.h"

#define AREA 192

/* Distinct, position-dependent bytes, so a copy from the wrong offset cannot go unnoticed. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 131 + seed * 17 + 1);
}

/* All source/destination alignments and lengths either side of the word size. */
START_TEST(test_memcpy_alignments)
{
    unsigned char src[AREA], dst[AREA], want[AREA];

    fill(src, AREA, 1);
    for (size_t so = 0; so < 16; so++) {
        for (size_t d = 0; d < 16; d++) {
            for (size_t n = 0; n < 80; n++) {
                memset(dst, 0xee, AREA);
                memset(want, 0xee, AREA);
                memcpy(want + d, src + so, n);
                ck_assert_ptr_eq(kt_memcpy(dst + d, src + so, n), dst + d);
                ck_assert_msg(!memcmp(dst, want, AREA), "memcpy src+%zu dst+%zu n=%zu", so, d, n);
            }
        }
    }
}
END_TEST

/* Overlap in both directions: the reference is a copy through a separate buffer. */
START_TEST(test_memmove_overlap)
{
    unsigned char area[AREA], want[AREA], tmp[AREA];

    for (size_t so = 0; so < 40; so++) {
        for (size_t d = 0; d < 40; d++) {
            for (size_t n = 0; n <= 72; n += (n < 20 ? 1 : 7)) {
                fill(area, AREA, 2);
                fill(want, AREA, 2);
                memcpy(tmp, want + so, n);
                memcpy(want + d, tmp, n);
                ck_assert_ptr_eq(kt_memmove(area + d, area + so, n), area + d);
                ck_assert_msg(!memcmp(area, want, AREA), "memmove src+%zu dst+%zu n=%zu", so, d, n);
            }
        }
    }
}
END_TEST

START_TEST(test_memset_memchr_memcmp)
{
    unsigned char buf[AREA], want[AREA];
    static const int values[] = {0, 0x5a, 0xff, -1, 0x1ff, 0x100};

    for (size_t v = 0; v < ARRAY_SIZE(values); v++) {
        for (size_t off = 0; off < 16; off++) {
            for (size_t n = 0; n < 70; n++) {
                memset(buf, 0x11, AREA);
                memset(want, 0x11, AREA);
                memset(want + off, values[v], n);
                ck_assert_ptr_eq(kt_memset(buf + off, values[v], n), buf + off);
                ck_assert_msg(!memcmp(buf, want, AREA), "memset c=%d +%zu n=%zu", values[v], off,
                              n);
            }
        }
    }
    /* memchr and memcmp work on unsigned char values: 0x1ff finds 0xff, 0x80 > 0x7f. */
    fill(buf, AREA, 3);
    buf[50] = 0xff;
    ck_assert_ptr_eq(kt_memchr(buf, 0x1ff, AREA), memchr(buf, 0xff, AREA));
    ck_assert_ptr_eq(kt_memchr(buf, buf[10], 10), memchr(buf, buf[10], 10));
    ck_assert_ptr_eq(kt_memchr(buf, buf[0], 0), NULL);
    ck_assert_int_gt(kt_memcmp("\x80", "\x7f", 1), 0);
    ck_assert_int_lt(kt_memcmp("ab\x01", "ab\xfe", 3), 0);
    ck_assert_int_eq(kt_memcmp("abc", "abd", 2), 0);
    ck_assert_int_eq(kt_memcmp("x", "y", 0), 0);
}
END_TEST

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

START_TEST(test_str_compare_and_length)
{
    static const char *const strs[] = {"", "a", "ab", "abc", "abd", "b", "\x80", "\x7f", "ab\xff"};

    for (size_t i = 0; i < ARRAY_SIZE(strs); i++) {
        ck_assert_uint_eq(kt_strlen(strs[i]), strlen(strs[i]));
        for (size_t n = 0; n < 5; n++)
            ck_assert_uint_eq(kt_strnlen(strs[i], n), strnlen(strs[i], n));
        for (size_t j = 0; j < ARRAY_SIZE(strs); j++) {
            const char *a = strs[i], *b = strs[j];

            ck_assert_int_eq(sign(kt_strcmp(a, b)), sign(strcmp(a, b)));
            for (size_t n = 0; n < 5; n++)
                ck_assert_int_eq(sign(kt_strncmp(a, b, n)), sign(strncmp(a, b, n)));
        }
    }
    ck_assert_uint_eq(kt_strnlen("abc", 100), 3);
}
END_TEST

START_TEST(test_str_search)
{
    static const char *const hays[] = {"", "a", "aaab", "abcabc", "hello world", "xyz\xe9"};
    static const char *const needles[] = {"",    "a",     "aab",  "ab",           "abc",
                                          "cab", "world", "\xe9", "hello world!", "z"};
    static const int chars[] = {'a', 'b', 'z', 'o', '\0', 0xe9, (int)(char)0xe9, 0x161};

    for (size_t h = 0; h < ARRAY_SIZE(hays); h++) {
        const char *s = hays[h];

        for (size_t n = 0; n < ARRAY_SIZE(needles); n++)
            ck_assert_ptr_eq(kt_strstr(s, needles[n]), strstr(s, needles[n]));
        for (size_t c = 0; c < ARRAY_SIZE(chars); c++) {
            ck_assert_ptr_eq(kt_strchr(s, chars[c]), strchr(s, chars[c]));
            ck_assert_ptr_eq(kt_strrchr(s, chars[c]), strrchr(s, chars[c]));
        }
    }
}
END_TEST

START_TEST(test_str_copy)
{
    char buf[16];

    memset(buf, 'X', sizeof(buf));
    ck_assert_ptr_eq(kt_strcpy(buf, "abc"), buf);
    ck_assert_str_eq(buf, "abc");
    ck_assert_int_eq(buf[4], 'X');
    ck_assert_ptr_eq(kt_strcat(buf, "defg"), buf);
    ck_assert_str_eq(buf, "abcdefg");
    ck_assert_int_eq(buf[8], 'X');
    ck_assert_ptr_eq(kt_strcat(buf, ""), buf);
    ck_assert_str_eq(buf, "abcdefg");
}
END_TEST

/* strncpy pads with NULs to exactly n bytes and does not terminate a string that fills n. */
START_TEST(test_strncpy)
{
    char buf[16];

    memset(buf, 'X', sizeof(buf));
    ck_assert_ptr_eq(kt_strncpy(buf, "ab", 8), buf);
    ck_assert_int_eq(memcmp(buf, "ab\0\0\0\0\0\0XXXX", 12), 0);
    memset(buf, 'X', sizeof(buf));
    kt_strncpy(buf, "abcdef", 4);
    ck_assert_int_eq(memcmp(buf, "abcdXX", 6), 0);
    memset(buf, 'X', sizeof(buf));
    kt_strncpy(buf, "abcd", 4);
    ck_assert_int_eq(memcmp(buf, "abcdX", 5), 0);
    memset(buf, 'X', sizeof(buf));
    kt_strncpy(buf, "abc", 0);
    ck_assert_int_eq(buf[0], 'X');
}
END_TEST

/* strlcpy returns strlen(src) whatever it copied, and terminates whenever size > 0. */
START_TEST(test_strlcpy)
{
    char buf[8];

    memset(buf, 'X', sizeof(buf));
    ck_assert_uint_eq(kt_strlcpy(buf, "hello", sizeof(buf)), 5);
    ck_assert_str_eq(buf, "hello");
    ck_assert_int_eq(buf[6], 'X');
    ck_assert_uint_eq(kt_strlcpy(buf, "hello world", sizeof(buf)), 11);
    ck_assert_str_eq(buf, "hello w");
    ck_assert_uint_eq(kt_strlcpy(buf, "1234567", sizeof(buf)), 7); /* exact fit */
    ck_assert_str_eq(buf, "1234567");
    ck_assert_uint_eq(kt_strlcpy(buf, "abc", 1), 3);
    ck_assert_str_eq(buf, "");
    memset(buf, 'X', sizeof(buf));
    ck_assert_uint_eq(kt_strlcpy(buf, "abc", 0), 3);
    ck_assert_int_eq(buf[0], 'X');
    ck_assert_uint_eq(kt_strlcpy(NULL, "", 0), 0);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("string");

    UNIT_ADD(s, test_memcpy_alignments);
    UNIT_ADD(s, test_memmove_overlap);
    UNIT_ADD(s, test_memset_memchr_memcmp);
    UNIT_ADD(s, test_str_compare_and_length);
    UNIT_ADD(s, test_str_search);
    UNIT_ADD(s, test_str_copy);
    UNIT_ADD(s, test_strncpy);
    UNIT_ADD(s, test_strlcpy);
    return s;
}
