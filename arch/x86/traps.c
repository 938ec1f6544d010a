/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CPU exceptions: the trap table given to Xen, and the one fatal-fault path that reports
 * what happened (vector, error code, address, registers, stack trace) and crashes the
 * domain so the toolstack sees it.
 */
#include <kernel.h>
#include <hypervisor.h>
#include <arch/mode.h>
#include <arch/pvh.h>
#include <arch/traps.h>

#define TRAP(vec, dpl, fn)                                \
    {                                                     \
        (vec), (dpl), FLAT_KERNEL_CS, (unsigned long)(fn) \
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

static const char *const vector_names[] = {
    [0] = "divide error",
    [1] = "debug",
    [3] = "int3",
    [4] = "overflow",
    [5] = "bounds",
    [6] = "invalid opcode",
    [7] = "device not available",
    [9] = "coprocessor segment overrun",
    [10] = "invalid TSS",
    [11] = "segment not present",
    [12] = "stack segment",
    [13] = "general protection",
    [14] = "page fault",
    [15] = "spurious interrupt",
    [16] = "coprocessor error",
    [17] = "alignment check",
    [19] = "SIMD coprocessor error",
};

void init_traps(void)
{
    int rc;

    if (x86_pvh)
        return pvh_init_traps();
    rc = HYPERVISOR_set_trap_table(trap_table);
    if (rc)
        panic("set_trap_table: %d", rc);
}

static const char *vector_name(unsigned long vector)
{
    if (vector < ARRAY_SIZE(vector_names) && vector_names[vector])
        return vector_names[vector];
    return "unknown exception";
}

/* What kind of page fault, in words, from the error code and the faulting address. */
static void describe_page_fault(unsigned long addr, unsigned long error_code)
{
    printk("Faulting address: %#lx (%s, %s, %s)\n", addr,
           error_code & 1 ? "protection violation" : "page not present",
           error_code & 2 ? "write" : "read", error_code & 16 ? "instruction fetch" : "data");
    if (addr < PAGE_SIZE)
        printk("NULL pointer dereference\n");
}

/*
 * A fault while reporting a fault (a corrupt frame pointer, say) must not recurse: the
 * second one stops the report and crashes at once.
 */
static int reporting;

void do_trap(struct pt_regs *regs)
{
    if (reporting++) {
        printk("\nFault (vector %lu) while reporting a fault; crashing.\n", regs->vector);
        crash();
    }
    printk("\n*** Fatal exception: %s (vector %lu), error code %#lx\n", vector_name(regs->vector),
           regs->vector, regs->error_code);
    if (regs->vector == 14)
        describe_page_fault(x86_pvh ? pvh_fault_address() : this_vcpu()->arch.cr2,
                            regs->error_code);
    dump_regs(regs);
    backtrace(REGS_FP(regs), REGS_IP(regs));
    crash();
}

void do_failsafe_callback(unsigned long *frame)
{
    printk("\n*** Failsafe callback: Xen could not restore segment registers\n");
    printk("ds %#lx es %#lx fs %#lx gs %#lx ip %#lx cs %#lx\n", frame[0], frame[1], frame[2],
           frame[3], frame[4], frame[5]);
    crash();
}
