/* SPDX-License-Identifier: BSD-2-Clause */
/* The PVH side of arch/x86 (arch/x86/pvh): what the shared x86 files call in PVH mode. */
#ifndef MINIOS_ARCH_PVH_H
#define MINIOS_ARCH_PVH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>
#include <arch/page.h>

/* The vector Xen injects for pending events (HVM_PARAM_CALLBACK_IRQ, type vector). */
#define PVH_UPCALL_VECTOR 0xf3

/*
 * memmap.c (pure): the RAM the kernel uses, from the PVH memory map: the RAM region that
 * starts at address 0, as a number of pages, capped at max_pfn. 0 if there is none.
 */
unsigned long pvh_ram_pages(const struct hvm_memmap_table_entry *map, unsigned int n,
                            unsigned long max_pfn);

/*
 * pagetable.c (pure): 4-level x86_64 page tables. Tables are reached through table(pa)
 * (their address in our space) and new ones come zeroed from alloc() (0: out of memory).
 */
struct pt_ops {
    pte_t *(*table)(uint64_t pa);
    uint64_t (*alloc)(void);
};
/* The L1 entry for va under root, making missing tables if alloc; NULL if missing/no memory. */
pte_t *pt_entry(const struct pt_ops *ops, uint64_t root, unsigned long va, bool alloc);
/* Map va to pa with prot (0 clears the entry): 0 or -ENOMEM. */
int pt_set(const struct pt_ops *ops, uint64_t root, unsigned long va, uint64_t pa, pte_t prot);

/* setup.c */
void pvh_init_shared_info(void);
void pvh_print_start_info(void);
extern unsigned long pvh_first_free_pfn;

/* traps.c */
void pvh_init_traps(void);
void pvh_init_event_entry(void);
unsigned long pvh_irq_save(void);
void pvh_irq_restore(unsigned long flags);
int pvh_irqs_disabled(void);
void pvh_block(void);
unsigned long pvh_fault_address(void);

/* mm.c: the PVH versions of include/x86/arch/mm.h */
unsigned long pvh_map_ram(unsigned long *end_pfn);
void pvh_protect_kernel(void);
int pvh_set_page(void *va, bool present);
bool pvh_page_mapped(unsigned long va);
pte_t pvh_pte_nx(void);
int pvh_page_pte(unsigned long va, pte_t *pte);
uint64_t pvh_grant_host_addr(unsigned long va);
int pvh_prepare_area(unsigned long va, unsigned long n);
int pvh_map_frames(unsigned long va, const unsigned long *gfns, unsigned long n,
                   unsigned long stride, domid_t dom, pte_t prot);
int pvh_unmap_area(unsigned long va, unsigned long n);

#endif
