/* SPDX-License-Identifier: BSD-2-Clause */
/* The register frame the entry code builds (arch/x86/pv/entry-*.S, arch/x86/pvh/vectors.S) and its users. */
#ifndef MINIOS_ARCH_TRAPS_H
#define MINIOS_ARCH_TRAPS_H

#ifdef __x86_64__
struct pt_regs {
    unsigned long r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    unsigned long rax, rcx, rdx, rsi, rdi;
    unsigned long vector, error_code;
    unsigned long rip, cs, rflags, rsp, ss;
};
#define REGS_IP(r) ((r)->rip)
#define REGS_FP(r) ((r)->rbp)
#define REGS_SP(r) ((r)->rsp)
#else
/* pushal order, then what the entry stubs and the CPU pushed. */
struct pt_regs {
    unsigned long edi, esi, ebp, esp_at_pushal, ebx, edx, ecx, eax;
    unsigned long vector, error_code;
    unsigned long eip, cs, eflags;
    unsigned long esp, ss; /* only present when the trap came from ring 3 */
};
#define REGS_IP(r) ((r)->eip)
#define REGS_FP(r) ((r)->ebp)
/* A ring-1 trap pushes no %esp: the interrupted stack pointer is just above %eflags. */
#define REGS_SP(r) ((unsigned long)&(r)->esp)
#endif

/* Give Xen our exception handlers. */
void init_traps(void);
/* The address of the last page fault (arch/x86/mode.c: %cr2 as Xen copies it, or the CPU's). */
unsigned long arch_fault_address(void);
void do_trap(struct pt_regs *regs);
void do_hypervisor_callback(struct pt_regs *regs);
void do_failsafe_callback(unsigned long *frame);
void dump_regs(const struct pt_regs *regs);
void backtrace(unsigned long fp, unsigned long ip);

#endif
