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
 * Memory the toolstack counts in memory/target but never gave us: the first target (what
 * the domain was built with) less our boot size, if above it, else 0. Under Xen's PV shim
 * the toolstack's domain is the shim's, whose own ~22 MiB we never see; in PV and PVH
 * domains the first target is the boot size (or below it, populate-on-demand) and this is 0.
 */
unsigned long long balloon_unseen_kib(unsigned long long first_target_kib,
                                      unsigned long boot_pages);
/* Our share of a toolstack target: target_kib less the unseen memory, at least 0. */
unsigned long long balloon_own_kib(unsigned long long target_kib, unsigned long long unseen_kib);

#endif
