/* SPDX-License-Identifier: BSD-2-Clause */
/* strerror_name/desc: every number defined in include/errno.h must map to its name and meaning. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

/*
 * The expected table is read from include/errno.h itself, so a number added there without a
 * name in lib/errname.c fails here instead of logging "E?".
 */
START_TEST(test_errname_covers_errno_h)
{
    FILE *f = fopen(UNIT_SRCROOT "/include/errno.h", "r");
    char line[256], name[64];
    int value, seen = 0, bad = 0;

    ck_assert_msg(f != NULL, "cannot open include/errno.h");
    while (fgets(line, sizeof(line), f)) {
        if (sscanf(line, "#define %63s %d", name, &value) != 2 || name[0] != 'E')
            continue;
        seen++;
        if (strcmp(kt_strerror_name(value), name) || strcmp(kt_strerror_name(-value), name) ||
            !strcmp(kt_strerror_desc(value), "unknown error")) {
            fprintf(stderr, "%s (%d): got %s / %s\n", name, value, kt_strerror_name(value),
                    kt_strerror_name(-value));
            bad++;
        }
    }
    fclose(f);
    ck_assert_int_ge(seen, 50);
    ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(test_errname_unknown)
{
    /* 0 is not an error; 15 and 26 are holes in the table; the rest are out of range. */
    static const int unknown[] = {0, 15, 26, 116, 1000, INT_MAX, INT_MIN, -116, -INT_MAX};

    for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
        ck_assert_str_eq(kt_strerror_name(unknown[i]), "E?");
    ck_assert_str_eq(kt_strerror_name(-2), "ENOENT");
    ck_assert_str_eq(kt_strerror_name(115), "EINPROGRESS");
    ck_assert_str_eq(kt_strerror_desc(0), "unknown error");
    ck_assert_str_eq(kt_strerror_desc(INT_MIN), "unknown error");
}
END_TEST

START_TEST(test_errname_desc)
{
    ck_assert_str_eq(kt_strerror_desc(-13), "permission denied");
    ck_assert_str_eq(kt_strerror_desc(13), "permission denied");
    ck_assert_str_eq(kt_strerror_desc(-110), "timed out");
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("errname");

    UNIT_ADD(s, test_errname_covers_errno_h);
    UNIT_ADD(s, test_errname_unknown);
    UNIT_ADD(s, test_errname_desc);
    return s;
}
