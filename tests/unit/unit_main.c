/* SPDX-License-Identifier: BSD-2-Clause */
/* Runner linked into every unit test binary: runs unit_suite() and prints one line per test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* Generous: the fmt comparisons run around a million formats, slower under the sanitizers. */
#define UNIT_TIMEOUT_S 120

void unit_add(Suite *s, const char *name, const TTest *fn)
{
    TCase *tc = tcase_create(name);

    tcase_add_test(tc, fn);
    tcase_set_timeout(tc, UNIT_TIMEOUT_S);
    suite_add_tcase(s, tc);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/*
 * Prints "test BIN.CASE: PASS" or "...: FAIL" plus an indented "file:line: message", the
 * format tests/unit/run-unit counts. Usage: BIN [CASE] to run just one test case.
 */
int main(int argc, char **argv)
{
    const char *bin = base_name(argv[0]);
    SRunner *sr = srunner_create(unit_suite());
    TestResult **results;
    int n, failed = 0;

    /* check forks a child per test: flush nothing twice, and keep output in order. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    srunner_run(sr, NULL, argc > 1 ? argv[1] : NULL, CK_SILENT);
    n = srunner_ntests_run(sr);
    results = srunner_results(sr);
    for (int i = 0; i < n; i++) {
        TestResult *tr = results[i];
        int ok = tr_rtype(tr) == CK_PASS;

        printf("test %s.%s: %s\n", bin, tr_tcname(tr), ok ? "PASS" : "FAIL");
        if (!ok) {
            printf("    %s:%d: %s\n", tr_lfile(tr), tr_lno(tr), tr_msg(tr));
            failed++;
        }
    }
    free(results);
    srunner_free(sr);
    if (n == 0) {
        printf("test %s: FAIL (no test cases ran)\n", bin);
        return EXIT_FAILURE;
    }
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
