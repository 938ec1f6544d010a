/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The FPU/SSE guarantee for application code (compiled with APP_CFLAGS, so with SSE):
 * exact results in interleaving threads, MXCSR and the x87 control word per thread, the
 * interrupted thread's XMM registers and MXCSR untouched by SSE code in event handlers,
 * handlers entered on a 16-byte aligned stack, and SIMD exceptions reported by name.
 */
#include <kernel.h>
#include <events.h>
#include <sched.h>
#include <time.h>
#include "test.h"

#ifndef __SSE2__
#error "application code must be compiled with SSE (APP_CFLAGS)"
#endif

#define MXCSR_DEFAULT 0x1f80
#define FCW_DEFAULT   0x037f
/* Round toward zero, in MXCSR and in the x87 control word. */
#define MXCSR_RZ (MXCSR_DEFAULT | 0x6000)
#define FCW_RZ   (FCW_DEFAULT | 0x0c00)

static uint32_t get_mxcsr(void)
{
    uint32_t v;

    __asm__ __volatile__("stmxcsr %0" : "=m"(v));
    return v;
}

static void set_mxcsr(uint32_t v)
{
    __asm__ __volatile__("ldmxcsr %0" ::"m"(v));
}

static uint16_t get_fcw(void)
{
    uint16_t v;

    __asm__ __volatile__("fnstcw %0" : "=m"(v));
    return v;
}

static void set_fcw(uint16_t v)
{
    __asm__ __volatile__("fldcw %0" ::"m"(v));
}

#define TERMS 200

/* Harmonic sum with a switch after every term: SSE values live across each switch. */
static double harmonic(bool yield)
{
    volatile double sum = 0;

    for (int i = 1; i <= TERMS; i++) {
        sum += 1.0 / i;
        if (yield && i % 20 == 0)
            msleep(1);
    }
    return sum;
}

static double sums[2];

static void sum_thread(void *arg)
{
    sums[(unsigned long)arg] = harmonic(true);
}

static void check_interleaved(void)
{
    double expect = harmonic(false);
    struct thread *a = create_thread("sse-a", sum_thread, (void *)0);
    struct thread *b = create_thread("sse-b", sum_thread, (void *)1);

    if (a)
        join_thread(a);
    if (b)
        join_thread(b);
    test_check("sse_threads_interleave", a && b && sums[0] == expect && sums[1] == expect,
               "sums %s", sums[0] == expect && sums[1] == expect ? "exact" : "differ");
}

static volatile uint32_t seen_mxcsr;
static volatile uint16_t seen_fcw;
static volatile bool rz_set;

/* Sets round-toward-zero for itself only, then checks it survived another thread. */
static void rz_thread(void *arg)
{
    set_mxcsr(MXCSR_RZ);
    set_fcw(FCW_RZ);
    rz_set = true;
    msleep(20);
    seen_mxcsr = get_mxcsr();
    seen_fcw = get_fcw();
}

static void check_per_thread_control(void)
{
    struct thread *t;
    uint32_t other_mxcsr;
    uint16_t other_fcw;

    rz_set = false;
    t = create_thread("sse-rz", rz_thread, NULL);
    if (!t) {
        test_report("mxcsr_per_thread", TEST_ERROR, "no thread");
        return;
    }
    while (!rz_set)
        msleep(1);
    other_mxcsr = get_mxcsr();
    other_fcw = get_fcw();
    join_thread(t);
    /* The control bits; the sticky flags (bits 0-5) are each thread's own arithmetic. */
    other_mxcsr &= ~0x3fu;
    seen_mxcsr &= ~0x3fu;
    test_check("mxcsr_per_thread", other_mxcsr == MXCSR_DEFAULT && seen_mxcsr == MXCSR_RZ,
               "other thread %#x, owner %#x", other_mxcsr, seen_mxcsr);
    test_check("fpu_control_per_thread", other_fcw == FCW_DEFAULT && seen_fcw == FCW_RZ,
               "other thread %#x, owner %#x", other_fcw, seen_fcw);
    set_mxcsr(MXCSR_DEFAULT);
    set_fcw(FCW_DEFAULT);
}

static volatile unsigned int handler_runs;
static volatile uint32_t handler_mxcsr;
static volatile unsigned long handler_misalign;

/* An application's event handler that uses SSE: it clobbers every XMM register. */
static void sse_handler(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    char probe[16] __aligned(16);
    unsigned long addr = (unsigned long)probe;
    volatile double x = 3.0;

    /* Launder the address so the compiler cannot assume the alignment it asked for. */
    __asm__ __volatile__("" : "+r"(addr));
    handler_misalign = addr & 15;
    handler_mxcsr = get_mxcsr();
    x = x / 7.0;
    __asm__ __volatile__("pxor %%xmm0, %%xmm0\n\tpcmpeqd %%xmm1, %%xmm1\n\t"
                         "pxor %%xmm2, %%xmm2\n\tpxor %%xmm3, %%xmm3\n\t"
                         "pxor %%xmm4, %%xmm4\n\tpxor %%xmm5, %%xmm5\n\t"
                         "pxor %%xmm6, %%xmm6\n\tpxor %%xmm7, %%xmm7\n\t" ::
                             : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7");
    handler_runs++;
}

/* Load XMM0-7 from %[in], and store them to the address in %[out]. */
#define XMM_LOAD                                               \
    "movdqu 0(%[in]), %%xmm0\n\tmovdqu 16(%[in]), %%xmm1\n\t"  \
    "movdqu 32(%[in]), %%xmm2\n\tmovdqu 48(%[in]), %%xmm3\n\t" \
    "movdqu 64(%[in]), %%xmm4\n\tmovdqu 80(%[in]), %%xmm5\n\t" \
    "movdqu 96(%[in]), %%xmm6\n\tmovdqu 112(%[in]), %%xmm7\n\t"
#define XMM_STORE(reg)                                             \
    "movdqu %%xmm0, 0(" reg ")\n\tmovdqu %%xmm1, 16(" reg ")\n\t"  \
    "movdqu %%xmm2, 32(" reg ")\n\tmovdqu %%xmm3, 48(" reg ")\n\t" \
    "movdqu %%xmm4, 64(" reg ")\n\tmovdqu %%xmm5, 80(" reg ")\n\t" \
    "movdqu %%xmm6, 96(" reg ")\n\tmovdqu %%xmm7, 112(" reg ")\n\t"
#define XMM_CLOBBERS "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "memory"

#ifdef __x86_64__
/*
 * Load XMM0-7 from in, let the pending upcall in (unmask, then any hypercall returns
 * through Xen's event check), and store XMM0-7 to out: what the upcall left there.
 */
static void xmm_across_upcall(const uint64_t *in, uint64_t *out)
{
    volatile uint8_t *mask = &this_vcpu()->evtchn_upcall_mask;

    __asm__ __volatile__(
        XMM_LOAD "movb $0, (%[mask])\n\t"
                 "xorl %%edi, %%edi\n\txorl %%esi, %%esi\n\t"
                 "call hypercall_page + %c[off]\n\t" XMM_STORE("%[out]")
        :
        : [in] "b"(in), [out] "r"(out), [mask] "r"(mask), [off] "i"(__HYPERVISOR_xen_version * 32)
        : "rax", "rcx", "rdx", "rdi", "rsi", "r8", "r9", "r10", "r11", XMM_CLOBBERS);
}
#else
/* The same on x86_32: hypercall arguments in %ebx, %ecx; out kept in memory across it. */
static void xmm_across_upcall(const uint64_t *in, uint64_t *out)
{
    volatile uint8_t *mask = &this_vcpu()->evtchn_upcall_mask;

    __asm__ __volatile__(XMM_LOAD "movb $0, (%[mask])\n\t"
                                  "xorl %%ebx, %%ebx\n\txorl %%ecx, %%ecx\n\t"
                                  "call hypercall_page + %c[off]\n\t"
                                  "movl %[out], %%eax\n\t" XMM_STORE("%%eax")
                         : [in] "+S"(in), [mask] "+D"(mask)
                         : [out] "m"(out), [off] "i"(__HYPERVISOR_xen_version * 32)
                         : "eax", "ebx", "ecx", "edx", XMM_CLOBBERS);
}
#endif

/* SSE code in a handler leaves the interrupted thread's XMM registers and MXCSR alone. */
static void check_handler_state(void)
{
    uint64_t in[16], out[16];
    evtchn_port_t a, b;
    unsigned int runs;
    uint32_t mxcsr_after;
    int bad = 0, rc = test_loopback(sse_handler, &a, &b);

    if (!test_check("sse_handler_port", rc == 0, "rc %d", rc))
        return;
    for (int i = 0; i < 16; i++)
        in[i] = 0x0123456789abcdefULL * (i + 1);
    set_mxcsr(MXCSR_RZ);
    runs = handler_runs;
    local_irq_disable();
    evtchn_send(a); /* pending: delivered when the asm unmasks and enters Xen */
    xmm_across_upcall(in, out);
    local_irq_enable();
    mxcsr_after = get_mxcsr();
    set_mxcsr(MXCSR_DEFAULT);
    evtchn_close(b);
    evtchn_close(a);
    if (!test_check("sse_handler_ran", handler_runs == runs + 1, "%u runs", handler_runs - runs))
        return;
    for (int i = 0; i < 16; i++)
        bad += in[i] != out[i];
    test_check("xmm_preserved_across_upcall", bad == 0, "%d of 16 words changed", bad);
    test_check("mxcsr_preserved_across_upcall", mxcsr_after == MXCSR_RZ, "%#x", mxcsr_after);
    test_check("mxcsr_default_in_handler", handler_mxcsr == MXCSR_DEFAULT, "%#x", handler_mxcsr);
    test_check("handler_stack_aligned", handler_misalign == 0, "16-byte local at +%lu",
               handler_misalign);
}

void suite_sse(void)
{
    check_interleaved();
    check_per_thread_control();
    check_handler_state();
}

/*
 * Floating-point exceptions in SSE application code, reported by name. First SSE: unmask
 * divide-by-zero in MXCSR and divide by zero, a SIMD exception (#XM, vector 19). QEMU's
 * software CPU does not raise SIMD exceptions, so where we survive that, the same with
 * the x87 unit: an unmasked divide by zero is an x87 exception (#MF, vector 16).
 */
void suite_fault_simd(void)
{
    volatile double zero = 0.0, r;
    uint16_t fcw = FCW_DEFAULT & ~0x0004;

    set_mxcsr(MXCSR_DEFAULT & ~0x0200);
    printk("Dividing by zero with the exception unmasked\n");
    r = 1.0 / zero;
    set_mxcsr(MXCSR_DEFAULT);
    printk("No SIMD exception (this CPU does not raise them; QEMU TCG does not): x87\n");
    __asm__ __volatile__("fldcw %1\n\tfld1\n\tfldz\n\tfdivrp\n\tfwait\n\tfstpl %0"
                         : "=m"(r)
                         : "m"(fcw));
    test_report("fault_simd", TEST_FAIL, "survived x87 and SIMD exceptions (%d)", (int)r);
}
