/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86_32 (PAE) PV entry points: boot, the hypercall page, exception and event-upcall
 * entries, and the return path through HYPERVISOR_iret.
 *
 * The kernel runs in ring 1, so a trap taken in the kernel pushes a same-privilege frame
 * (no %esp/%ss). As on x86_64, every return goes through the iret hypercall so that the
 * event mask is restored from EFLAGS.IF atomically with the return (see x86_64.S).
 */
#include <xen/xen.h>
#include <arch/asm.h>

#define BOOT_STACK_SIZE (64 * 1024)

    .section .text.boot, "ax"
ENTRY(_start)
    cld
    movl $boot_stack_end, %esp
    xorl %ebp, %ebp              /* ends the frame-pointer chain for backtraces */
    pushl %esi                   /* start_info, virtual address */
    call start_kernel
    ud2
END(_start)

    .section .text.hypercall_page, "ax"
    .globl hypercall_page
    .balign 4096
hypercall_page:
    .fill 4096, 1, 0xcc          /* filled in by Xen; int3 until then */

    .bss
    .balign 16
    .globl boot_stack, boot_stack_end
boot_stack:
    .skip BOOT_STACK_SIZE
boot_stack_end:

    .text
/* Call \func(struct pt_regs *), then return from the trap. */
.macro CALL_WITH_REGS func
    pushal
    movl %esp, %eax
    pushl %eax
    call \func
    addl $4, %esp
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

TRAP_ENTRY trap_divide_error, 0
TRAP_ENTRY trap_debug, 1
TRAP_ENTRY trap_int3, 3
TRAP_ENTRY trap_overflow, 4
TRAP_ENTRY trap_bounds, 5
TRAP_ENTRY trap_invalid_op, 6
TRAP_ENTRY trap_device_not_available, 7
TRAP_ENTRY trap_coprocessor_segment_overrun, 9
TRAP_ENTRY trap_invalid_tss, 10, 1
TRAP_ENTRY trap_segment_not_present, 11, 1
TRAP_ENTRY trap_stack_segment, 12, 1
TRAP_ENTRY trap_general_protection, 13, 1
TRAP_ENTRY trap_page_fault, 14, 1
TRAP_ENTRY trap_spurious_interrupt_bug, 15
TRAP_ENTRY trap_coprocessor_error, 16
TRAP_ENTRY trap_alignment_check, 17, 1
TRAP_ENTRY trap_simd_coprocessor_error, 19

ENTRY(hypervisor_callback)
    pushl $0
    pushl $VECTOR_UPCALL
    CALL_WITH_REGS do_hypervisor_callback
END(hypervisor_callback)

/* Segment reload failed on return: report the frame (%ds %es %fs %gs, ...) and crash. */
ENTRY(failsafe_callback)
    movl %esp, %eax
    pushl %eax
    call do_failsafe_callback
    ud2
END(failsafe_callback)
