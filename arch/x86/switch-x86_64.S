/* SPDX-License-Identifier: BSD-2-Clause */
/* Thread switch and new-thread entry for the cooperative scheduler (x86_64). */
#include <arch/asm.h>

    .text
/*
 * arch_switch_threads(&prev->sp, &next->sp): save the callee-saved registers on prev's
 * stack, record where prev resumes (ip is the word after sp in struct thread), and resume
 * next at its saved ip. A new thread's ip is thread_trampoline.
 *
 * The switch is a function call, so the XMM and x87 data registers are the caller's to
 * save; what the ABI makes callee-saved, MXCSR and the x87 control word, is saved here,
 * so that a thread changing its rounding mode or unmasking an exception changes it only
 * for itself.
 */
ENTRY(arch_switch_threads)
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $8, %rsp
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq %rsp, (%rdi)
    movq $1f, 8(%rdi)
    movq (%rsi), %rsp
    pushq 8(%rsi)
    ret
1:  ldmxcsr (%rsp)
    fldcw 4(%rsp)
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
END(arch_switch_threads)

/* First code a new thread runs: a zero frame pointer ends its backtraces. */
ENTRY(thread_trampoline)
    xorl %ebp, %ebp
    FPU_DEFAULT_STATE
    jmp thread_main
END(thread_trampoline)
