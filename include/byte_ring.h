/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Byte rings with free-running 32-bit indices over a power-of-two array: the console rings
 * (xencons_interface), the xenstore rings (xenstore_domain_interface) and the console's
 * own input buffer. No barriers or shared-memory access here: callers read the peer's
 * index and publish their own; this is the index maths and the copy, host unit-tested.
 */
#ifndef MINIOS_BYTE_RING_H
#define MINIOS_BYTE_RING_H

#include <stddef.h>
#include <stdint.h>

/*
 * Bytes in flight between cons and prod in a ring of size bytes (a power of two), or
 * -EPROTO when the distance is more than size: the peer wrote a nonsense index.
 */
int byte_ring_used(uint32_t cons, uint32_t prod, size_t size);

/*
 * Copy up to len bytes of data into ring at *prod, as far as the reader (at cons) has left
 * room, advancing *prod: the count copied (0 when full), or -EPROTO (nothing copied).
 */
int byte_ring_put(char *ring, size_t size, uint32_t cons, uint32_t *prod, const void *data,
                  size_t len);

/*
 * Copy up to len bytes from ring at *cons, as far as the writer (at prod) has filled it,
 * advancing *cons: the count copied (0 when empty), or -EPROTO (nothing copied).
 */
int byte_ring_get(const char *ring, size_t size, uint32_t *cons, uint32_t prod, void *data,
                  size_t len);

#endif
