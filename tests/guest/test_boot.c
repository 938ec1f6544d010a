/* SPDX-License-Identifier: BSD-2-Clause */
/* Boot-path checks: start_info, shared_info, hypercalls, printk, and the fault suites. */
#include <kernel.h>
#include <console.h>
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

static struct {
    char buf[256];
    size_t len;
} sink_seen;

static void record_sink(const char *buf, size_t len)
{
    size_t n = MIN(len, sizeof(sink_seen.buf) - 1 - sink_seen.len);

    memcpy(sink_seen.buf + sink_seen.len, buf, n);
    sink_seen.len += n;
}

/* The core's printk reaches every sink, and its memory log holds the last lines. */
static void check_printk_sinks(void)
{
    static struct printk_sink sink = {.name = "test", .write = record_sink};
    static char log[PRINTK_LOG_SIZE];

    printk_add_sink(&sink);
    printk("printk sink marker %d\n", 4242);
    printk_remove_sink(&sink);
    test_check("printk_sink", strstr(sink_seen.buf, "printk sink marker 4242\n") != NULL,
               "sink got '%.40s'", sink_seen.buf);
    printk_log_read(log, sizeof(log));
    test_check("printk_log", strstr(log, "printk sink marker 4242") && strstr(log, "booting"),
               "log of %zu bytes", strlen(log));
}

void suite_boot(void)
{
    check_start_info();
    check_hypervisor();
    check_printk();
    check_printk_sinks();
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
    /*
     * Above RAM and every mapping area, below the hypervisor hole: never mapped (x86_32:
     * between the map_frames area and the hole, see arch/mm.h).
     */
    unsigned long long addr = sizeof(long) == 8 ? 0x7f0000000000ULL : 0xf0000000ULL;
    volatile unsigned long *p = (unsigned long *)(unsigned long)addr;

    printk("Reading %p; a register dump and a crash must follow\n", (void *)p);
    (void)*p;
    test_report("fault_bad_address", TEST_FAIL, "survived a bad dereference");
}
