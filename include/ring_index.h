/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Index maths for Xen's shared request/response rings (blkif, netif, ...), on plain values
 * so the host unit tests run it. Indexes are free-running 32-bit counters: unsigned
 * differences stay right across their wrap.
 */
#ifndef MINIOS_RING_INDEX_H
#define MINIOS_RING_INDEX_H

#include <stdint.h>

/* Requests the ring can still take: size minus those produced and not yet answered. */
unsigned int ring_free_slots(uint32_t req_prod_pvt, uint32_t rsp_cons, unsigned int size);
/*
 * Responses waiting between rsp_cons and the backend's rsp_prod: the count, or -EPROTO if
 * rsp_prod claims more responses than requests we produced (a broken backend; trusting it
 * would walk the ring reading stale entries forever).
 */
int ring_new_responses(uint32_t rsp_prod, uint32_t rsp_cons, uint32_t req_prod_pvt);

#endif
