/* SPDX-License-Identifier: BSD-2-Clause */
/* Grant tables: every reference granted once and returned, bad ends refused, self-mapping. */
#include <kernel.h>
#include <gnttab.h>
#include <mm.h>
#include <string.h>
#include <xenbus.h>
#include <arch/mm.h>
#include <xen/features.h>
#include "test.h"

/* Grant until the table is full: each ref new and in range. Returns how many, or -1. */
static int grant_all(int *refs, unsigned int max, unsigned char *seen, unsigned long mfn)
{
    unsigned int total = gnttab_nr_refs() + GNTTAB_NR_RESERVED_ENTRIES;
    int n = 0, ref;

    while ((ref = gnttab_grant_access(0, mfn, true)) >= 0) {
        if ((unsigned int)n >= max || ref < GNTTAB_NR_RESERVED_ENTRIES ||
            (unsigned int)ref >= total || seen[ref]) {
            test_report("grant_unique", TEST_FAIL, "ref %d after %d grants (seen %d)", ref, n,
                        (unsigned int)ref < total ? seen[ref] : -1);
            gnttab_end_access(ref);
            return -1;
        }
        seen[ref] = 1;
        refs[n++] = ref;
    }
    test_check("grant_until_full", ref == -ENOSPC, "last rc %d", ref);
    return n;
}

static void check_every_ref(void *page)
{
    unsigned int nr = gnttab_nr_refs(), before = gnttab_free_refs(), ended = 0;
    int *refs = malloc(nr * sizeof(*refs));
    unsigned char *seen = calloc(nr + GNTTAB_NR_RESERVED_ENTRIES, 1);
    int n;

    if (!refs || !seen) {
        test_report("grant_all_refs", TEST_ERROR, "no memory for %u refs", nr);
        goto out;
    }
    test_check("all_refs_free", before == nr, "%u free of %u", before, nr);
    n = grant_all(refs, nr, seen, virt_to_mfn(page));
    if (n < 0)
        goto out;
    test_check("grant_all_refs", (unsigned int)n == nr && gnttab_free_refs() == 0,
               "%d granted of %u, %u left", n, nr, gnttab_free_refs());
    for (int i = 0; i < n; i++)
        ended += gnttab_end_access(refs[i]) == 0;
    test_check("end_all_refs", ended == (unsigned int)n && gnttab_free_refs() == before,
               "%u of %d ended, %u free", ended, n, gnttab_free_refs());
    if (n > 0)
        test_check("end_twice_einval", gnttab_end_access(refs[0]) == -EINVAL, "ref %d", refs[0]);
out:
    free(refs);
    free(seen);
}

static void check_bad_refs(void)
{
    int rc1 = gnttab_end_access(1);
    int rc2 = gnttab_end_access(gnttab_nr_refs() + GNTTAB_NR_RESERVED_ENTRIES);

    test_check("end_reserved_einval", rc1 == -EINVAL, "rc %d", rc1);
    test_check("end_out_of_range_einval", rc2 == -EINVAL, "rc %d", rc2);
    /* Above the 32-bit frame field of a v1 grant entry: only expressible on x86_64. */
    if (sizeof(long) > 4) {
        int rc3 = gnttab_grant_access(0, (unsigned long)(1ULL << 33), false);

        test_check("grant_huge_mfn_einval", rc3 == -EINVAL, "rc %d", rc3);
    }
}

/* A grant mapping is data: never executable (Xen builds the entry; W^X must hold). */
static void check_grant_nx(void *va)
{
    pte_t pte = 0;
    int rc = arch_page_pte((unsigned long)va, &pte);

    /* Only where we can read our page tables (not PVH); and never SKIP inside core. */
    if (rc == -ENOSYS || !arch_pte_nx())
        return;
    test_check("prot_grant_map", rc == 0 && (pte & _PAGE_NX), "rc %d pte %#llx", rc,
               (unsigned long long)pte);
}

/* XENFEAT_auto_translated_physmap: our frames are guest frames (PVH). */
static bool auto_translated(void)
{
    xen_feature_info_t fi = {.submap_idx = 0};

    if (HYPERVISOR_xen_version(XENVER_get_features, &fi))
        return false;
    return fi.submap & (1U << XENFEAT_auto_translated_physmap);
}

/* Grant a page to ourselves and map it: end_access must refuse while it is mapped. */
static void check_self_map(void *page)
{
    struct gnttab_mapping m;
    long long domid;
    grant_ref_t gref;
    int ref, rc;

    /*
     * Xen maps a grant into an auto-translated guest's physical space, and a frame can sit
     * at one guest address only: mapping our own page moves it away from its RAM address,
     * which then reads as all ones (seen: the page allocator's lists corrupted).
     */
    if (auto_translated()) {
        test_report("self_map", TEST_SKIP,
                    "own grants cannot be mapped in an auto-translated guest");
        return;
    }
    if (xenbus_read_integer(XBT_NIL, NULL, "domid", &domid)) {
        test_report("self_map", TEST_SKIP, "cannot read domid");
        return;
    }
    strlcpy(page, "granted page", PAGE_SIZE);
    ref = gnttab_grant_access((domid_t)domid, virt_to_mfn(page), false);
    gref = (grant_ref_t)ref;
    rc = ref < 0 ? ref : gnttab_map_refs((domid_t)domid, &gref, 1, false, &m);
    /*
     * Xen's PV shim implements only GNTTABOP_setup_table and query_size and refuses every
     * other grant operation with -EOPNOTSUPP (pv_shim_grant_table_op): a guest there can
     * offer grants but not map them. No other Xen returns that for map_grant_ref.
     */
    if (rc == -EOPNOTSUPP) {
        gnttab_end_access(ref);
        test_report("self_map", TEST_SKIP, "grant mapping unsupported here (PV shim), rc %d", rc);
        return;
    }
    if (!test_check("self_map", rc == 0, "ref %d rc %d", ref, rc)) {
        if (ref >= 0)
            gnttab_end_access(ref);
        return;
    }
    test_check("self_map_contents", strcmp(m.va, "granted page") == 0, "'%.16s'", (char *)m.va);
    check_grant_nx(m.va);
    rc = gnttab_end_access(ref);
    test_check("end_while_mapped_ebusy", rc == -EBUSY, "rc %d", rc);
    rc = gnttab_unmap(&m);
    test_check("unmap", rc == 0, "rc %d", rc);
    rc = gnttab_end_access(ref);
    test_check("end_after_unmap", rc == 0, "rc %d", rc);
}

void suite_gnttab(void)
{
    void *page = alloc_page();

    if (!page) {
        test_report("gnttab_page", TEST_ERROR, "no page");
        return;
    }
    check_every_ref(page);
    check_bad_refs();
    check_self_map(page);
    free_page(page);
}
