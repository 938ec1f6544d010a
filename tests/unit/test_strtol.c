/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/strtol.c: the strto* family against glibc (value and endptr), and the strict parsers. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

static const char *const inputs[] = {
    "0",
    "1",
    "42",
    "  42",
    "\t\n\v\f\r 42",
    "+9",
    "-17",
    "- 1",
    "+-1",
    "0x1f",
    "0X1F",
    "0x",
    "0xg",
    "-0x10",
    "+0x7fffffffffffffff",
    "0x0x1",
    "077",
    "08",
    "09",
    "0b101",
    "019",
    "zz",
    "Zz",
    "z1",
    "12abc",
    "1_000",
    "123 456",
    "",
    "   ",
    "-",
    "+",
    " +x",
    "4294967295",
    "4294967296",
    "-4294967296",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "-18446744073709551615",
    "-18446744073709551616",
    "99999999999999999999999999999999",
    "ffffffffffffffff",
    "10000000000000000",
    "0xffffffffffffffff",
    "0x10000000000000000",
    "1111111111111111111111111111111111111111111111111111111111111111",
    "11111111111111111111111111111111111111111111111111111111111111111",
    "3w5e11264sgsf",
    "3w5e11264sgsg",
    "7777777777777777777777",
    "1777777777777777777777",
    "2000000000000000000000",
};

static const int bases[] = {0, 2, 8, 10, 16, 36};

/* Same value and same stopping point as glibc for every input, base and function. */
START_TEST(test_strto_matches_glibc)
{
    int bad = 0;

    for (size_t i = 0; i < ARRAY_SIZE(inputs); i++) {
        for (size_t b = 0; b < ARRAY_SIZE(bases); b++) {
            const char *s = inputs[i];
            int base = bases[b];
            char *ke, *he;
#define CMP_FN(fn, fmt)                                                                          \
    do {                                                                                         \
        if (kt_##fn(s, &ke, base) != fn(s, &he, base) || ke != he) {                             \
            fprintf(stderr, #fn "(\"%s\", %d): kernel " fmt " end+%td, glibc " fmt " end+%td\n", \
                    s, base, kt_##fn(s, NULL, base), ke - s, fn(s, NULL, base), he - s);         \
            bad++;                                                                               \
        }                                                                                        \
    } while (0)
            CMP_FN(strtoul, "%lu");
            CMP_FN(strtol, "%ld");
            CMP_FN(strtoull, "%llu");
            CMP_FN(strtoll, "%lld");
#undef CMP_FN
        }
    }
    ck_assert_int_eq(bad, 0);
}
END_TEST

/* glibc leaves endptr alone for a bad base; ours reports "nothing parsed". */
START_TEST(test_strto_bad_base)
{
    const char *s = "123";
    char *end = NULL;

    ck_assert_uint_eq(kt_strtoul(s, &end, 1), 0);
    ck_assert_ptr_eq(end, s);
    ck_assert_int_eq(kt_strtol(s, &end, 37), 0);
    ck_assert_ptr_eq(end, s);
    ck_assert_int_eq(kt_strtoll(s, NULL, -1), 0);
}
END_TEST

START_TEST(test_str_to_ull)
{
    unsigned long long v = 7;

    ck_assert_int_eq(kt_str_to_ull("18446744073709551615", 10, &v), 0);
    ck_assert_uint_eq(v, ULLONG_MAX);
    ck_assert_int_eq(kt_str_to_ull("0x10", 0, &v), 0);
    ck_assert_uint_eq(v, 16);
    ck_assert_int_eq(kt_str_to_ull("010", 0, &v), 0);
    ck_assert_uint_eq(v, 8);
    ck_assert_int_eq(kt_str_to_ull("ff", 16, &v), 0);
    ck_assert_uint_eq(v, 255);
    ck_assert_int_eq(kt_str_to_ull("+5", 10, &v), 0);
    ck_assert_uint_eq(v, 5);
    v = 7;
    /* Errors leave the result alone. */
    ck_assert_int_eq(kt_str_to_ull("18446744073709551616", 10, &v), -ERANGE);
    ck_assert_int_eq(kt_str_to_ull("-1", 10, &v), -EINVAL);
    ck_assert_int_eq(kt_str_to_ull("", 10, &v), -EINVAL);
    ck_assert_int_eq(kt_str_to_ull(" 1", 10, &v), -EINVAL);
    ck_assert_int_eq(kt_str_to_ull("1 ", 10, &v), -EINVAL);
    ck_assert_int_eq(kt_str_to_ull("12z", 10, &v), -EINVAL);
    ck_assert_int_eq(kt_str_to_ull("0x", 0, &v), -EINVAL); /* parses "0", stops at 'x' */
    ck_assert_int_eq(kt_str_to_ull("+", 10, &v), -EINVAL);
    ck_assert_int_eq(kt_str_to_ull("1", 99, &v), -EINVAL);
    ck_assert_uint_eq(v, 7);
}
END_TEST

START_TEST(test_str_to_ll)
{
    long long v = 7;

    ck_assert_int_eq(kt_str_to_ll("-9223372036854775808", 10, &v), 0);
    ck_assert_int_eq(v, LLONG_MIN);
    ck_assert_int_eq(kt_str_to_ll("9223372036854775807", 0, &v), 0);
    ck_assert_int_eq(v, LLONG_MAX);
    ck_assert_int_eq(kt_str_to_ll("-0x10", 0, &v), 0);
    ck_assert_int_eq(v, -16);
    ck_assert_int_eq(kt_str_to_ll("-0", 10, &v), 0);
    ck_assert_int_eq(v, 0);
    v = 7;
    ck_assert_int_eq(kt_str_to_ll("9223372036854775808", 10, &v), -ERANGE);
    ck_assert_int_eq(kt_str_to_ll("-9223372036854775809", 10, &v), -ERANGE);
    ck_assert_int_eq(kt_str_to_ll("-", 10, &v), -EINVAL);
    ck_assert_int_eq(kt_str_to_ll("\t3", 10, &v), -EINVAL);
    ck_assert_int_eq(kt_str_to_ll("3\n", 10, &v), -EINVAL);
    ck_assert_int_eq(v, 7);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("strtol");

    UNIT_ADD(s, test_strto_matches_glibc);
    UNIT_ADD(s, test_strto_bad_base);
    UNIT_ADD(s, test_str_to_ull);
    UNIT_ADD(s, test_str_to_ll);
    return s;
}
