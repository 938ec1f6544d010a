/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Grant tables (v1): granting our frames to other domains by reference, and mapping other
 * domains' grants into our mapping area (backends, stub domains). Thread context only.
 */
#ifndef MINIOS_GNTTAB_H
#define MINIOS_GNTTAB_H

#include <stdbool.h>
#include <hypervisor.h>

/* Set up as many table frames as Xen allows (up to GNTTAB_MAX_FRAMES). Panics on failure. */
#define GNTTAB_MAX_FRAMES 128
void init_gnttab(void);

/* Grant domid access to machine frame mfn: the reference (>= 8), or -ENOSPC / -EINVAL. */
int gnttab_grant_access(domid_t domid, unsigned long mfn, bool readonly);
/*
 * Revoke a grant: 0 and the reference is free again; -EBUSY while the peer still has the
 * frame mapped (nothing changes: retry after the peer unmaps); -EINVAL for a reference that
 * is not currently granted by gnttab_grant_access.
 */
int gnttab_end_access(grant_ref_t ref);
/*
 * What an active grant of ours gives away: 0 with the frame and whether it is read-only,
 * or -EINVAL for a reference not granted. For checks and tests of what a peer can reach.
 */
int gnttab_query(grant_ref_t ref, unsigned long *mfn, bool *readonly);
/* References the table holds for grant_access (reserved ones excluded), and how many are free. */
unsigned int gnttab_nr_refs(void);
unsigned int gnttab_free_refs(void);

/* A mapping of another domain's grants: n pages at va, one handle per page. */
#define GNTTAB_MAP_MAX 16
struct gnttab_mapping {
    void *va;
    unsigned int n;
    grant_handle_t handles[GNTTAB_MAP_MAX];
};

/*
 * Map n (1..GNTTAB_MAP_MAX) grants of domid at consecutive pages of the mapping area:
 * 0 and m filled in, or -errno with nothing left mapped (-EINVAL bad n or reference,
 * -ESRCH no such domain, -EACCES not granted to us, -ENOMEM no mapping area, -EIO other).
 */
int gnttab_map_refs(domid_t domid, const grant_ref_t *refs, unsigned int n, bool readonly,
                    struct gnttab_mapping *m);
/*
 * Unmap all of m and release its range. 0, or the first -errno (the other pages are still
 * unmapped; the range is then not released, since part of it may remain mapped).
 */
int gnttab_unmap(struct gnttab_mapping *m);

#endif
