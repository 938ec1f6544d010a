/* SPDX-License-Identifier: BSD-2-Clause */
/* Address to symbol lookup over the table tools/mksyms builds at link time. */
#include <kernel.h>

extern const unsigned long ksyms_addrs[];
extern const uint32_t ksyms_name_offsets[];
extern const uint32_t ksyms_count;
extern const char ksyms_names[];
extern char _etext[];

const char *symbol_lookup(unsigned long addr, unsigned long *offset)
{
    uint32_t lo = 0, hi = ksyms_count;

    if (hi == 0 || addr < ksyms_addrs[0] || addr >= (unsigned long)_etext)
        return NULL;
    /* Find the last symbol whose address is <= addr. */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;

        if (ksyms_addrs[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }
    *offset = addr - ksyms_addrs[lo];
    return ksyms_names + ksyms_name_offsets[lo];
}
