/* SPDX-License-Identifier: BSD-2-Clause */
/* Exceptions in PV mode: the trap table given to Xen, and the fault address Xen saves. */
#include <kernel.h>
#include <hypervisor.h>
#include <arch/pv.h>

/*
 * Flag 4 of trap_info: Xen masks events as it delivers the exception, atomically, so no
 * event upcall lands on top of an exception frame before the handler runs or while a
 * fault is reported; the iret at the end restores the mask from the saved flags.
 */
#define TRAP_MASK_EVENTS 4
#define TRAP(vec, dpl, fn)                                                   \
    {                                                                        \
        (vec), (dpl) | TRAP_MASK_EVENTS, FLAT_KERNEL_CS, (unsigned long)(fn) \
    }

extern char trap_divide_error[], trap_debug[], trap_int3[], trap_overflow[], trap_bounds[],
    trap_invalid_op[], trap_device_not_available[], trap_coprocessor_segment_overrun[],
    trap_invalid_tss[], trap_segment_not_present[], trap_stack_segment[], trap_general_protection[],
    trap_page_fault[], trap_spurious_interrupt_bug[], trap_coprocessor_error[],
    trap_alignment_check[], trap_simd_coprocessor_error[];

/* Xen reads this table up to an entry whose address is 0: the terminator is the ABI. */
static const trap_info_t trap_table[] = {
    TRAP(0, 0, trap_divide_error),
    TRAP(1, 0, trap_debug),
    TRAP(3, 3, trap_int3),
    TRAP(4, 3, trap_overflow),
    TRAP(5, 3, trap_bounds),
    TRAP(6, 0, trap_invalid_op),
    TRAP(7, 0, trap_device_not_available),
    TRAP(9, 0, trap_coprocessor_segment_overrun),
    TRAP(10, 0, trap_invalid_tss),
    TRAP(11, 0, trap_segment_not_present),
    TRAP(12, 0, trap_stack_segment),
    TRAP(13, 0, trap_general_protection),
    TRAP(14, 0, trap_page_fault),
    TRAP(15, 0, trap_spurious_interrupt_bug),
    TRAP(16, 0, trap_coprocessor_error),
    TRAP(17, 0, trap_alignment_check),
    TRAP(19, 0, trap_simd_coprocessor_error),
    {0, 0, 0, 0},
};

void pv_init_traps(void)
{
    int rc = HYPERVISOR_set_trap_table(trap_table);

    if (rc)
        panic("set_trap_table: %d", rc);
}

/* Xen copies %cr2 into our vcpu_info before it delivers a page fault. */
unsigned long pv_fault_address(void)
{
    return this_vcpu()->arch.cr2;
}
