/* SPDX-License-Identifier: BSD-2-Clause */
/* Xen ELF notes: how the domain builder learns where and how to load and enter us. */
#include <xen/elfnote.h>
#include <arch/asm.h>

#define ELFNOTE(type, desc)                                                                        \
    .pushsection .note.Xen, "a", @note;                                                            \
    .balign 4;                                                                                     \
    .long 2f - 1f;                                                                                 \
    .long 4f - 3f;                                                                                 \
    .long type;                                                                                    \
    1: .asciz "Xen";                                                                              \
    2: .balign 4;                                                                                 \
    3: desc;                                                                                      \
    4: .balign 4;                                                                                 \
    .popsection

ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "Mini-OS")
ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic")
ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
ELFNOTE(XEN_ELFNOTE_VIRT_BASE, _ASM_PTR 0)
ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, _ASM_PTR 0)
ELFNOTE(XEN_ELFNOTE_ENTRY, _ASM_PTR _start)
ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, _ASM_PTR hypercall_page)
#ifdef __x86_64__
/* Page tables are only changed through mmu_update, so no optional feature is needed. */
ELFNOTE(XEN_ELFNOTE_FEATURES, .asciz "")
#else
ELFNOTE(XEN_ELFNOTE_FEATURES, .asciz "pae_pgdir_above_4gb")
ELFNOTE(XEN_ELFNOTE_PAE_MODE, .asciz "yes")
#endif
