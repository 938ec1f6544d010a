/* SPDX-License-Identifier: BSD-2-Clause */
/* The PV side of arch/x86 (arch/x86/pv): what arch/x86/mode.c calls in PV mode. */
#ifndef MINIOS_ARCH_PV_H
#define MINIOS_ARCH_PV_H

#include <stdbool.h>
#include <hypervisor.h>

/* setup.c */
void pv_init_shared_info(void);
void pv_print_start_info(void);

/* traps.c */
void pv_init_traps(void);
unsigned long pv_fault_address(void);

/* events.c */
void pv_init_event_entry(void);
unsigned long pv_irq_save(void);
void pv_irq_restore(unsigned long flags);
int pv_irqs_disabled(void);
void pv_block(void);

/* mm.c: the PV versions of include/x86/arch/mm.h */
unsigned long pv_map_ram(unsigned long *end_pfn);
void pv_protect_kernel(void);
int pv_unmap_page(void *va);
int pv_remap_page(void *va);
bool pv_page_mapped(unsigned long va);
pte_t pv_pte_nx(void);
int pv_page_pte(unsigned long va, pte_t *pte);
int pv_prepare_area(unsigned long va, unsigned long n);
int pv_map_frames(unsigned long va, const unsigned long *mfns, unsigned long n,
                  unsigned long stride, domid_t dom, pte_t prot);
int pv_map_page(unsigned long va, unsigned long mfn, pte_t prot);
int pv_unmap_area(unsigned long va, unsigned long n);

#endif
