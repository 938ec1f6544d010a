/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * In-guest test framework. Each case prints one "test NAME: PASS|FAIL|SKIP [detail]" line;
 * main.c prints exactly one "Test result: SUCCESS|SKIP|FAILURE|ERROR" line at the end
 * (the most severe outcome wins) and powers off. The host harness treats a missing result
 * line as a crash.
 */
#ifndef MINIOS_TEST_H
#define MINIOS_TEST_H

#include <stdbool.h>
#include <compiler.h>
#include <events.h>

/* In increasing severity: the suite's result is the most severe of its cases. */
enum test_status { TEST_PASS, TEST_SKIP, TEST_FAIL, TEST_ERROR };

void test_report(const char *name, enum test_status status, const char *fmt, ...) __printf(3, 4);

/* PASS if cond holds, else FAIL with the detail message. Returns cond. */
#define test_check(name, cond, ...)                                     \
    ({                                                                  \
        bool __ok = (cond);                                             \
        test_report((name), __ok ? TEST_PASS : TEST_FAIL, __VA_ARGS__); \
        __ok;                                                           \
    })

struct test_suite {
    const char *name;
    void (*run)(void);
    /* Only run when named on the command line (it crashes or needs a dom0 script). */
    bool explicit_only;
};

/* A loopback event channel: a send on *a runs handler as the event of *b. 0 or -errno. */
int test_loopback(evtchn_handler_t handler, evtchn_port_t *a, evtchn_port_t *b);

/* One function per suite, defined in tests/guest/test_*.c, listed in main.c. */
void suite_boot(void);
void suite_sched(void);
void suite_threads(void);
void suite_sse(void);
void suite_fault_simd(void);
void suite_hardening(void);
void suite_fault_nx_heap(void);
void suite_anon(void);
void suite_fault_anon_oom(void);
void suite_fault_nx_stack(void);
void suite_fault_stack_protector(void);
void suite_fault_stack_clash(void);
void suite_fault_event_pending(void);
void suite_events(void);
void suite_time(void);
void suite_idle(void);
void suite_fault_stack_overflow(void);
void suite_xenbus(void);
void suite_gnttab(void);
void suite_xenbus_frontend(void);
void suite_wait_shutdown(void);
void suite_mm(void);
void suite_balloon(void);
void suite_balloon_target(void);
void suite_balloon_churn(void);
void suite_fault_heap_corrupt(void);
void suite_fault_double_free(void);
void suite_fault_write_text(void);
void suite_fault_null(void);
void suite_fault_bad_address(void);
void suite_blkfront(void);
void suite_blkfront_hotplug(void);
void suite_blkfront_bench(void);
void suite_console(void);
void suite_console_burst(void);
void suite_console_input(void);
void suite_console_channel(void);
void suite_netfront(void);
void suite_netfront_two(void);
void suite_netfront_hotplug(void);
void suite_netfront_rx(void);
void suite_timeouts(void);
void suite_hotplug_errors(void);
void suite_xenstore_timeout(void);
void suite_fbfront(void);
void suite_bench(void);
void suite_mode_bench(void);
void suite_wakeup(void);
void suite_9pfs(void);
void suite_9pfs_big(void);
void suite_9pfs_one(void);
void suite_blkfile(void);
void suite_9pfs_bench(void);
void suite_net(void);
/* CONFIG_LIBC (tests/guest/libc; tests/guest/libc_skip.c without it). */
void suite_libc(void);
void suite_libc_exit(void);
void suite_libc_assert(void);
void suite_libc_stdin(void);
void suite_libc_9p(void);
void suite_libc_time(void);
void suite_libc_sock(void);

#endif
