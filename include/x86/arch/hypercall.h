/* SPDX-License-Identifier: BSD-2-Clause */
/* Raw hypercalls: a call into the hypercall page Xen filled in, arguments in registers. */
#ifndef MINIOS_ARCH_HYPERCALL_H
#define MINIOS_ARCH_HYPERCALL_H

extern char hypercall_page[4096];

#ifdef __x86_64__
/* Arguments in rdi rsi rdx r10 r8; the syscall-based entry clobbers rcx and r11. */
static inline long arch_hypercall(unsigned int op, unsigned long a1, unsigned long a2,
                                  unsigned long a3, unsigned long a4, unsigned long a5)
{
    register unsigned long r10 __asm__("r10") = a4;
    register unsigned long r8 __asm__("r8") = a5;
    unsigned long entry = (unsigned long)hypercall_page + op * 32;
    long ret;

    __asm__ __volatile__("call *%[entry]"
                         : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
                         : [entry] "m"(entry)
                         : "rcx", "r11", "memory");
    return ret;
}
#else
/* Arguments in ebx ecx edx esi edi. */
static inline long arch_hypercall(unsigned int op, unsigned long a1, unsigned long a2,
                                  unsigned long a3, unsigned long a4, unsigned long a5)
{
    unsigned long entry = (unsigned long)hypercall_page + op * 32;
    long ret;

    __asm__ __volatile__("call *%[entry]"
                         : "=a"(ret), "+b"(a1), "+c"(a2), "+d"(a3), "+S"(a4), "+D"(a5)
                         : [entry] "m"(entry)
                         : "memory");
    return ret;
}
#endif

#endif
