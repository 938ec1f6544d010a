/* SPDX-License-Identifier: BSD-2-Clause */
/* Boot-path checks: start_info, shared_info, hypercalls, printk, and the fault suites. */
#include <kernel.h>
#include <hypervisor.h>
#include <fmt.h>
#include <string.h>
#include "test.h"

static void check_start_info(void)
{
    test_check("start_info_magic", strncmp((char *)start_info.magic, "xen-3.0-x86", 11) == 0,
               "magic '%.32s'", start_info.magic);
    test_check("start_info_pages", start_info.nr_pages >= 1024, "nr_pages %lu",
               start_info.nr_pages);
    test_check("console_ring",
               start_info.console.domU.mfn != 0 && start_info.console.domU.evtchn != 0,
               "console mfn %#lx port %u", (unsigned long)start_info.console.domU.mfn,
               start_info.console.domU.evtchn);
}

static void check_hypervisor(void)
{
    int version = HYPERVISOR_xen_version(XENVER_version, NULL);

    test_check("xen_version", (version >> 16) >= 4, "Xen %d.%d", version >> 16, version & 0xffff);
    /* The time fields of shared_info move: a stale mapping would read a constant. */
    test_check("shared_info_mapped", shared_info->vcpu_info[0].time.system_time != 0,
               "system_time %llu", (unsigned long long)this_vcpu()->time.system_time);
}

static void check_printk(void)
{
    char buf[64];

    snprintf(buf, sizeof(buf), "%5d|%-4s|%08lx|%llu", -42, "ab", 0xbeefUL, 18446744073709551615ULL);
    test_check("printk_format", strcmp(buf, "  -42|ab  |0000beef|18446744073709551615") == 0,
               "got '%s'", buf);
}

void suite_boot(void)
{
    check_start_info();
    check_hypervisor();
    check_printk();
}

void suite_fault_null(void)
{
    volatile int *p = NULL;

    /* Hide the NULL from the compiler, which would otherwise emit ud2 instead. */
    __asm__ __volatile__("" : "+r"(p));
    printk("Dereferencing NULL; a register dump and a crash must follow\n");
    *p = 1;
    test_report("fault_null", TEST_FAIL, "survived a NULL dereference");
}

void suite_fault_bad_address(void)
{
    /* Above the kernel image and RAM, below the hypervisor hole: never mapped. */
    unsigned long long addr = sizeof(long) == 8 ? 0x7f0000000000ULL : 0xb0000000ULL;
    volatile unsigned long *p = (unsigned long *)(unsigned long)addr;

    printk("Reading %p; a register dump and a crash must follow\n", (void *)p);
    (void)*p;
    test_report("fault_bad_address", TEST_FAIL, "survived a bad dereference");
}
