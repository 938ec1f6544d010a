/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reserved anonymous memory costs nothing until written: reserve 1 GiB in a 64 MiB domain,
 * write 4 MiB, and only about 4 MiB of free memory goes; the rest still reads as zeros.
 */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include "test.h"

#define RESERVE_PAGES ((1UL << 30) / PAGE_SIZE)
#define WRITE_PAGES   ((4UL << 20) / PAGE_SIZE)

/* Every stride-th page of [from, to) reads as zeros (first and last word of each). */
static bool reads_zero(const char *base, unsigned long from, unsigned long to, unsigned long stride)
{
    for (unsigned long i = from; i < to; i += stride) {
        const volatile unsigned long *p = (const void *)(base + i * PAGE_SIZE);

        if (p[0] || p[PAGE_SIZE / sizeof(long) - 1])
            return false;
    }
    return true;
}

void suite_anon(void)
{
    unsigned long free0 = free_page_count(), free1, free2, free3, drop;
    char *p = anon_reserve(RESERVE_PAGES);
    bool pattern = true;

    if (!p) {
        test_report("anon_reserve_1g", TEST_FAIL, "no reservation");
        return;
    }
    free1 = free_page_count();
    test_check("anon_reserve_1g", free0 - free1 < RESERVE_PAGES / 256,
               "1 GiB reserved for %lu pages (page tables, zero page)", free0 - free1);
    test_check("anon_untouched_reads_zero", reads_zero(p, 0, RESERVE_PAGES, 97),
               "sampled every 97th page");
    memset(p, 0x5a, WRITE_PAGES * PAGE_SIZE);
    free2 = free_page_count();
    drop = free1 - free2;
    test_check("anon_write_4m_costs_4m", drop >= WRITE_PAGES && drop <= WRITE_PAGES + 4,
               "writing %lu pages took %lu free pages, %lu written", WRITE_PAGES, drop,
               anon_pages_written());
    for (unsigned long i = 0; i < WRITE_PAGES * PAGE_SIZE; i += 1021)
        pattern &= p[i] == 0x5a;
    test_check("anon_written_kept", pattern, "pattern %s", pattern ? "intact" : "lost");
    test_check("anon_rest_reads_zero", reads_zero(p, WRITE_PAGES, RESERVE_PAGES, 61),
               "after the written part");
    test_check("anon_release", anon_release(p, RESERVE_PAGES) == 0, "release");
    free3 = free_page_count();
    test_check("anon_release_returns", free3 >= free1, "free %lu after, %lu before writing", free3,
               free1);
}

/* Write reserved memory until none is free: the out-of-memory is reported by name. */
void suite_fault_anon_oom(void)
{
    char *p = anon_reserve(RESERVE_PAGES);

    if (!p) {
        test_report("fault_anon_oom", TEST_FAIL, "no reservation");
        return;
    }
    printk("Writing 1 GiB of reserved memory in a %lu MiB domain\n",
           total_page_count() * PAGE_SIZE >> 20);
    for (unsigned long i = 0; i < RESERVE_PAGES; i++)
        p[i * PAGE_SIZE] = 1;
    test_report("fault_anon_oom", TEST_FAIL, "survived writing 1 GiB");
}
