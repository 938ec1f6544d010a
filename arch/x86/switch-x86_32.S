/* SPDX-License-Identifier: BSD-2-Clause */
/* Thread switch and new-thread entry for the cooperative scheduler (x86_32). */
#include <arch/asm.h>

    .text
/* arch_switch_threads(&prev->sp, &next->sp): see switch-x86_64.S. */
ENTRY(arch_switch_threads)
    movl 4(%esp), %ecx
    movl 8(%esp), %edx
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    subl $8, %esp                /* MXCSR and the x87 control word: see switch-x86_64.S */
    stmxcsr (%esp)
    fnstcw 4(%esp)
    movl %esp, (%ecx)
    movl $1f, 4(%ecx)
    movl (%edx), %esp
    pushl 4(%edx)
    ret
1:  ldmxcsr (%esp)
    fldcw 4(%esp)
    addl $8, %esp
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret
END(arch_switch_threads)

ENTRY(thread_trampoline)
    xorl %ebp, %ebp
    FPU_DEFAULT_STATE
    jmp thread_main
END(thread_trampoline)
