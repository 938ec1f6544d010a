/* SPDX-License-Identifier: BSD-2-Clause */
/* The parts of the libc suite, one file each (tests/guest/libc). */
#ifndef MINIOS_TEST_LIBC_TESTS_H
#define MINIOS_TEST_LIBC_TESTS_H

#include <stdint.h>

/* malloc stress from 8 threads, errno and strtok per thread (test_libc_threads.c). */
void test_libc_threads(void);
/* Clocks and sleeping (test_libc_time.c). */
void test_libc_time(void);
/* select/poll timeouts and wake-ups (test_libc_poll.c). */
void test_libc_poll(void);
/* A file system mounted through fdtab.h, used through open/stdio/dirent (test_libc_files.c). */
void test_libc_files(void);

/* Monotonic milliseconds, for measuring waits. */
uint64_t test_libc_now_ms(void);

#endif
