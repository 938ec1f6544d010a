/* SPDX-License-Identifier: BSD-2-Clause */
/* include/ctype.h against glibc's classifiers in the C locale, for EOF and every byte. */
#include <ctype.h>
#include <stdio.h>

#include "unit.h"

int kt_ctype_shim(int which, int c);

/* Same order as the switch in ctype_shim.c. */
static const struct {
    const char *name;
    int (*host)(int);
    int is_class; /* compare truth values, not the raw (glibc: bit mask) results */
} fns[] = {
    {"isdigit", isdigit, 1}, {"isxdigit", isxdigit, 1}, {"isspace", isspace, 1},
    {"isalpha", isalpha, 1}, {"isalnum", isalnum, 1},   {"isupper", isupper, 1},
    {"islower", islower, 1}, {"isprint", isprint, 1},   {"iscntrl", iscntrl, 1},
    {"isgraph", isgraph, 1}, {"ispunct", ispunct, 1},   {"toupper", toupper, 0},
    {"tolower", tolower, 0},
};

START_TEST(test_ctype_matches_c_locale)
{
    int bad = 0;

    for (size_t f = 0; f < sizeof(fns) / sizeof(fns[0]); f++) {
        for (int c = -1; c < 256; c++) {
            int want = fns[f].host(c), got = kt_ctype_shim((int)f, c);

            if (fns[f].is_class ? !want != !got : want != got) {
                fprintf(stderr, "%s(%d): kernel %d, glibc %d\n", fns[f].name, c, got, want);
                bad++;
            }
        }
    }
    ck_assert_int_eq(bad, 0);
}
END_TEST

/* A plain char holding a byte >= 0x80 is negative; it must classify as nothing, not crash. */
START_TEST(test_ctype_negative_chars)
{
    for (int c = -128; c < 0; c++) {
        for (int f = 0; f <= 10; f++)
            ck_assert_int_eq(kt_ctype_shim(f, c), 0);
        ck_assert_int_eq(kt_ctype_shim(11, c), c);
        ck_assert_int_eq(kt_ctype_shim(12, c), c);
    }
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("ctype");

    UNIT_ADD(s, test_ctype_matches_c_locale);
    UNIT_ADD(s, test_ctype_negative_chars);
    return s;
}
