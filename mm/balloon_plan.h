/* SPDX-License-Identifier: BSD-2-Clause */
/* The balloon's arithmetic, kept pure (no hypercalls) so host unit tests can drive it. */
#ifndef MINIOS_MM_BALLOON_PLAN_H
#define MINIOS_MM_BALLOON_PLAN_H

#include <stdbool.h>

/* What to do to follow a memory/target value; all counts are in pages. */
struct balloon_plan {
    unsigned long want;     /* pages to hold: the target, capped at the boot size */
    unsigned long give;     /* pages to give back to Xen now */
    unsigned long take;     /* pages to take back from Xen now */
    unsigned long short_by; /* pages of the way down that the reserve keeps from us */
    bool above_boot;        /* the target asks for more than the boot size */
};

/*
 * Plan the way from holding boot_pages - ballooned pages to target_kib KiB, never taking
 * the page allocator below reserve free pages. A target that is not a whole number of
 * pages rounds down, so we never hold more than asked.
 */
void balloon_plan(unsigned long long target_kib, unsigned long boot_pages, unsigned long ballooned,
                  unsigned long free_pages, unsigned long reserve, struct balloon_plan *p);

/*
 * Memory the toolstack counts in memory/target but never gave us, from the first target
 * (what the domain was built with), memory/static-max (the domain's size, 0 if unknown)
 * and our boot size. A PV domain is built with the target (static-max above it is room to
 * grow) and a PVH one's memory map is static-max: 0 for both. Under Xen's PV shim the
 * toolstack's domain is the shim's, static-max big, of which the shim keeps ~22 MiB for
 * itself and gives us the rest: the unseen part is static-max less our boot size, whether
 * the target is static-max or (maxmem above memory: populate-on-demand) below our size.
 * Without static-max, the first target less the boot size. Wrong only for a shim domain
 * whose target is exactly our boot size.
 */
unsigned long long balloon_unseen_kib(unsigned long long first_target_kib,
                                      unsigned long long static_max_kib, unsigned long boot_pages);
/* Our share of a toolstack target: target_kib less the unseen memory, at least 0. */
unsigned long long balloon_own_kib(unsigned long long target_kib, unsigned long long unseen_kib);

#endif
