/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Errno numbers: the kernel and its drivers speak Linux's values (include/errno.h), newlib
 * has its own. The table is generated from include/errno.h, so a kernel error newlib has no
 * name for fails the build instead of turning into a wrong errno.
 */
#include <errno.h>
#include <stdint.h>
#include <fdtab.h>
#include "kernapi.h"
#include "libc.h"

/* newlib has no ESHUTDOWN: a send after shutdown() is EPIPE there, as POSIX says. */
#ifndef ESHUTDOWN
#define ESHUTDOWN EPIPE
#endif

#define KERRNO(name, value) [value] = name,
static const uint8_t from_kernel[] = {
#include "kerrno.h"
};
#undef KERRNO

int errno_from_kernel(int kernel_errno)
{
    if (kernel_errno > 0 && (unsigned int)kernel_errno < sizeof(from_kernel) &&
        from_kernel[kernel_errno])
        return from_kernel[kernel_errno];
    return EIO;
}

int errno_to_kernel(int newlib_errno)
{
    for (unsigned int k = 1; k < sizeof(from_kernel); k++)
        if (from_kernel[k] == newlib_errno)
            return k;
    return 5; /* EIO, the same number in both */
}

long libc_ret(long rc)
{
    if (rc >= 0)
        return rc;
    errno = errno_from_kernel((int)-rc);
    return -1;
}
