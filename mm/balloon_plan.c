/* SPDX-License-Identifier: BSD-2-Clause */
/* memory/target (KiB) -> pages to give back or take again, within the boot size and reserve. */
#include <kernel.h>
#include <string.h>
#include <arch/page.h>
#include "balloon_plan.h"

void balloon_plan(unsigned long long target_kib, unsigned long boot_pages, unsigned long ballooned,
                  unsigned long free_pages, unsigned long reserve, struct balloon_plan *p)
{
    /* Shift in 64 bits: a huge target must not wrap into a small one on x86_32. */
    unsigned long long target = target_kib >> (PAGE_SHIFT - 10);
    unsigned long held = boot_pages - MIN(ballooned, boot_pages);

    memset(p, 0, sizeof(*p));
    p->above_boot = target > boot_pages;
    p->want = p->above_boot ? boot_pages : (unsigned long)target;
    if (p->want > held) {
        p->take = p->want - held;
    } else if (p->want < held) {
        unsigned long need = held - p->want;
        unsigned long spare = free_pages > reserve ? free_pages - reserve : 0;

        p->give = MIN(need, spare);
        p->short_by = need - p->give;
    }
}

unsigned long long balloon_unseen_kib(unsigned long long first_target_kib,
                                      unsigned long long static_max_kib, unsigned long boot_pages)
{
    unsigned long long boot_kib = (unsigned long long)boot_pages << (PAGE_SHIFT - 10);
    unsigned long long size = MAX(first_target_kib, static_max_kib);

    if (first_target_kib == boot_kib || static_max_kib == boot_kib)
        return 0;
    return size > boot_kib ? size - boot_kib : 0;
}

unsigned long long balloon_own_kib(unsigned long long target_kib, unsigned long long unseen_kib)
{
    return target_kib > unseen_kib ? target_kib - unseen_kib : 0;
}
