/* SPDX-License-Identifier: BSD-2-Clause */
/* Arch-specific boot steps start_kernel calls, in the order it calls them. */
#ifndef MINIOS_ARCH_SETUP_H
#define MINIOS_ARCH_SETUP_H

#include <hypervisor.h>

#ifdef __x86_64__
#define ARCH_NAME "x86_64"
#else
#define ARCH_NAME "x86_32"
#endif

/* Keep a copy of start_info: its page is ordinary memory we may reuse. */
void init_start_info(const start_info_t *si);
/* Map Xen's shared_info page (event bits, time) into our address space. */
void init_shared_info(void);
/* The start-of-day dump: Xen version and every start_info field. */
void print_start_of_day(void);
/* Its mode-specific part (arch/x86/mode.c): what Xen gave us at boot. */
void arch_print_start_info(void);

#endif
