/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Ballooning (CONFIG_BALLOON): give free pages back to Xen (XENMEM_decrease_reservation)
 * and take them again (XENMEM_populate_physmap), following memory/target (`xl mem-set`).
 *
 * Only pages free in the page allocator are given back, never the last
 * BALLOON_RESERVE_PAGES of them, and only up to the boot size (start_info.nr_pages) is
 * taken again: pfns above it would need page tables, a larger p2m list and a larger page
 * allocator, which the memory manager does not offer. Every page is at all times either
 * ours (in the allocator or in use) or given back to Xen; a page that a Xen error leaves
 * in neither state is counted in `lost` and reported. Calls block (thread context only)
 * and are serialised with each other and with the balloon thread.
 * Without CONFIG_BALLOON the functions below exist and fail with -ENOSYS.
 */
#ifndef MINIOS_BALLOON_H
#define MINIOS_BALLOON_H

#include <stdbool.h>
#include <errno.h>

/* Free pages the balloon always leaves to the kernel (1 MiB). */
#define BALLOON_RESERVE_PAGES 256UL

struct balloon_stats {
    unsigned long boot_pages;      /* start_info.nr_pages: the most we hold */
    unsigned long ballooned;       /* pages given back to Xen now */
    unsigned long lost;            /* pages a Xen error left neither ours nor Xen's */
    unsigned long long target_kib; /* the last memory/target followed, 0 before any */
};

#if CONFIG_BALLOON
/*
 * Start the thread that watches memory/target and converges on it (retrying every few
 * seconds while short). Failures are printed, not fatal: the domain then keeps its size.
 */
void init_balloon(void);
/* The mechanism's page map (mm/balloon.c): 0, or -ENOMEM. Called by init_balloon. */
int balloon_init_map(void);
/*
 * Converge on target_kib now: 0 when reached, else -errno (-ENOMEM: short of it). quiet:
 * print only if pages moved (the watch thread's periodic retries).
 */
int balloon_converge(unsigned long long target_kib, bool quiet);
/*
 * Follow a toolstack target (memory/target, KiB), which counts the whole domain: the first
 * one and memory/static-max (KiB, 0 if unknown) fix how much of it we never had (a PV
 * shim's own memory, 0 elsewhere) and every target is followed less that. 0 or -errno, as
 * balloon_converge.
 */
int balloon_follow_toolstack(unsigned long long target_kib, unsigned long long static_max_kib,
                             bool quiet);
/* The KiB balloon_follow_toolstack found the toolstack counts beyond ours (0 before). */
unsigned long long balloon_toolstack_unseen_kib(void);
/* Give back up to n free pages: the number given back (>= 0), or -errno if Xen refused. */
long balloon_out(unsigned long n);
/* Take back up to n pages given back before: the number taken (>= 0), or -errno. */
long balloon_in(unsigned long n);
/*
 * Converge on target_kib KiB now: 0 once we hold that much (or the boot size, if the
 * target is above it), -ENOMEM if free memory or Xen fell short, or -errno.
 */
int balloon_set_target(unsigned long long target_kib);
/* Pages the domain holds now: the boot size minus the pages given back. */
unsigned long balloon_current_pages(void);
void balloon_get_stats(struct balloon_stats *s);
#else
static inline void init_balloon(void)
{
}
static inline int balloon_init_map(void)
{
    return -ENOSYS;
}
static inline int balloon_converge(unsigned long long target_kib, bool quiet)
{
    return -ENOSYS;
}
static inline int balloon_follow_toolstack(unsigned long long target_kib,
                                           unsigned long long static_max_kib, bool quiet)
{
    return -ENOSYS;
}
static inline unsigned long long balloon_toolstack_unseen_kib(void)
{
    return 0;
}
static inline long balloon_out(unsigned long n)
{
    return -ENOSYS;
}
static inline long balloon_in(unsigned long n)
{
    return -ENOSYS;
}
static inline int balloon_set_target(unsigned long long target_kib)
{
    return -ENOSYS;
}
static inline unsigned long balloon_current_pages(void)
{
    return 0;
}
static inline void balloon_get_stats(struct balloon_stats *s)
{
    *s = (struct balloon_stats){0};
}
#endif

#endif
