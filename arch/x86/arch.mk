# SPDX-License-Identifier: BSD-2-Clause
# x86 sources: one entry file per architecture, the rest shared.
src-y += arch/x86/$(ARCH).S
src-y += arch/x86/elfnotes.S
src-y += arch/x86/setup.c
src-y += arch/x86/traps.c
src-y += arch/x86/backtrace.c
src-y += arch/x86/mm.c
src-y += arch/x86/switch-$(ARCH).S
src-y += arch/x86/events.c
# PVH (x86_64 only): the PHYS32 entry, our own page tables and IDT, the callback vector.
pvh-src := entry.S vectors.S setup.c traps.c mm.c memmap.c pagetable.c
src-$(if $(filter x86_64,$(ARCH)),y,n) += $(addprefix arch/x86/pvh/,$(pvh-src))
