/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PVH exceptions and events: our own IDT (the same handlers and fault reports as PV), the
 * event callback vector, and "events masked" as RFLAGS.IF: Xen injects the callback vector
 * whenever an event is pending and interrupts are enabled, and ignores the upcall mask.
 */
#include <kernel.h>
#include <hypervisor.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <arch/asm.h>
#include <arch/pvh.h>
#include <arch/traps.h>

#define IDT_ENTRIES   256
#define GATE_INTR     0x8e /* present, ring 0, 64-bit interrupt gate: IF cleared on entry */
#define RFLAGS_IF     0x200UL
#define CALLBACK_TYPE 56 /* HVM_PARAM_CALLBACK_IRQ: the type lives in bits 63:56 */

struct idt_gate {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, reserved;
};

extern char pvh_trap_divide_error[], pvh_trap_debug[], pvh_trap_int3[], pvh_trap_overflow[],
    pvh_trap_bounds[], pvh_trap_invalid_op[], pvh_trap_device_not_available[],
    pvh_trap_coprocessor_segment_overrun[], pvh_trap_invalid_tss[], pvh_trap_segment_not_present[],
    pvh_trap_stack_segment[], pvh_trap_general_protection[], pvh_trap_page_fault[],
    pvh_trap_spurious_interrupt_bug[], pvh_trap_coprocessor_error[], pvh_trap_alignment_check[],
    pvh_trap_simd_coprocessor_error[], pvh_trap_double_fault[], pvh_upcall[], pvh_gdt[];

static const struct {
    uint8_t vector;
    void *entry;
} vectors[] = {
    {0, pvh_trap_divide_error},
    {1, pvh_trap_debug},
    {3, pvh_trap_int3},
    {4, pvh_trap_overflow},
    {5, pvh_trap_bounds},
    {6, pvh_trap_invalid_op},
    {7, pvh_trap_device_not_available},
    {9, pvh_trap_coprocessor_segment_overrun},
    {10, pvh_trap_invalid_tss},
    {11, pvh_trap_segment_not_present},
    {12, pvh_trap_stack_segment},
    {13, pvh_trap_general_protection},
    {14, pvh_trap_page_fault},
    {15, pvh_trap_spurious_interrupt_bug},
    {16, pvh_trap_coprocessor_error},
    {17, pvh_trap_alignment_check},
    {19, pvh_trap_simd_coprocessor_error},
    {PVH_UPCALL_VECTOR, pvh_upcall},
};

static struct idt_gate idt[IDT_ENTRIES] __aligned(16);

/* The 64-bit TSS: only IST 1 is used, the double-fault stack. */
struct tss64 {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3, iomap_base;
} __packed;

static struct tss64 tss __aligned(16);
static char df_stack[PAGE_SIZE] __aligned(16);

/* A 16-byte available-TSS descriptor in the GDT, then ltr. */
static void load_tss(void)
{
    uint64_t base = (unsigned long)&tss, limit = sizeof(tss) - 1;
    uint64_t *desc = (uint64_t *)(pvh_gdt + PVH_TSS);

    BUILD_BUG_ON(sizeof(struct tss64) != 104);
    tss.ist[0] = (unsigned long)(df_stack + sizeof(df_stack));
    tss.iomap_base = sizeof(tss);
    desc[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
              ((limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
    desc[1] = base >> 32;
    __asm__ __volatile__("ltr %w0" ::"r"(PVH_TSS));
}

static void set_gate(unsigned int vector, void *entry)
{
    unsigned long a = (unsigned long)entry;

    idt[vector] = (struct idt_gate){
        .off_lo = (uint16_t)a,
        .sel = PVH_CS,
        .type = GATE_INTR,
        .off_mid = (uint16_t)(a >> 16),
        .off_hi = (uint32_t)(a >> 32),
    };
}

void pvh_init_traps(void)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } desc = {sizeof(idt) - 1, (unsigned long)idt};

    BUILD_BUG_ON(sizeof(struct idt_gate) != 16);
    for (unsigned int i = 0; i < ARRAY_SIZE(vectors); i++)
        set_gate(vectors[i].vector, vectors[i].entry);
    load_tss();
    set_gate(8, pvh_trap_double_fault);
    idt[8].ist = 1;
    __asm__ __volatile__("lidt %0" ::"m"(desc));
}

unsigned long pvh_fault_address(void)
{
    unsigned long cr2;

    __asm__ __volatile__("mov %%cr2, %0" : "=r"(cr2));
    return cr2;
}

/* Xen injects PVH_UPCALL_VECTOR while vcpu_info.evtchn_upcall_pending is set (no EOI). */
void pvh_init_event_entry(void)
{
    struct xen_hvm_param p = {
        .domid = DOMID_SELF,
        .index = HVM_PARAM_CALLBACK_IRQ,
        .value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << CALLBACK_TYPE) | PVH_UPCALL_VECTOR,
    };
    int rc = hcall(hvm_op, HVMOP_set_param, &p, 0, 0, 0);

    if (rc)
        panic("setting the event callback vector: %d", rc);
}

static unsigned long read_flags(void)
{
    unsigned long flags;

    __asm__ __volatile__("pushfq; popq %0" : "=r"(flags)::"memory");
    return flags;
}

/* The PV convention for the saved state: 1 = events were masked. */
unsigned long pvh_irq_save(void)
{
    unsigned long masked = !(read_flags() & RFLAGS_IF);

    __asm__ __volatile__("cli" ::: "memory");
    return masked;
}

/*
 * Xen only looks at evtchn_upcall_pending when it enters the guest: an event we marked
 * pending ourselves (evtchn_unmask) is injected at the next exit, which a hypercall makes.
 */
void pvh_irq_restore(unsigned long masked)
{
    if (masked) {
        __asm__ __volatile__("cli" ::: "memory");
        return;
    }
    __asm__ __volatile__("sti" ::: "memory");
    if (this_vcpu()->evtchn_upcall_pending)
        HYPERVISOR_xen_version(XENVER_version, NULL);
}

int pvh_irqs_disabled(void)
{
    return !(read_flags() & RFLAGS_IF);
}

/*
 * Called with interrupts off. sti takes effect after the next instruction, so no interrupt
 * is taken between it and hlt; Xen's hlt handling does not block while one is pending.
 */
void pvh_block(void)
{
    __asm__ __volatile__("sti; hlt; cli" ::: "memory");
}
