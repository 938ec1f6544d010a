/* SPDX-License-Identifier: BSD-2-Clause */
/* Atomic bit operations and exchange on memory shared with Xen or a backend. */
#ifndef MINIOS_ARCH_ATOMIC_H
#define MINIOS_ARCH_ATOMIC_H

#define mb()  __asm__ __volatile__("lock; addl $0,0(%%esp)" ::: "memory")
#define rmb() __asm__ __volatile__("" ::: "memory")
#define wmb() __asm__ __volatile__("" ::: "memory")

#ifdef __x86_64__
#undef mb
#define mb() __asm__ __volatile__("mfence" ::: "memory")
#endif

/* The Xen ring headers use these names. */
#define xen_mb()  mb()
#define xen_rmb() rmb()
#define xen_wmb() wmb()

static inline int sync_test_and_clear_bit(unsigned int nr, volatile void *addr)
{
    unsigned char old;

    __asm__ __volatile__("lock; btr %2, %1; setc %0"
                         : "=q"(old), "+m"(*(volatile long *)addr)
                         : "r"((long)nr)
                         : "memory");
    return old;
}

static inline int sync_test_and_set_bit(unsigned int nr, volatile void *addr)
{
    unsigned char old;

    __asm__ __volatile__("lock; bts %2, %1; setc %0"
                         : "=q"(old), "+m"(*(volatile long *)addr)
                         : "r"((long)nr)
                         : "memory");
    return old;
}

static inline void sync_set_bit(unsigned int nr, volatile void *addr)
{
    (void)sync_test_and_set_bit(nr, addr);
}

static inline void sync_clear_bit(unsigned int nr, volatile void *addr)
{
    (void)sync_test_and_clear_bit(nr, addr);
}

static inline int test_bit(unsigned int nr, const volatile void *addr)
{
    const volatile unsigned long *p = addr;
    unsigned int bits = 8 * sizeof(unsigned long);

    return (p[nr / bits] >> (nr % bits)) & 1;
}

static inline unsigned long xchg_ulong(volatile unsigned long *p, unsigned long v)
{
    __asm__ __volatile__("xchg %0, %1" : "+r"(v), "+m"(*p) : : "memory");
    return v;
}

/* Index of the lowest set bit; the word must not be 0. */
static inline unsigned int first_bit(unsigned long word)
{
    return __builtin_ctzl(word);
}

#endif
