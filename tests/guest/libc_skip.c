/* SPDX-License-Identifier: BSD-2-Clause */
/* Without CONFIG_LIBC the libc suites exist but only say they were skipped. */
#include <kernel.h>
#include "test.h"

static void skipped(void)
{
    test_report("libc", TEST_SKIP, "CONFIG_LIBC=n");
}

void suite_libc(void)
{
    skipped();
}

void suite_libc_exit(void)
{
    skipped();
}

void suite_libc_assert(void)
{
    skipped();
}

void suite_libc_stdin(void)
{
    skipped();
}

void suite_libc_9p(void)
{
    skipped();
}

void suite_libc_time(void)
{
    skipped();
}

void suite_libc_sock(void)
{
    skipped();
}
