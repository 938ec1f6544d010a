/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The bit of <stdlib.h> lwIP's own sources include (netif.c's atoi), for lwIP only: the
 * kernel has no libc, and this must not shadow one in kernel or application code.
 */
#ifndef MINIOS_LWIP_SHIM_STDLIB_H
#define MINIOS_LWIP_SHIM_STDLIB_H

#include <mm.h>
#include <string.h>

static inline int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

#endif
