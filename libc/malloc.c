/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory for the libc: malloc, free, calloc, realloc and memalign are the kernel heap's
 * (mm/heap.c: guarded blocks, safe from any thread because it masks events around its
 * lists). newlib's own allocator is not linked: its internal _malloc_r and friends, and
 * posix_memalign, land on the kernel heap here, setting errno on failure.
 */
#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdlib.h>
#include <unistd.h>
#include "libc.h"

void *_malloc_r(struct _reent *r, size_t size)
{
    void *p = malloc(size);

    if (!p)
        r->_errno = ENOMEM;
    return p;
}

void _free_r(struct _reent *r, void *p)
{
    free(p);
}

void *_calloc_r(struct _reent *r, size_t n, size_t size)
{
    void *p = calloc(n, size);

    if (!p)
        r->_errno = ENOMEM;
    return p;
}

void *_realloc_r(struct _reent *r, void *p, size_t size)
{
    void *q = realloc(p, size);

    if (!q && size)
        r->_errno = ENOMEM;
    return q;
}

void *_memalign_r(struct _reent *r, size_t align, size_t size)
{
    void *p = memalign(align, size);

    if (!p)
        r->_errno = align & (align - 1) ? EINVAL : ENOMEM;
    return p;
}

int posix_memalign(void **out, size_t align, size_t size)
{
    void *p;

    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    p = memalign(align, size);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

/* The heap is the kernel's: there is no program break to move. */
void *sbrk(ptrdiff_t incr)
{
    errno = ENOMEM;
    return (void *)-1;
}
