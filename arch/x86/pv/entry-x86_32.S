/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86_32 (PAE) PV entry points: boot, the hypercall page, exception and event-upcall
 * entries, and the return path through HYPERVISOR_iret.
 *
 * The kernel runs in ring 1, so a trap taken in the kernel pushes a same-privilege frame
 * (no %esp/%ss). As on x86_64, every return goes through the iret hypercall so that the
 * event mask is restored from EFLAGS.IF atomically with the return (see entry-x86_64.S).
 */
#include <xen/xen.h>
#include <arch/asm.h>

    .section .text.boot, "ax"
ENTRY(_start)
    cld
    movl $boot_stack_end, %esp
    xorl %ebp, %ebp              /* ends the frame-pointer chain for backtraces */
    pushl %esi                   /* start_info, virtual address */
    call start_kernel
    ud2
END(_start)

#include "../boot-data.S.inc"

    .text
/* Call \func(struct pt_regs *) with a 16-byte aligned stack, then return from the trap. */
.macro CALL_WITH_REGS func
    pushal
    movl %esp, %eax
    movl %esp, %esi
    andl $-16, %esp
    subl $12, %esp
    pushl %eax
    call \func
    movl %esi, %esp
    jmp return_from_trap
.endm

.macro TRAP_ENTRY name, vector, has_error=0
ENTRY(\name)
    .if \has_error == 0
    pushl $0
    .endif
    pushl $\vector
    CALL_WITH_REGS do_trap
END(\name)
.endm

return_from_trap:
    popal
    addl $8, %esp                /* vector and error code */
    jmp hypercall_page + __HYPERVISOR_iret * 32

#include "../trap-entries.S.inc"

/* Event upcall: saves the interrupted x87/SSE state around the handlers (see x86_64.S). */
ENTRY(hypervisor_callback)
    pushl $0
    pushl $VECTOR_UPCALL
    pushal
    movl %esp, %eax
    movl %esp, %esi
    andl $-16, %esp
    subl $FXSAVE_SIZE, %esp
    fxsave (%esp)
    FPU_DEFAULT_STATE
    subl $12, %esp
    pushl %eax
    call do_hypervisor_callback
    addl $16, %esp
    fxrstor (%esp)
    movl %esi, %esp
    jmp return_from_trap
END(hypervisor_callback)

/* Segment reload failed on return: report the frame (%ds %es %fs %gs, ...) and crash. */
ENTRY(failsafe_callback)
    movl %esp, %eax
    andl $-16, %esp
    subl $12, %esp
    pushl %eax
    call do_failsafe_callback
    ud2
END(failsafe_callback)
