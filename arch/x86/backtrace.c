/* SPDX-License-Identifier: BSD-2-Clause */
/* Register dumps and frame-pointer stack traces, symbolised from the built-in table. */
#include <kernel.h>
#include <arch/traps.h>

#define MAX_FRAMES 32
/* A frame pointer further than this above the first one is not on the same stack. */
#define MAX_STACK_SPAN (1UL << 20)

#ifdef __x86_64__
void dump_regs(const struct pt_regs *r)
{
    printk("RIP: %04lx:%016lx  RFLAGS: %016lx\n", r->cs, r->rip, r->rflags);
    printk("RSP: %04lx:%016lx\n", r->ss, r->rsp);
    printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", r->rax, r->rbx, r->rcx);
    printk("RDX: %016lx RSI: %016lx RDI: %016lx\n", r->rdx, r->rsi, r->rdi);
    printk("RBP: %016lx R8:  %016lx R9:  %016lx\n", r->rbp, r->r8, r->r9);
    printk("R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
    printk("R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
}
#else
void dump_regs(const struct pt_regs *r)
{
    printk("EIP: %04lx:%08lx  EFLAGS: %08lx  ESP: %08lx\n", r->cs, r->eip, r->eflags, REGS_SP(r));
    printk("EAX: %08lx EBX: %08lx ECX: %08lx EDX: %08lx\n", r->eax, r->ebx, r->ecx, r->edx);
    printk("ESI: %08lx EDI: %08lx EBP: %08lx\n", r->esi, r->edi, r->ebp);
}
#endif

static void print_frame(unsigned int depth, unsigned long ip)
{
    unsigned long offset;
    const char *name = symbol_lookup(ip, &offset);

    if (name)
        printk("  #%-2u %#lx %s+%#lx\n", depth, ip, name, offset);
    else
        printk("  #%-2u %#lx ?\n", depth, ip);
}

/*
 * Walk the chain of saved frame pointers (the kernel is built with -fno-omit-frame-pointer):
 * each frame holds the caller's frame pointer and then the return address. Stop at a
 * NULL, misaligned or non-increasing frame pointer, so a corrupt stack ends the walk.
 */
void backtrace(unsigned long fp, unsigned long ip)
{
    unsigned long start = fp;

    printk("Stack trace:\n");
    print_frame(0, ip);
    for (unsigned int depth = 1; depth < MAX_FRAMES; depth++) {
        const unsigned long *frame = (const unsigned long *)fp;

        if (!fp || fp % sizeof(long) || fp < start || fp - start > MAX_STACK_SPAN)
            break;
        if (!frame[1])
            break;
        print_frame(depth, frame[1]);
        if (frame[0] <= fp)
            break;
        fp = frame[0];
    }
}
