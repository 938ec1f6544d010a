/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel's error model. Public functions return 0 or -errno for what a caller can
 * handle; panic() is for what cannot be survived (a boot-time hypercall failing); ASSERT()
 * guards invariants; BUILD_BUG_ON() checks ABI sizes at compile time.
 */
#ifndef MINIOS_KERNEL_H
#define MINIOS_KERNEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <compiler.h>
#include <printk.h>
#include <errno.h>

/* Print the message, the registers of the caller and a stack trace, then crash the domain. */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)

#define ASSERT(cond)                                                            \
    do {                                                                        \
        if (unlikely(!(cond)))                                                  \
            panic("assertion '%s' failed at %s:%d", #cond, __FILE__, __LINE__); \
    } while (0)

/* Shut the domain down with a SHUTDOWN_* reason after flushing the console. */
void kernel_shutdown(unsigned int reason) __noreturn;
/* Close the drivers (shutdown hooks, thread context only), then shut down: poweroff. */
void poweroff(void) __noreturn;
/* Shut down with reason crash at once: the toolstack sees a crashed domain. */
void crash(void) __noreturn;

/* Choose the stack-protector canary at boot (needs shared_info; no_stack_protector caller). */
void init_stack_protector(void);

/* Symbolise a text address: name and offset, or NULL when it is not in our image. */
const char *symbol_lookup(unsigned long addr, unsigned long *offset);

/* The kernel command line (start_info.cmd_line), never NULL. */
const char *kernel_cmdline(void);

/* The application: the demo by default, the test suite with CONFIG_TEST. */
int app_main(void);
/* The kernel's own boot timestamps (NOW()): start_kernel reading the clock, app start. */
uint64_t boot_start_ns(void);
uint64_t app_start_ns(void);

#endif
