/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Which way Xen started us: PV (Xen's page tables, start_info, trap table, upcall) or PVH
 * (a hardware container entered at XEN_ELFNOTE_PHYS32_ENTRY: our own page tables and IDT,
 * guest frames, the callback vector). Only arch/x86 asks; the rest of the kernel does not.
 */
#ifndef MINIOS_ARCH_MODE_H
#define MINIOS_ARCH_MODE_H

#include <stdbool.h>

#ifdef __x86_64__
/* Set by the PVH entry before anything else runs; false for the PV entry. */
extern bool x86_pvh;
#else
/* Only the 64-bit kernel has a PVH entry: the 32-bit one runs PV (or in Xen's PV shim). */
#define x86_pvh false
#endif

#endif
