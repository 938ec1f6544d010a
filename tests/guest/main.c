/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The test application (CONFIG_TEST=y): runs the suites named by "test=a,b,..." on the
 * kernel command line (default: every suite that is not explicit-only), reports each case,
 * then exactly one final result line, and powers off.
 */
#include <balloon.h>
#include <kernel.h>
#include <console.h>
#include <fmt.h>
#include <string.h>
#include <sched.h>
#include <time.h>
#include "test.h"

/* After boot's last steps: long enough for the console's answer to their output. */
#define SETTLE_MS 500

/*
 * The application starts while boot's last steps still run beside it: the balloon thread
 * reads memory/static-max and follows its first memory/target (xenstore requests and
 * answers, pages, a console line). Suites that count CPU time, free pages or xenstore
 * requests saw them: idle (6-8 xenstore and 2-4 console events in its 10 s: PV 12-47 ms,
 * the PV shim 25-53 ms; 1.6 and 2.3 ms without), the silent-xenstored test (boot's
 * requests held and timed out, a page freed in its window), the balloon suite (a page
 * taken during its grow). So every suite starts once they are done.
 */
static void settle_boot(void)
{
    uint64_t deadline = NOW() + SECONDS(30);
    struct balloon_stats st;

    while (IS_ENABLED(CONFIG_BALLOON) && (balloon_get_stats(&st), st.target_kib == 0)) {
        if (NOW() >= deadline) {
            printk("tests: the balloon followed no memory/target in 30 s; starting anyway\n");
            break;
        }
        msleep(100);
    }
    msleep(SETTLE_MS);
}

static const struct test_suite suites[] = {
    {"boot", suite_boot, false},
    {"sched", suite_sched, false},
    {"threads", suite_threads, false},
    {"sse", suite_sse, false},
    {"hardening", suite_hardening, true},
    {"fault-nx-heap", suite_fault_nx_heap, true},
    {"anon", suite_anon, true},
    {"fault-anon-oom", suite_fault_anon_oom, true},
    {"fault-nx-stack", suite_fault_nx_stack, true},
    {"fault-stack-protector", suite_fault_stack_protector, true},
    {"fault-stack-clash", suite_fault_stack_clash, true},
    {"fault-event-pending", suite_fault_event_pending, true},
    {"events", suite_events, false},
    {"time", suite_time, false},
    {"idle", suite_idle, true},
    {"fault-stack-overflow", suite_fault_stack_overflow, true},
    {"xenbus", suite_xenbus, false},
    {"gnttab", suite_gnttab, false},
    {"xenbus-frontend", suite_xenbus_frontend, true},
    {"wait-shutdown", suite_wait_shutdown, true},
    {"mm", suite_mm, false},
    {"balloon", suite_balloon, false},
    {"balloon-target", suite_balloon_target, true},
    {"balloon-churn", suite_balloon_churn, true},
    {"fault-heap-corrupt", suite_fault_heap_corrupt, true},
    {"fault-double-free", suite_fault_double_free, true},
    {"fault-write-text", suite_fault_write_text, true},
    {"fault-null", suite_fault_null, true},
    {"fault-simd", suite_fault_simd, true},
    {"fault-bad-address", suite_fault_bad_address, true},
    {"blkfront", suite_blkfront, true},
    {"blkfront-hotplug", suite_blkfront_hotplug, true},
    {"blkfront-bench", suite_blkfront_bench, true},
    {"console", suite_console, false},
    {"console-burst", suite_console_burst, true},
    {"console-input", suite_console_input, true},
    {"console-channel", suite_console_channel, true},
    {"netfront", suite_netfront, true},
    {"netfront-two", suite_netfront_two, true},
    {"netfront-hotplug", suite_netfront_hotplug, true},
    {"netfront-rx", suite_netfront_rx, false},
    {"timeouts", suite_timeouts, true},
    {"hotplug-errors", suite_hotplug_errors, true},
    {"xenstore-timeout", suite_xenstore_timeout, false},
    {"fbfront", suite_fbfront, true},
    {"bench", suite_bench, true},
    {"mode-bench", suite_mode_bench, true},
    {"wakeup", suite_wakeup, true},
    {"9pfs", suite_9pfs, true},
    {"9pfs-big", suite_9pfs_big, true},
    {"9pfs-one", suite_9pfs_one, true},
    {"blkfile", suite_blkfile, true},
    {"9pfs-bench", suite_9pfs_bench, true},
    {"net", suite_net, true},
    {"libc", suite_libc, false},
    {"libc-exit", suite_libc_exit, true},
    {"libc-assert", suite_libc_assert, true},
    {"libc-stdin", suite_libc_stdin, true},
    {"libc-9p", suite_libc_9p, true},
    {"libc-time", suite_libc_time, true},
    {"libc-sock", suite_libc_sock, true},
};

static enum test_status worst = TEST_PASS;
static unsigned int counts[TEST_ERROR + 1];

void test_report(const char *name, enum test_status status, const char *fmt, ...)
{
    static const char *const words[] = {"PASS", "SKIP", "FAIL", "FAIL"};
    char detail[200];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    printk("test %s: %s%s%s\n", name, words[status], detail[0] ? " " : "", detail);
    counts[status]++;
    if (status > worst)
        worst = status;
}

static size_t word_length(const char *p)
{
    size_t n = 0;

    while (p[n] && p[n] != ' ' && p[n] != '\t')
        n++;
    return n;
}

/* The value of "test=" on the command line, or NULL. */
static const char *selected_tests(char *buf, size_t size)
{
    const char *p = strstr(kernel_cmdline(), "test=");
    size_t n;

    if (!p)
        return NULL;
    p += 5;
    n = word_length(p);
    if (n >= size)
        n = size - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

static bool named(const char *list, const char *name)
{
    size_t len = strlen(name);

    for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
        if (strncmp(p, name, len) == 0 && (p[len] == ',' || p[len] == '\0'))
            return true;
    return false;
}

static unsigned int run_suites(const char *list)
{
    unsigned int ran = 0;

    for (size_t i = 0; i < ARRAY_SIZE(suites); i++) {
        const struct test_suite *s = &suites[i];

        if (list ? !named(list, s->name) : s->explicit_only)
            continue;
        printk("Running test suite '%s'\n", s->name);
        s->run();
        ran++;
    }
    return ran;
}

int app_main(void)
{
    static const char *const results[] = {"SUCCESS", "SKIP", "FAILURE", "ERROR"};
    char list[128];
    const char *sel = selected_tests(list, sizeof(list));

    settle_boot();
    if (run_suites(sel) == 0)
        test_report("select", TEST_ERROR, "no test suite matches 'test=%s'", sel ? sel : "");
    printk("%u passed, %u failed, %u skipped\n", counts[TEST_PASS],
           counts[TEST_FAIL] + counts[TEST_ERROR], counts[TEST_SKIP]);
    printk("Test result: %s\n", results[worst]);
    return worst == TEST_PASS ? 0 : 1;
}
