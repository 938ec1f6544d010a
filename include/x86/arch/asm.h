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
#define PVH_CS 0x08
#define PVH_DS 0x10

/* Exception vector number stored in the frame for an event upcall (not a CPU vector). */
#define VECTOR_UPCALL 0xff

#ifdef __x86_64__
#define _ASM_PTR .quad
#else
#define _ASM_PTR .long
#endif

#endif
