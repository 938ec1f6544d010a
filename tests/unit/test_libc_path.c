/* SPDX-License-Identifier: BSD-2-Clause */
/* libc/core/path.c: the path normalisation the mount table resolves with. */
#include <string.h>

#include "unit.h"

int kt_vfs_normalise(const char *path, char *out);

static const struct {
    const char *in, *out;
} cases[] = {
    {"/", "/"},
    {"/share", "/share"},
    {"/share/", "/share"},
    {"//share///a//b/", "/share/a/b"},
    {"/share/./a/.", "/share/a"},
    {"/share/a/../b", "/share/b"},
    {"/share/a/b/../..", "/share"},
    {"/..", "/"},
    {"/../../x", "/x"},
    {"relative/file", "/relative/file"},
    {".", "/"},
    {"/a/...", "/a/..."},
    {"/a/.b/..c", "/a/.b/..c"},
    {"/dev/xvda", "/dev/xvda"},
    {"/name with spaces/x", "/name with spaces/x"},
};

START_TEST(test_normalise)
{
    char out[1024];

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        int rc = kt_vfs_normalise(cases[i].in, out);

        ck_assert_msg(rc == 0 && !strcmp(out, cases[i].out), "'%s' gave rc %d '%s', want '%s'",
                      cases[i].in, rc, rc ? "" : out, cases[i].out);
    }
}
END_TEST

START_TEST(test_normalise_errors)
{
    static char longpath[1100];
    char out[1024];

    ck_assert_int_eq(kt_vfs_normalise("", out), -2);    /* ENOENT */
    ck_assert_int_eq(kt_vfs_normalise(NULL, out), -14); /* EFAULT */
    memset(longpath, 'a', sizeof(longpath) - 1);
    longpath[0] = '/';
    ck_assert_int_eq(kt_vfs_normalise(longpath, out), -36); /* ENAMETOOLONG */
    longpath[1020] = '\0';
    ck_assert_int_eq(kt_vfs_normalise(longpath, out), 0);
    ck_assert_int_eq(strlen(out), 1020);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("libc_path");

    UNIT_ADD(s, test_normalise);
    UNIT_ADD(s, test_normalise_errors);
    return s;
}
