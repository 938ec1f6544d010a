/* SPDX-License-Identifier: BSD-2-Clause */
/* Byte rings: free-running 32-bit indices over a power-of-two byte array (byte_ring.h). */
#include <compiler.h>
#include <errno.h>
#include <string.h>
#include <byte_ring.h>

/*
 * The indices run freely and wrap at 2^32; their difference is the fill level whatever
 * the wrap, as long as it never exceeds the ring size. A larger one comes from a broken
 * or hostile peer: trusting it would read or write outside what is ours to touch.
 */
int byte_ring_used(uint32_t cons, uint32_t prod, size_t size)
{
    uint32_t used = prod - cons;

    if (used > size)
        return -EPROTO;
    return (int)used;
}

int byte_ring_put(char *ring, size_t size, uint32_t cons, uint32_t *prod, const void *data,
                  size_t len)
{
    int used = byte_ring_used(cons, *prod, size);
    size_t n, done = 0;

    if (used < 0)
        return used;
    n = MIN(len, size - (size_t)used);
    while (done < n) {
        /* At most up to the physical end of the array per copy. */
        size_t off = *prod & (size - 1);
        size_t chunk = MIN(n - done, size - off);

        memcpy(ring + off, (const char *)data + done, chunk);
        done += chunk;
        *prod += chunk;
    }
    return (int)n;
}

int byte_ring_get(const char *ring, size_t size, uint32_t *cons, uint32_t prod, void *data,
                  size_t len)
{
    int used = byte_ring_used(*cons, prod, size);
    size_t n, done = 0;

    if (used < 0)
        return used;
    n = MIN(len, (size_t)used);
    while (done < n) {
        size_t off = *cons & (size - 1);
        size_t chunk = MIN(n - done, size - off);

        memcpy((char *)data + done, ring + off, chunk);
        done += chunk;
        *cons += chunk;
    }
    return (int)n;
}
