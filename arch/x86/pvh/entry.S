/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86_64 PVH entry: Xen starts us at pvh_start (XEN_ELFNOTE_PHYS32_ENTRY) in 32-bit
 * protected mode, paging off, %ebx = physical address of struct hvm_start_info. We load our
 * GDT, identity-map the first 4 GiB with 2 MiB pages (RAM, Xen's console and xenstore pages
 * below 4 GiB), enable x87/SSE (applications use SSE), enter long mode and call
 * pvh_start_kernel. arch/x86/pvh/mm.c replaces these
 * tables with 4 KiB ones once memory is known.
 *
 * The image is linked at virtual 0 and Xen loads it at physical 0, so a symbol's address is
 * both; the 32-bit code may use them directly.
 */
#include <xen/elfnote.h>
#include <arch/asm.h>

#define CR0_PE   0x00000001
#define CR0_MP   0x00000002
#define CR0_NE   0x00000020
#define CR0_WP   0x00010000
#define CR0_PG   0x80000000
#define CR4_PAE  0x00000020
#define CR4_OSFXSR     0x00000200 /* fxsave/fxrstor and SSE */
#define CR4_OSXMMEXCPT 0x00000400 /* SIMD exceptions as #XM */
#define MSR_EFER 0xc0000080
#define EFER_LME 0x00000100
#define PDE_2M   0x83 /* present, writable, 2 MiB page */
#define PTE_TBL  0x03 /* present, writable: points at a table */

    .pushsection .note.Xen, "a", @note
    .balign 4
    .long 4, 4f - 3f, XEN_ELFNOTE_PHYS32_ENTRY
    .asciz "Xen"
3:  .long pvh_start
4:  .balign 4
    .popsection

    .section .text.boot, "ax"
    .code32
ENTRY(pvh_start)
    cld
    cli
    movl %ebx, %esi                      /* hvm_start_info: kept for the C entry */
    lgdt pvh_gdt_desc
    movl $PVH_DS, %eax
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %ss

    /* 2048 2 MiB pages: the first 4 GiB, 1:1 */
    movl $pvh_boot_pd, %edi
    movl $PDE_2M, %eax
    movl $2048, %ecx
1:  movl %eax, (%edi)
    movl $0, 4(%edi)
    addl $0x200000, %eax
    addl $8, %edi
    loop 1b
    movl $pvh_boot_pdpt, %edi
    movl $pvh_boot_pd + PTE_TBL, %eax
    movl $4, %ecx
2:  movl %eax, (%edi)
    addl $4096, %eax
    addl $8, %edi
    loop 2b
    movl $pvh_boot_pdpt + PTE_TBL, pvh_boot_pml4

    movl %cr4, %eax
    orl $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
    movl %eax, %cr4
    movl $pvh_boot_pml4, %eax
    movl %eax, %cr3
    movl $MSR_EFER, %ecx
    rdmsr
    orl $EFER_LME, %eax
    wrmsr
    movl $(CR0_PG | CR0_WP | CR0_NE | CR0_MP | CR0_PE), %eax
    movl %eax, %cr0
    ljmp $PVH_CS, $pvh_long_mode

    .code64
pvh_long_mode:
    movl $PVH_DS, %eax
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %ss
    xorl %eax, %eax
    movl %eax, %fs
    movl %eax, %gs
    movq $boot_stack_end, %rsp
    xorl %ebp, %ebp                      /* ends the frame-pointer chain for backtraces */
    FPU_DEFAULT_STATE                    /* x87 and SSE as the C ABI expects (PV: Xen's) */
    movl %esi, %edi
    call pvh_start_kernel
    ud2
END(pvh_start)

    .data
    .balign 16
    .globl pvh_gdt
pvh_gdt:
    .quad 0                              /* null */
    .quad 0x00af9a000000ffff             /* PVH_CS: 64-bit code, ring 0 */
    .quad 0x00cf92000000ffff             /* PVH_DS: flat data */
    .quad 0, 0                           /* PVH_TSS: filled in by pvh_init_traps */
pvh_gdt_end:
pvh_gdt_desc:
    .word pvh_gdt_end - pvh_gdt - 1
    .quad pvh_gdt

    .bss
    .balign 4096
pvh_boot_pml4:
    .skip 4096
pvh_boot_pdpt:
    .skip 4096
pvh_boot_pd:
    .skip 4 * 4096
