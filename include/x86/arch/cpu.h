/* SPDX-License-Identifier: BSD-2-Clause */
/* Small x86 instructions the portable kernel needs: the time-stamp counter. */
#ifndef MINIOS_ARCH_CPU_H
#define MINIOS_ARCH_CPU_H

#include <stdint.h>

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

#endif
