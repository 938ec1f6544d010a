/* SPDX-License-Identifier: BSD-2-Clause */
/* lwIP's compiler and platform glue: types, printing, assertions, byte order, randomness. */
#ifndef MINIOS_LWIP_ARCH_CC_H
#define MINIOS_LWIP_ARCH_CC_H

#include <stddef.h>
#include <stdint.h>
#include <kernel.h>

/* The kernel has no inttypes.h: u32_t is unsigned int on both x86_32 and x86_64. */
#define LWIP_NO_INTTYPES_H 1
/* Nor a libc limits.h behind GCC's: the limits lwIP uses, from the compiler. */
#define LWIP_NO_LIMITS_H 1
#define INT_MAX          __INT_MAX__
#define SSIZE_MAX        __LONG_MAX__
#define LWIP_NO_UNISTD_H 1
typedef long ssize_t;
#define U16_F "hu"
#define S16_F "hd"
#define X16_F "hx"
#define U32_F "u"
#define S32_F "d"
#define X32_F "x"
#define SZT_F "zu"
#define X8_F  "02x"

#define BYTE_ORDER LITTLE_ENDIAN
/* One instruction instead of lwIP's shifts and masks, on the hot path of every header. */
#define lwip_htons(x) ((u16_t)__builtin_bswap16(x))
#define lwip_htonl(x) ((u32_t)__builtin_bswap32(x))

#define LWIP_PLATFORM_DIAG(x) \
    do {                      \
        printk x;             \
    } while (0)
#define LWIP_PLATFORM_ASSERT(x) panic("lwIP assertion '%s' at %s:%d", (x), __FILE__, __LINE__)

/* The kernel's errno values (include/errno.h) are Linux's, as lwIP's sockets expect. */
#define LWIP_ERRNO_STDINCLUDE 1

/* TCP initial sequence numbers and ports: see net/sys_arch.c. */
uint32_t lwip_port_rand(void);
#define LWIP_RAND() lwip_port_rand()

#endif
