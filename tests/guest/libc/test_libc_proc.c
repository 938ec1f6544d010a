/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The libc suites that end the domain or need dom0 (each explicit-only, with a boot test
 * in tests/boot/libc-*.cfg): exit status and argv/environ, assert()/abort() crashing with
 * a backtrace, stdin from `xl console`, and time() against dom0's clock.
 */
#include <assert.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#include <libc_start.h>
#include "../test.h"
#include "helpers.h"
#include "libc_tests.h"

static void at_exit_handler(void)
{
    printf("libc atexit handler ran\n");
}

/*
 * Run as a program: extra = "test=libc-exit CODE=42 -- one \"two words\"" makes argv
 * {"mini-os", "one", "two words"} and CODE the exit status.
 */
static int exit_main(int argc, char **argv)
{
    const char *code = getenv("CODE");

    test_check("libc_main_argv",
               argc == 3 && !strcmp(argv[1], "one") && !strcmp(argv[2], "two words"),
               "argc %d argv[1] '%s'", argc, argc > 1 ? argv[1] : "");
    test_check("libc_main_environ", code && !strcmp(getenv("test"), "libc-exit"), "CODE %s",
               code ? code : "(none)");
    atexit(at_exit_handler);
    /* No newline: exit() must flush it. */
    printf("libc unflushed output");
    return code ? atoi(code) : 99;
}

void suite_libc_exit(void)
{
    libc_start_main(exit_main);
}

void suite_libc_assert(void)
{
    volatile int one = 1;

    printf("libc: asserting 1 == 2\n");
    assert(one == 2);
    test_report("libc_assert", TEST_FAIL, "assert() returned");
}

/* dom0 types "hello world\n" then "42 3.5\n" into the console once we say we are ready. */
void suite_libc_stdin(void)
{
    struct timeval tv = {0, 200000};
    char line[64] = "";
    double d = 0;
    fd_set r;
    int n, i = 0;

    FD_ZERO(&r);
    FD_SET(0, &r);
    n = select(1, &r, NULL, NULL, &tv);
    test_check("libc_stdin_select_timeout", n == 0, "select gave %d before any input", n);
    /* dom0 types once this is written (a fixed delay raced the PV shim's own boot). */
    test_xenstore_write("data/stdin-ready", "1");
    FD_ZERO(&r);
    FD_SET(0, &r);
    tv = (struct timeval){60, 0};
    n = select(1, &r, NULL, NULL, &tv);
    test_check("libc_stdin_select_ready", n == 1 && FD_ISSET(0, &r), "select gave %d", n);
    test_check("libc_stdin_fgets",
               fgets(line, sizeof(line), stdin) && !strcmp(line, "hello world\n"), "got '%s'",
               line);
    n = scanf("%d %lf", &i, &d);
    test_check("libc_stdin_scanf", n == 2 && i == 42 && d == 3.5, "n %d i %d d*10 %d", n, i,
               (int)(d * 10));
}

/*
 * time() against dom0's clock: we ask (data/time-request), dom0 answers with its
 * `date +%s` in data/dom0-time; its answer must lie within 2 s of the interval between
 * our asking and our reading the answer (which may be long on a loaded machine).
 */
void suite_libc_time(void)
{
    uint64_t dom0 = 0;
    time_t before = time(NULL), after;
    int rc = test_xenstore_write("data/time-request", "1");

    if (rc == 0)
        rc = test_xenstore_wait_u64("data/dom0-time", 60000, &dom0);
    after = time(NULL);
    if (rc) {
        test_report("libc_time_vs_dom0", TEST_FAIL, "no answer from dom0: %d", rc);
        return;
    }
    test_check("libc_time_vs_dom0",
               (long long)dom0 >= (long long)before - 2 && (long long)dom0 <= (long long)after + 2,
               "guest %lld..%lld dom0 %llu", (long long)before, (long long)after,
               (unsigned long long)dom0);
}
