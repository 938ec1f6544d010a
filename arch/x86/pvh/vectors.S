/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PVH interrupt and exception entries (the IDT's targets, arch/x86/pvh/traps.c). The CPU
 * pushes a plain hardware frame (always with %ss:%rsp in long mode); each entry adds the
 * error code if the CPU gave none and the vector, builds the same struct pt_regs as the PV
 * entries, calls C with a 16-byte aligned stack and returns with iretq, which restores the
 * interrupted RFLAGS.IF: the gates are interrupt gates, so handlers run with IF clear.
 */
#include <arch/asm.h>

    .text
#include "../regs-x86_64.S.inc"

.macro CALL_WITH_REGS func
    SAVE_REGS
    movq %rsp, %rdi
    movq %rsp, %rbx
    andq $-16, %rsp
    call \func
    movq %rbx, %rsp
    RESTORE_REGS
    addq $16, %rsp               /* vector and error code */
    iretq
.endm

/* The same list of exceptions as PV (trap-entries.S.inc), each named pvh_<name>. */
.macro TRAP_ENTRY name, vector, has_error=0
ENTRY(pvh_\name)
    .if \has_error == 0
    pushq $0
    .endif
    pushq $\vector
    CALL_WITH_REGS do_trap
END(pvh_\name)
.endm

#include "../trap-entries.S.inc"

/* On its own stack (IST 1): a stack overflow faults again pushing the #PF frame. */
TRAP_ENTRY trap_double_fault, 8, 1

/*
 * The event callback vector (HVM_PARAM_CALLBACK_IRQ): Xen injects it while events are
 * pending. As on PV, it can interrupt SSE code anywhere and handlers may be application
 * code: the x87/SSE state is saved around them, which start from the ABI's default state.
 */
ENTRY(pvh_upcall)
    pushq $0
    pushq $VECTOR_UPCALL
    SAVE_REGS
    CALL_FPU_SAVED(do_hypervisor_callback)
    RESTORE_REGS
    addq $16, %rsp
    iretq
END(pvh_upcall)
