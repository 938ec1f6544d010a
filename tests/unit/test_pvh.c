/* SPDX-License-Identifier: BSD-2-Clause */
/* arch/x86/pvh/memmap.c and pagetable.c: RAM from the PVH memory map, page-table building. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define PAGE     4096ULL
#define MiB      (1ULL << 20)
#define GiB      (1ULL << 30)
#define RAM      1
#define RESERVED 2
#define ACPI     3
#define P        0x001ULL
#define RW       0x002ULL
#define PSE      0x080ULL
#define ADDR     0x000ffffffffff000ULL

/* Mirrors of the Xen and kernel types (tests never include the kernel's headers). */
struct hvm_memmap_table_entry {
    uint64_t addr, size;
    uint32_t type, reserved;
};
typedef uint64_t pte_t;
struct pt_ops {
    pte_t *(*table)(uint64_t pa);
    uint64_t (*alloc)(void);
};

unsigned long kt_pvh_ram_pages(const struct hvm_memmap_table_entry *map, unsigned int n,
                               unsigned long max_pfn);
pte_t *kt_pt_entry(const struct pt_ops *ops, uint64_t root, unsigned long va, bool alloc);
int kt_pt_set(const struct pt_ops *ops, uint64_t root, unsigned long va, uint64_t pa, pte_t prot);

/* What Xen 4.17 gave a 32 MiB PVH domU here (xl create, type = "pvh"). */
START_TEST(test_memmap_xen_domu)
{
    const struct hvm_memmap_table_entry map[] = {
        {0, 32 * MiB, RAM, 0},         {0xfeff8000, 0x8000, RESERVED, 0},
        {0xfc008000, 0x40, ACPI, 0},   {0xfc000000, 0x1000, ACPI, 0},
        {0xfc001000, 0x7000, ACPI, 0},
    };

    ck_assert_uint_eq(kt_pvh_ram_pages(map, ARRAY_SIZE(map), 1UL << 28), 8192);
}
END_TEST

/* Adjacent RAM regions join, in any order; RAM past a hole is not used. */
START_TEST(test_memmap_joins_and_stops_at_holes)
{
    const struct hvm_memmap_table_entry map[] = {
        {4 * GiB, GiB, RAM, 0},
        {2 * GiB, GiB, RAM, 0},
        {0, GiB, RAM, 0},
        {GiB, GiB, RAM, 0},
        {3 * GiB, 256 * MiB, RESERVED, 0},
    };

    ck_assert_uint_eq(kt_pvh_ram_pages(map, ARRAY_SIZE(map), 1UL << 28), 3 * GiB / PAGE);
}
END_TEST

/* No RAM at 0, no map at all, and the cap. */
START_TEST(test_memmap_edges)
{
    const struct hvm_memmap_table_entry high[] = {{MiB, GiB, RAM, 0}};
    const struct hvm_memmap_table_entry big[] = {{0, 8 * GiB, RAM, 0}};

    ck_assert_uint_eq(kt_pvh_ram_pages(high, 1, 1UL << 28), 0);
    ck_assert_uint_eq(kt_pvh_ram_pages(NULL, 0, 1UL << 28), 0);
    ck_assert_uint_eq(kt_pvh_ram_pages(big, 1, 1000), 1000);
}
END_TEST

/* Tables live in host memory here: a "physical address" is the host pointer. */
static unsigned int allocs, alloc_limit;
static void *tables[16];

static void free_tables(void)
{
    for (unsigned int i = 0; i < allocs; i++)
        free(tables[i]);
}

static pte_t *table(uint64_t pa)
{
    return (pte_t *)(uintptr_t)pa;
}

static uint64_t alloc(void)
{
    void *p;

    if (allocs >= alloc_limit)
        return 0;
    p = aligned_alloc(PAGE, PAGE);
    ck_assert_ptr_nonnull(p);
    memset(p, 0, PAGE);
    ck_assert_uint_lt(allocs, ARRAY_SIZE(tables));
    tables[allocs++] = p;
    return (uintptr_t)p;
}

static const struct pt_ops ops = {table, alloc};

static uint64_t new_root(void)
{
    allocs = 0;
    alloc_limit = ARRAY_SIZE(tables);
    return alloc();
}

static uint64_t walk(uint64_t root, unsigned long va)
{
    pte_t e = root | P;

    for (int level = 4; level >= 1; level--) {
        ck_assert(e & P);
        e = table(e & ADDR)[(va >> (12 + 9 * (level - 1))) & 511];
    }
    return e;
}

/* One 4 KiB mapping makes three tables; its neighbour reuses them; the walk finds both. */
START_TEST(test_pt_map_walk)
{
    uint64_t root = new_root();

    ck_assert_int_eq(kt_pt_set(&ops, root, 0x1000, 0x5000, P | RW), 0);
    ck_assert_uint_eq(allocs, 4);
    ck_assert_int_eq(kt_pt_set(&ops, root, 0x2000, 0x7000, P), 0);
    ck_assert_uint_eq(allocs, 4);
    ck_assert_uint_eq(walk(root, 0x1000), 0x5000 | P | RW);
    ck_assert_uint_eq(walk(root, 0x2000), 0x7000 | P);
    /* The mapping area at 1 TiB: L4 slot 2, tables of its own. */
    ck_assert_int_eq(kt_pt_set(&ops, root, 0x10000040000UL, 0xabc000, P | RW), 0);
    ck_assert_uint_eq(allocs, 7);
    ck_assert_uint_eq(walk(root, 0x10000040000UL), 0xabc000 | P | RW);
    ck_assert_ptr_eq(kt_pt_entry(&ops, root, 0x10000040000UL, false),
                     &table(table(table(table(root)[2] & ADDR)[0] & ADDR)[0] & ADDR)[0x40]);
    free_tables();
}
END_TEST

/* Clearing: the entry goes to 0; clearing what has no table allocates nothing. */
START_TEST(test_pt_clear)
{
    uint64_t root = new_root();

    ck_assert_int_eq(kt_pt_set(&ops, root, 0x1000, 0x5000, P | RW), 0);
    ck_assert_int_eq(kt_pt_set(&ops, root, 0x1000, 0, 0), 0);
    ck_assert_uint_eq(walk(root, 0x1000), 0);
    ck_assert_int_eq(kt_pt_set(&ops, root, 0x40000000UL, 0, 0), 0);
    ck_assert_uint_eq(allocs, 4);
    ck_assert_ptr_null(kt_pt_entry(&ops, root, 0x40000000UL, false));
    free_tables();
}
END_TEST

/* Out of memory for a table: -ENOMEM, no entry; the upper tables made stay for next time. */
START_TEST(test_pt_out_of_memory)
{
    uint64_t root = new_root();

    alloc_limit = 3;
    ck_assert_int_eq(kt_pt_set(&ops, root, 0x1000, 0x5000, P | RW), -12);
    ck_assert_ptr_null(kt_pt_entry(&ops, root, 0x1000, false));
    free_tables();
}
END_TEST

/* A large page on the way has no table below it: no entry, nothing overwritten. */
START_TEST(test_pt_large_page)
{
    uint64_t root = new_root();
    pte_t *l2;

    ck_assert_int_eq(kt_pt_set(&ops, root, 0x1000, 0x5000, P | RW), 0);
    l2 = table(table(table(root)[0] & ADDR)[0] & ADDR);
    l2[1] = 0x200000 | P | RW | PSE;
    ck_assert_ptr_null(kt_pt_entry(&ops, root, 0x201000, true));
    ck_assert_uint_eq(l2[1], 0x200000 | P | RW | PSE);
    free_tables();
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("pvh");

    UNIT_ADD(s, test_memmap_xen_domu);
    UNIT_ADD(s, test_memmap_joins_and_stops_at_holes);
    UNIT_ADD(s, test_memmap_edges);
    UNIT_ADD(s, test_pt_map_walk);
    UNIT_ADD(s, test_pt_clear);
    UNIT_ADD(s, test_pt_out_of_memory);
    UNIT_ADD(s, test_pt_large_page);
    return s;
}
