/* SPDX-License-Identifier: BSD-2-Clause */
/* Compiler helpers used everywhere: attributes, ARRAY_SIZE, BUILD_BUG_ON, container_of. */
#ifndef MINIOS_COMPILER_H
#define MINIOS_COMPILER_H

#include <stddef.h>

#define __unused       __attribute__((unused))
#define __packed       __attribute__((packed))
#define __aligned(n)   __attribute__((aligned(n)))
#define __noreturn     __attribute__((noreturn))
#define __printf(f, a) __attribute__((format(printf, f, a)))
#define __section(s)   __attribute__((section(s)))
#define __must_check   __attribute__((warn_unused_result))
#define likely(x)      __builtin_expect(!!(x), 1)
#define unlikely(x)    __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define BITS_PER_LONG   (8 * sizeof(unsigned long))
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)

#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

/* Every CONFIG_X is defined to 0 or 1 by the build, so both branches always compile. */
#define IS_ENABLED(option) (option)

#define ALIGN_UP(x, a)   (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define MIN(a, b)        ((a) < (b) ? (a) : (b))
#define MAX(a, b)        ((a) > (b) ? (a) : (b))

#define barrier() __asm__ __volatile__("" ::: "memory")

#endif
