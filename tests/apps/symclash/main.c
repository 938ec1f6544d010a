/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An application defining names the kernel uses internally (buddy_alloc, mm_lock,
 * console_ring, console_in_bytes): it links only because libminios.a keeps them local, and
 * each side must still use its own: the kernel allocates through its own, and these lines
 * reach the console only through the kernel's console_ring.
 */
#include <kernel.h>
#include <mm.h>
#include <string.h>

#define MAGIC 0x5ca1ab1eUL

/* Different types from the kernel's on purpose: a mix-up would not go unnoticed. */
const char *console_ring = "the application's console_ring";
unsigned long console_in_bytes = MAGIC;
unsigned long buddy_alloc(void);
unsigned long mm_lock(void);

unsigned long buddy_alloc(void)
{
    return MAGIC;
}

unsigned long mm_lock(void)
{
    return MAGIC + 1;
}

static bool report(const char *name, bool ok)
{
    printk("test %s: %s\n", name, ok ? "PASS" : "FAIL");
    return ok;
}

int main(void)
{
    bool ok = true;
    void *page, *buf;

    ok &= report("symclash_own_functions", buddy_alloc() == MAGIC && mm_lock() == MAGIC + 1);
    ok &= report("symclash_own_data", !strcmp(console_ring, "the application's console_ring") &&
                                          console_in_bytes == MAGIC);
    /* alloc_pages takes the kernel's mm_lock and calls the kernel's buddy_alloc. */
    page = alloc_pages(0);
    buf = malloc(3000);
    ok &= report("symclash_kernel_alloc", page && buf);
    if (page)
        memset(page, 0xa5, 4096);
    free(buf);
    if (page)
        free_pages(page, 0);
    printk("Test result: %s\n", ok ? "SUCCESS" : "FAILURE");
    return ok ? 0 : 1;
}
