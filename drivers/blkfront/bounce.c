/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Backend isolation for blkfront data: a backend gets access to whole pages, so a page of
 * the caller's buffer that also holds other data (a buffer that starts or ends inside a
 * page) is never granted. Its bytes go through a bounce page of its own instead, zeroed
 * apart from the I/O's bytes. The fast path, granting the caller's page itself, applies to
 * every page the buffer covers entirely: all of them for a page-aligned buffer whose
 * length is a multiple of 4 KiB, all but the first and last otherwise. A contiguous buffer
 * has at most two partial pages per request, so a slot holds at most two bounce pages:
 * bounce[0] for segment 0, bounce[1] for the last one.
 */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include "blkfront_priv.h"

/* Which bounce page (0 or 1) stands for segment i of n, or -1 when none can. */
static int bounce_index(unsigned int i, unsigned int n)
{
    if (i == 0)
        return 0;
    return i == n - 1 ? 1 : -1;
}

/* The caller's bytes of segment i: where they start and how many there are. */
static char *caller_bytes(const struct blkfront_aiocb *cb, const struct blkring_seg *seg,
                          size_t *len)
{
    *len = (size_t)(seg->last - seg->first + 1) << BLKRING_SECTOR_SHIFT;
    /* The first segment starts at buf, any later one at its page's first sector. */
    if (seg->page <= (uintptr_t)cb->buf)
        return cb->buf;
    return (char *)seg->page + ((size_t)seg->first << BLKRING_SECTOR_SHIFT);
}

int blkfront_bounce_setup(struct blkfront_slot *s, const struct blkfront_aiocb *cb,
                          struct blkring_seg *segs, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++) {
        struct blkring_seg *seg = &segs[i];
        int b = bounce_index(i, n);
        size_t len;
        char *page, *src;

        if (seg->first == 0 && seg->last == BLKRING_PAGE_SIZE / BLKRING_SECTOR_SIZE - 1)
            continue;
        ASSERT(b >= 0);
        page = alloc_page();
        if (!page) {
            blkfront_bounce_free(s);
            return -ENOMEM;
        }
        /* Nothing but the I/O's own bytes may reach the backend: no stale heap data. */
        memset(page, 0, PAGE_SIZE);
        src = caller_bytes(cb, seg, &len);
        if (cb->op == BLKFRONT_WRITE)
            memcpy(page + ((size_t)seg->first << BLKRING_SECTOR_SHIFT), src, len);
        s->bounce[b] = page;
        s->bounce_src[b] = src;
        s->bounce_len[b] = len;
        seg->page = (uintptr_t)page;
    }
    return 0;
}

void blkfront_bounce_free(struct blkfront_slot *s)
{
    for (unsigned int b = 0; b < 2; b++) {
        if (s->bounce[b])
            free_page(s->bounce[b]);
        s->bounce[b] = NULL;
    }
}

int blkfront_bounce_finish(struct blkfront_slot *s, const struct blkfront_aiocb *cb,
                           const bool *released, int status)
{
    for (unsigned int b = 0; b < 2; b++) {
        char *page = s->bounce[b];

        if (!page)
            continue;
        s->bounce[b] = NULL;
        /* Still granted: the backend may write it at any time, so it is neither read nor reused. */
        if (!released[b]) {
            status = status ? status : -EIO;
            continue;
        }
        if (cb->op == BLKFRONT_READ && status == 0) {
            uintptr_t off = (uintptr_t)s->bounce_src[b] & (PAGE_SIZE - 1);

            memcpy(s->bounce_src[b], page + off, s->bounce_len[b]);
        }
        free_page(page);
    }
    return status;
}

bool blkfront_seg_bounced(const struct blkfront_slot *s, unsigned int i, unsigned int n)
{
    int b = bounce_index(i, n);

    return b >= 0 && s->bounce[b] != NULL;
}
