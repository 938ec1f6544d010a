/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86_64 PV entry points: boot, the hypercall page, exception and event-upcall entries, and
 * the return path through HYPERVISOR_iret.
 *
 * Xen delivers exceptions and upcalls on the current kernel stack with %rcx and %r11
 * pushed on top of a normal hardware frame (it uses them for its own return). Every entry
 * pops them back, builds a struct pt_regs (include/x86/arch/traps.h) and calls C.
 *
 * Returning always goes through the iret hypercall, which restores the event mask from the
 * saved RFLAGS.IF atomically with the return. That closes the classic PV window where
 * events are re-enabled before the final instruction and one arriving there is lost: Xen
 * re-checks pending events as it returns, so no critical-section fixup table is needed.
 */
#include <xen/xen.h>
#include <arch/asm.h>

    .section .text.boot, "ax"
ENTRY(_start)
    cld
    movq $boot_stack_end, %rsp
    xorl %ebp, %ebp              /* ends the frame-pointer chain for backtraces */
    movq %rsi, %rdi              /* start_info, virtual address */
    call start_kernel
    ud2
END(_start)

#include "../boot-data.S.inc"

    .text
#include "../regs-x86_64.S.inc"

/* Call \func(struct pt_regs *) with a 16-byte aligned stack, then return from the trap. */
.macro CALL_WITH_REGS func
    SAVE_REGS
    movq %rsp, %rdi
    movq %rsp, %rbx
    andq $-16, %rsp
    call \func
    movq %rbx, %rsp
    jmp return_from_trap
.endm

.macro TRAP_ENTRY name, vector, has_error=0
ENTRY(\name)
    popq %rcx
    popq %r11
    .if \has_error == 0
    pushq $0
    .endif
    pushq $\vector
    CALL_WITH_REGS do_trap
END(\name)
.endm

return_from_trap:
    RESTORE_REGS
    addq $16, %rsp               /* vector and error code */
    pushq $0                     /* iret flags: not returning from a syscall */
    jmp hypercall_page + __HYPERVISOR_iret * 32

#include "../trap-entries.S.inc"

/*
 * Event upcall: entered with events masked; the iret hypercall unmasks them again. It can
 * interrupt application code (SSE) at any instruction, and handlers may be application
 * code too, so the interrupted thread's x87/SSE state (XMM registers, MXCSR, FPU control
 * word) is saved around the handlers, which start from the ABI's default state.
 */
ENTRY(hypervisor_callback)
    popq %rcx
    popq %r11
    pushq $0
    pushq $VECTOR_UPCALL
    SAVE_REGS
    CALL_FPU_SAVED(do_hypervisor_callback)
    jmp return_from_trap
END(hypervisor_callback)

/*
 * Xen could not load the segment registers we asked for on return. Nothing sensible can
 * be resumed: report the frame (%ds %es %fs %gs, then the hardware frame) and crash.
 */
ENTRY(failsafe_callback)
    popq %rcx
    popq %r11
    movq %rsp, %rdi
    andq $-16, %rsp
    call do_failsafe_callback
    ud2
END(failsafe_callback)
