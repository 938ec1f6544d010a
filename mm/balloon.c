/* SPDX-License-Identifier: BSD-2-Clause */
/* Ballooning, the mechanism: free pages back to Xen and again (the policy: balloon_watch.c). */
#include <balloon.h>
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <wait.h>
#include "balloon_plan.h"

/* Pages per hypercall. The arrays are static (the lock covers them): thread stacks are small. */
#define BATCH 128

#ifndef INVALID_P2M_ENTRY
#define INVALID_P2M_ENTRY (~0UL)
#endif

static struct mutex lock = {NULL, WAIT_QUEUE_HEAD_INIT(lock.wq)};
/* One bit per boot pfn, set while that page is given back to Xen. */
static unsigned long *given;
static unsigned long nr_given, nr_lost;
/* No bit below this pfn is set: where the search for pages to take back starts. */
static unsigned long scan_from = ~0UL;
static unsigned long long last_target;
/* See balloon_unseen_kib; learnt from the first toolstack target (~0ULL: none seen yet). */
static unsigned long long unseen_kib = ~0ULL;
static xen_pfn_t frames[BATCH];
static unsigned long batch_pfns[BATCH];

static unsigned long boot_pages(void)
{
    return start_info.nr_pages;
}

static bool is_given(unsigned long pfn)
{
    return given[pfn / BITS_PER_LONG] & (1UL << (pfn % BITS_PER_LONG));
}

static void mark_given(unsigned long pfn)
{
    given[pfn / BITS_PER_LONG] |= 1UL << (pfn % BITS_PER_LONG);
    nr_given++;
    scan_from = MIN(scan_from, pfn);
}

static void clear_given(unsigned long pfn)
{
    given[pfn / BITS_PER_LONG] &= ~(1UL << (pfn % BITS_PER_LONG));
    nr_given--;
}

/* The page map, allocated once (at boot, so tests see a steady free page count). */
static int setup(void)
{
    if (given)
        return 0;
    given = calloc((boot_pages() + BITS_PER_LONG - 1) / BITS_PER_LONG, sizeof(*given));
    return given ? 0 : -ENOMEM;
}

/* XENMEM_decrease_reservation / populate_physmap of n single pages: the number done or -errno. */
static long reservation(unsigned int cmd, xen_pfn_t *list, unsigned int n)
{
    struct xen_memory_reservation r = {.nr_extents = n, .extent_order = 0, .domid = DOMID_SELF};

    set_xen_guest_handle(r.extent_start, list);
    return HYPERVISOR_memory_op(cmd, &r);
}

/* Take a free page out of the allocator and unmap it: its pfn, or 0 if none may go. */
static unsigned long grab_free_page(void)
{
    void *va;
    int rc;

    /* Checked first: alloc_page would print an out-of-memory message. */
    if (free_page_count() <= BALLOON_RESERVE_PAGES)
        return 0;
    va = alloc_page();
    if (!va)
        return 0;
    /* Unmapped before Xen frees it, so a stray access faults here instead of elsewhere. */
    rc = unmap_page(va);
    if (rc) {
        printk("balloon: unmapping pfn %#lx: %s\n", virt_to_pfn(va), strerror_name(rc));
        free_page(va);
        return 0;
    }
    return virt_to_pfn(va);
}

/* pfn is ours again as mfn: record it, map it 1:1 and free it into the allocator. */
static int restore_page(unsigned long pfn, unsigned long mfn)
{
    void *va = pfn_to_virt(pfn);
    int rc;

    set_pfn_to_mfn(pfn, mfn);
    rc = remap_page(va);
    if (rc)
        return rc;
    free_page(va);
    return 0;
}

static void report_lost(unsigned long pfn, unsigned long mfn, int rc)
{
    nr_lost++;
    printk("balloon: pfn %#lx (mfn %#lx) is ours but cannot be mapped (%s): %lu pages lost\n", pfn,
           mfn, strerror_name(rc), nr_lost);
}

/* Give back up to n (<= BATCH) free pages: the number given, or -errno if Xen took none. */
static long give_batch(unsigned int n)
{
    unsigned int k = 0;
    unsigned long pfn;
    long done;

    for (; k < n && (pfn = grab_free_page()); k++) {
        batch_pfns[k] = pfn;
        frames[k] = pfn_to_mfn(pfn);
        set_pfn_to_mfn(pfn, INVALID_P2M_ENTRY);
    }
    if (!k)
        return 0;
    done = reservation(XENMEM_decrease_reservation, frames, k);
    /* Xen works through the list in order: the first `done` pages are gone, keep the rest. */
    for (unsigned int i = 0; i < k; i++) {
        int rc = (long)i < done ? 0 : restore_page(batch_pfns[i], frames[i]);

        if ((long)i < done)
            mark_given(batch_pfns[i]);
        else if (rc)
            report_lost(batch_pfns[i], frames[i], rc);
    }
    if (done < 0)
        printk("balloon: decrease_reservation of %u pages: %s\n", k, strerror_name((int)done));
    else if (done < (long)k)
        printk("balloon: Xen took only %ld of %u pages\n", done, k);
    return done;
}

/* Up to n pfns given back, lowest first, into batch_pfns and frames: how many. */
static unsigned int collect_given(unsigned int n)
{
    unsigned int k = 0;

    for (unsigned long pfn = scan_from; pfn < boot_pages() && k < n; pfn++) {
        if (!given[pfn / BITS_PER_LONG]) {
            pfn |= BITS_PER_LONG - 1; /* skip a word with no bit set */
            continue;
        }
        if (is_given(pfn)) {
            batch_pfns[k] = pfn;
            frames[k++] = pfn;
        }
    }
    return k;
}

/* The new mfn of pfn could not be mapped: hand it back to Xen rather than lose it. */
static void adopt_page(unsigned long pfn, unsigned long mfn)
{
    xen_pfn_t frame = mfn;
    int rc = restore_page(pfn, mfn);

    if (!rc)
        return;
    printk("balloon: mapping pfn %#lx again: %s; giving it back\n", pfn, strerror_name(rc));
    set_pfn_to_mfn(pfn, INVALID_P2M_ENTRY);
    if (reservation(XENMEM_decrease_reservation, &frame, 1) == 1) {
        mark_given(pfn);
        return;
    }
    set_pfn_to_mfn(pfn, mfn);
    report_lost(pfn, mfn, rc);
}

/* Take back up to n (<= BATCH) given pages: the number taken, or -errno if Xen gave none. */
static long take_batch(unsigned int n)
{
    unsigned int k = collect_given(n);
    long done;

    if (!k)
        return 0;
    /* In: the pfns to fill. Out: Xen writes each new page's mfn over its pfn. */
    done = reservation(XENMEM_populate_physmap, frames, k);
    if (done > 0)
        scan_from = done < (long)k ? batch_pfns[done] : batch_pfns[k - 1] + 1;
    for (long i = 0; i < done; i++) {
        clear_given(batch_pfns[i]);
        adopt_page(batch_pfns[i], frames[i]);
    }
    if (done < 0)
        printk("balloon: populate_physmap of %u pages: %s\n", k, strerror_name((int)done));
    else if (done < (long)k)
        printk("balloon: Xen gave only %ld of %u pages\n", done, k);
    return done;
}

/* Move up to n pages with batch() (lock held), yielding between batches: count or -errno. */
static long move_pages(long (*batch)(unsigned int), unsigned long n)
{
    unsigned long total = 0;
    long rc = setup();

    while (!rc && total < n) {
        rc = batch(MIN(n - total, BATCH));
        if (rc <= 0)
            break;
        total += rc;
        rc = 0;
        schedule();
    }
    return total ? (long)total : rc;
}

long balloon_out(unsigned long n)
{
    long rc;

    mutex_lock(&lock);
    rc = move_pages(give_batch, n);
    mutex_unlock(&lock);
    return rc;
}

long balloon_in(unsigned long n)
{
    long rc;

    mutex_lock(&lock);
    rc = move_pages(take_batch, n);
    mutex_unlock(&lock);
    return rc;
}

unsigned long balloon_current_pages(void)
{
    return boot_pages() - nr_given;
}

void balloon_get_stats(struct balloon_stats *s)
{
    s->boot_pages = boot_pages();
    s->ballooned = nr_given;
    s->lost = nr_lost;
    s->target_kib = last_target;
}

static unsigned long long pages_to_kib(unsigned long pages)
{
    return (unsigned long long)pages << (PAGE_SHIFT - 10);
}

/* One line saying what following kib did, and why we are not there if we are not. */
static void report(unsigned long long kib, const struct balloon_plan *p, long moved,
                   const struct balloon_plan *left, int rc)
{
    unsigned long short_by = left->give + left->take + left->short_by;
    char what[40], why[96];

    if (p->give || p->take)
        snprintf(what, sizeof(what), "%s %ld pages", p->give ? "gave back" : "took back",
                 MAX(moved, 0L));
    else
        strlcpy(what, "nothing to do", sizeof(what));
    if (!short_by && left->above_boot)
        strlcpy(why, "the boot size: growing beyond it is not supported", sizeof(why));
    else if (!short_by)
        strlcpy(why, "reached", sizeof(why));
    else if (rc && rc != -ENOMEM)
        snprintf(why, sizeof(why), "short by %lu pages: Xen said %s", short_by, strerror_name(rc));
    else if (left->short_by)
        snprintf(why, sizeof(why), "short by %lu pages: the last %lu free pages stay with us",
                 short_by, BALLOON_RESERVE_PAGES);
    else
        snprintf(why, sizeof(why), "short by %lu pages", short_by);
    printk("balloon: target %llu KiB, %s, holding %llu KiB (%s)\n", kib, what,
           pages_to_kib(balloon_current_pages()), why);
}

int balloon_converge(unsigned long long kib, bool quiet)
{
    struct balloon_plan p, left;
    long moved = 0;
    int rc;

    mutex_lock(&lock);
    last_target = kib;
    rc = setup();
    balloon_plan(kib, boot_pages(), nr_given, free_page_count(), BALLOON_RESERVE_PAGES, &p);
    if (!rc && (p.give || p.take))
        moved = move_pages(p.give ? give_batch : take_batch, p.give ? p.give : p.take);
    balloon_plan(kib, boot_pages(), nr_given, free_page_count(), BALLOON_RESERVE_PAGES, &left);
    mutex_unlock(&lock);
    if (moved < 0)
        rc = (int)moved;
    if (!rc && (left.give || left.take || left.short_by))
        rc = -ENOMEM;
    if (!quiet || moved > 0)
        report(kib, &p, moved, &left, rc);
    return rc;
}

int balloon_follow_toolstack(unsigned long long target_kib, unsigned long long static_max_kib,
                             bool quiet)
{
    if (unseen_kib == ~0ULL) {
        unseen_kib = balloon_unseen_kib(target_kib, static_max_kib, boot_pages());
        if (unseen_kib)
            printk("balloon: the toolstack's target counts %llu KiB we never had (a PV shim's "
                   "own memory): following memory/target less that\n",
                   unseen_kib);
    }
    return balloon_converge(balloon_own_kib(target_kib, unseen_kib), quiet);
}

unsigned long long balloon_toolstack_unseen_kib(void)
{
    return unseen_kib == ~0ULL ? 0 : unseen_kib;
}

int balloon_set_target(unsigned long long target_kib)
{
    return balloon_converge(target_kib, false);
}

int balloon_init_map(void)
{
    return setup();
}
