/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * -fstack-protector-strong support: the canary (one global, -mstack-protector-guard=global,
 * since we have no TLS) is chosen at boot, and a smashed frame is reported by function.
 */
#include <kernel.h>
#include <hypervisor.h>
#include <arch/cpu.h>

/* Replaced at boot; this value only guards the few calls before that. */
unsigned long __stack_chk_guard = (unsigned long)0x595e9fbd94fda700ULL;

void __stack_chk_fail(void) __noreturn;

/* A 64-bit mix (splitmix64's finaliser): every input bit affects every output bit. */
static uint64_t mix64(uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/*
 * From the TSC and Xen's clocks (system time, wall clock): not a constant an attacker can
 * read from the image. The low byte is zero so that a string copy stops at the canary.
 * Frames active across the change must not be protected: the caller (start_kernel) and
 * this function are marked so.
 */
__attribute__((no_stack_protector)) void init_stack_protector(void)
{
    const struct vcpu_time_info *t = &this_vcpu()->time;
    uint64_t x = rdtsc();

    x = mix64(x ^ t->system_time ^ ((uint64_t)t->tsc_to_system_mul << 32));
    x = mix64(x ^ shared_info->wc_sec ^ ((uint64_t)shared_info->wc_nsec << 32));
    x = mix64(x ^ rdtsc());
    __stack_chk_guard = (unsigned long)x & ~0xffUL;
}

/* Called by the function whose canary was overwritten, from its epilogue. */
void __stack_chk_fail(void)
{
    unsigned long ip = (unsigned long)__builtin_return_address(0), off;
    const char *name = symbol_lookup(ip, &off);

    panic("stack smashing detected in %s (canary overwritten, at %#lx)", name ? name : "?", ip);
}
