/* SPDX-License-Identifier: BSD-2-Clause */
/* Assembly helpers shared by the x86 entry files: symbol macros and the frame layout. */
#ifndef MINIOS_ARCH_ASM_H
#define MINIOS_ARCH_ASM_H

#define ENTRY(name)        \
    .globl name;           \
    .type name, @function; \
    name:

#define END(name) .size name, .- name

/* PVH: our GDT's selectors (arch/x86/pvh/entry.S). */
#define PVH_CS  0x08
#define PVH_DS  0x10
#define PVH_TSS 0x18

/* Exception vector number stored in the frame for an event upcall (not a CPU vector). */
#define VECTOR_UPCALL 0xff

/*
 * x87/SSE state: the FXSAVE image size, and the state the C ABI expects at a function's
 * entry (empty x87 stack, control word 0x37f; MXCSR 0x1f80: round to nearest, all
 * exceptions masked). Threads start with it, and event handlers run with it.
 */
#define FXSAVE_SIZE   512
#define MXCSR_DEFAULT 0x1f80
#define FCW_DEFAULT   0x037f

#define FPU_DEFAULT_STATE \
    fninit;               \
    ldmxcsr mxcsr_default

/*
 * x86_64 upcall body, PV and PVH: with struct pt_regs at %rsp, call func(regs) on a
 * 16-byte aligned stack with the interrupted x87/SSE state saved below it (FXSAVE) and
 * the default state loaded, then restore both. Clobbers %rbx (saved in pt_regs).
 */
/* clang-format off */
#define CALL_FPU_SAVED(func)   \
    movq %rsp, %rdi;           \
    movq %rsp, %rbx;           \
    andq $-16, %rsp;           \
    subq $FXSAVE_SIZE, %rsp;   \
    fxsave64 (%rsp);           \
    FPU_DEFAULT_STATE;         \
    call func;                 \
    fxrstor64 (%rsp);          \
    movq %rbx, %rsp
/* clang-format on */

#ifdef __x86_64__
#define _ASM_PTR .quad
#else
#define _ASM_PTR .long
#endif

#endif
