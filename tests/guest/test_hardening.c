/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * W^X and stack protection: the protection of each kind of mapping, the boot-time canary,
 * and crash suites that execute data, smash a canary, jump a guard page with one frame,
 * and fault with an event pending.
 */
#include <kernel.h>
#include <events.h>
#include <mm.h>
#include <sched.h>
#include <string.h>
#include <arch/mm.h>
#include "test.h"

extern char _text[], _rodata[], _data[], __bss_start[], boot_stack_guard[];
extern unsigned long __stack_chk_guard;

static const char rodata_probe[] = "read-only";
static char data_probe[] = "data";
static char bss_probe[8];

/* "rw" / "ro", then "x" / "nx", or "unmapped". */
static const char *prot(const void *va, char *buf)
{
    pte_t pte;

    if (arch_page_pte((unsigned long)va, &pte))
        return "unmapped";
    buf[0] = '\0';
    strcat(buf, pte & _PAGE_RW ? "rw" : "ro");
    strcat(buf, pte & _PAGE_NX ? "+nx" : "+x");
    return buf;
}

static void expect_prot(const char *name, const void *va, const char *want)
{
    char buf[8];
    const char *got = prot(va, buf);

    test_check(name, strcmp(got, want) == 0, "%p is %s, want %s", va, got, want);
}

static void check_mappings(void)
{
    char stack_probe[8] = "stack";
    void *heap = malloc(64);
    void *page = alloc_page();
    unsigned long mfn = page ? virt_to_mfn(page) : 0;
    void *alias = page ? map_frames(&mfn, 1, 1, DOMID_SELF, PTE_KERNEL_RW) : NULL;

    if (!arch_pte_nx()) {
        test_report("nx_supported", TEST_SKIP, "the CPU has no NX bit");
        return;
    }
    expect_prot("prot_text", (void *)suite_hardening, "ro+x");
    expect_prot("prot_hypercall_page", _text + PAGE_SIZE, "ro+x");
    expect_prot("prot_rodata", rodata_probe, "ro+nx");
    expect_prot("prot_data", data_probe, "rw+nx");
    expect_prot("prot_bss", bss_probe, "rw+nx");
    expect_prot("prot_stack", stack_probe, "rw+nx");
    expect_prot("prot_heap", heap, "rw+nx");
    expect_prot("prot_page", page, "rw+nx");
    expect_prot("prot_map_frames", alias, "rw+nx");
    if (start_info.mfn_list)
        expect_prot("prot_start_info", (void *)start_info.mfn_list, "rw+nx");
    else
        test_report("prot_start_info", TEST_SKIP, "no p2m list: frames are guest frames (PVH)");
    expect_prot("boot_stack_guard", boot_stack_guard, "unmapped");
    if (alias)
        unmap_frames(alias, 1);
    free_page(page);
    free(heap);
}

static void check_canary(void)
{
    /* The value compiled into the image, replaced at boot. */
    const unsigned long image_value = (unsigned long)0x595e9fbd94fda700ULL;

    test_check("stack_canary_from_boot",
               __stack_chk_guard != image_value && __stack_chk_guard != 0 &&
                   (__stack_chk_guard & 0xff) == 0,
               "canary %s the image's, low byte %#lx",
               __stack_chk_guard == image_value ? "is" : "differs from", __stack_chk_guard & 0xff);
}

void suite_hardening(void)
{
    check_mappings();
    check_canary();
}

typedef void (*code_fn)(void);

void suite_fault_nx_heap(void)
{
    unsigned char *code = malloc(16);

    code[0] = 0xc3; /* ret */
    printk("Calling a ret written into the heap at %p\n", (void *)code);
    ((code_fn)code)();
    test_report("fault_nx_heap", TEST_FAIL, "survived: the heap is executable");
}

void suite_fault_nx_stack(void)
{
    volatile unsigned char code[16] = {0xc3};

    printk("Calling a ret written onto the stack at %p\n", (void *)code);
    ((code_fn)(unsigned long)code)();
    test_report("fault_nx_stack", TEST_FAIL, "survived: the stack is executable");
}

static volatile size_t smash_len = 48;

/* Writes past the end of a local array, over the canary above it. */
__attribute__((noinline)) static void smash_stack(void)
{
    char buf[16];
    volatile char *p = buf;

    for (size_t i = 0; i < smash_len; i++)
        p[i] = 'A';
}

void suite_fault_stack_protector(void)
{
    printk("Overrunning a 16-byte stack buffer by %zu bytes\n", smash_len - 16);
    smash_stack();
    test_report("fault_stack_protector", TEST_FAIL, "survived a smashed stack");
}

/* One frame four times the size of the thread's stack: it must probe into the guard page. */
__attribute__((noinline)) static void huge_frame(void)
{
    volatile char big[4 * THREAD_STACK_SIZE];

    big[0] = 1;
    printk("Wrote the bottom of the huge frame at %p\n", (void *)big);
}

static void clash_thread(void *arg)
{
    printk("Allocating a %lu KiB frame on a %lu KiB stack\n", 4 * THREAD_STACK_SIZE / 1024UL,
           THREAD_STACK_SIZE / 1024UL);
    huge_frame();
}

void suite_fault_stack_clash(void)
{
    struct thread *t = create_thread("clash", clash_thread, NULL);

    if (t)
        join_thread(t);
    test_report("fault_stack_clash", TEST_FAIL, "survived: a frame jumped the guard page");
}

/* Armed just before the fault: binding a loopback port already makes it pending once. */
static volatile bool fault_armed;

static void fault_event_handler(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    if (fault_armed)
        printk("event handler ran during the fault report\n");
}

/*
 * A fault taken with an event pending and events enabled: the exception entry masks
 * events, so the handler must not run in the middle of (or before) the report.
 */
void suite_fault_event_pending(void)
{
    volatile int *null = NULL;
    evtchn_port_t a, b;

    if (test_loopback(fault_event_handler, &a, &b)) {
        test_report("fault_event_pending", TEST_ERROR, "no loopback port");
        return;
    }
    __asm__ __volatile__("" : "+r"(null));
    printk("Faulting with an event pending\n");
    local_irq_disable();
    fault_armed = true;
    evtchn_send(a);
    /* Unmask without the hypercall that would deliver it, then fault at once. */
    this_vcpu()->evtchn_upcall_mask = 0;
    barrier();
    *null = 1;
    test_report("fault_event_pending", TEST_FAIL, "survived a NULL dereference");
}
