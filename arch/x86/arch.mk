# SPDX-License-Identifier: BSD-2-Clause
# x86 sources. PV mode in pv/ (its entry file first: _start is at address 0), PVH mode in
# pvh/ (x86_64 only), mode.c choosing between them, the rest shared by both.
src-y += arch/x86/pv/entry-$(ARCH).S
src-y += arch/x86/pv/mm.c
src-y += arch/x86/pv/events.c
src-y += arch/x86/pv/setup.c
src-y += arch/x86/pv/traps.c
src-y += arch/x86/mode.c
src-y += arch/x86/elfnotes.S
src-y += arch/x86/setup.c
src-y += arch/x86/traps.c
src-y += arch/x86/backtrace.c
src-y += arch/x86/switch-$(ARCH).S
# PVH (x86_64 only): the PHYS32 entry, our own page tables and IDT, the callback vector.
pvh-src := entry.S vectors.S setup.c traps.c mm.c memmap.c pagetable.c
src-$(if $(filter x86_64,$(ARCH)),y,n) += $(addprefix arch/x86/pvh/,$(pvh-src))
