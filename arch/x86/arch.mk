# SPDX-License-Identifier: BSD-2-Clause
# x86 sources: one entry file per architecture, the rest shared.
src-y += arch/x86/$(ARCH).S
src-y += arch/x86/elfnotes.S
src-y += arch/x86/setup.c
src-y += arch/x86/traps.c
src-y += arch/x86/backtrace.c
src-y += arch/x86/mm.c
src-y += arch/x86/switch-$(ARCH).S
