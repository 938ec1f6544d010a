/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CPU exceptions in both modes: the one fatal-fault path that reports what happened
 * (vector, error code, address, registers, stack trace) and crashes the domain so the
 * toolstack sees it. How exceptions reach do_trap is the mode's (pv/traps.c, pvh/traps.c).
 */
#include <kernel.h>
#include <events.h>
#include <hypervisor.h>
#include <mm.h>
#include <arch/traps.h>

static const char *const vector_names[] = {
    [0] = "divide error",
    [1] = "debug",
    [3] = "int3",
    [4] = "overflow",
    [5] = "bounds",
    [6] = "invalid opcode",
    [7] = "device not available (#NM: FPU/SSE used while unavailable)",
    [8] = "double fault",
    [9] = "coprocessor segment overrun",
    [10] = "invalid TSS",
    [11] = "segment not present",
    [12] = "stack segment",
    [13] = "general protection",
    [14] = "page fault",
    [15] = "spurious interrupt",
    [16] = "x87 floating-point exception (#MF)",
    [17] = "alignment check",
    [19] = "SIMD floating-point exception (#XM)",
};

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
    else if ((error_code & 17) == 17)
        printk("Executing a non-executable page (NX): data, heap or stack is not code\n");
}

/* Raised exception flags (bits 0-5) whose mask bit (at mask_shift + i) is clear, in words. */
static void print_fp_flags(const char *reg, uint32_t value, unsigned int mask_shift, uint32_t masks)
{
    static const char *const flags[] = {"invalid operation", "denormal operand", "divide by zero",
                                        "overflow",          "underflow",        "precision"};

    printk("%s: %#x:", reg, value);
    for (unsigned int i = 0; i < ARRAY_SIZE(flags); i++)
        if ((value & (1u << i)) && !(masks & (1u << (i + mask_shift))))
            printk(" %s", flags[i]);
    printk("\n");
}

/* #MF (16): the x87 status word against its control word; #XM (19): MXCSR. */
static void describe_fp_fault(unsigned long vector)
{
    uint32_t mxcsr;
    uint16_t fsw, fcw;

    if (vector == 16) {
        __asm__ __volatile__("fnstsw %0\n\tfnstcw %1" : "=m"(fsw), "=m"(fcw));
        print_fp_flags("x87 status", fsw, 0, fcw);
    } else {
        __asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr));
        print_fp_flags("MXCSR", mxcsr, 7, mxcsr);
    }
}

/*
 * A fault while reporting a fault (a corrupt frame pointer, say) must not recurse: the
 * second one stops the report and crashes at once.
 */
static int reporting;

void do_trap(struct pt_regs *regs)
{
    /* Entered with events masked (TRAP_MASK_EVENTS); keep them so while reporting. */
    local_irq_disable();
    /* A first write to reserved anonymous memory: the only fault we resume from. */
    if (regs->vector == 14 && !reporting &&
        mm_handle_fault(arch_fault_address(), regs->error_code) == 0)
        return;
    if (reporting++) {
        printk("\nFault (vector %lu) while reporting a fault; crashing.\n", regs->vector);
        crash();
    }
    printk("\n*** Fatal exception: %s (vector %lu), error code %#lx\n", vector_name(regs->vector),
           regs->vector, regs->error_code);
    if (regs->vector == 14)
        describe_page_fault(arch_fault_address(), regs->error_code);
    if (regs->vector == 16 || regs->vector == 19)
        describe_fp_fault(regs->vector);
    dump_regs(regs);
    backtrace(REGS_FP(regs), REGS_IP(regs));
    crash();
}

void do_failsafe_callback(unsigned long *frame)
{
    local_irq_disable();
    printk("\n*** Failsafe callback: Xen could not restore segment registers\n");
    printk("ds %#lx es %#lx fs %#lx gs %#lx ip %#lx cs %#lx\n", frame[0], frame[1], frame[2],
           frame[3], frame[4], frame[5]);
    crash();
}
