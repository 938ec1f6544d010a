/* SPDX-License-Identifier: BSD-2-Clause */
/* Kernel-side shim for the ctype test: gives the static inline classifiers linkable bodies. */
#include <ctype.h>

/* Built freestanding with the kernel's ctype.h, then renamed kt_ctype_shim; see unit.h. */
int ctype_shim(int which, int c);

int ctype_shim(int which, int c)
{
    switch (which) {
    case 0:
        return isdigit(c);
    case 1:
        return isxdigit(c);
    case 2:
        return isspace(c);
    case 3:
        return isalpha(c);
    case 4:
        return isalnum(c);
    case 5:
        return isupper(c);
    case 6:
        return islower(c);
    case 7:
        return isprint(c);
    case 8:
        return iscntrl(c);
    case 9:
        return isgraph(c);
    case 10:
        return ispunct(c);
    case 11:
        return toupper(c);
    case 12:
        return tolower(c);
    default:
        return -1;
    }
}
