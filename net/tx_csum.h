/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Transmit checksum offload on plain bytes (host unit tests run it): find the TCP segment
 * in an Ethernet frame (IPv4 or IPv6) and either seed its checksum field with the
 * pseudo-header sum, which the backend completes (NETTXF_csum_blank), or fill in the
 * whole checksum when a frame cannot be offloaded.
 */
#ifndef MINIOS_NET_TX_CSUM_H
#define MINIOS_NET_TX_CSUM_H

#include <stddef.h>
#include <stdint.h>

enum tx_csum {
    TX_CSUM_NONE,   /* not an unfragmented TCP segment over IPv4/IPv6: nothing to do */
    TX_CSUM_SEEDED, /* the field holds the pseudo-header sum: send with csum_blank */
    TX_CSUM_FULL,   /* maybe TCP, but not all its headers are in hdr: use tx_csum_fill */
};

/*
 * hdr: the frame's first hdr_len bytes (writable), frame_len: the whole frame. Seeds the
 * TCP checksum field when the Ethernet, IP and TCP headers are all within hdr.
 */
enum tx_csum tx_csum_seed(uint8_t *hdr, size_t hdr_len, size_t frame_len);
/* The complete TCP checksum of a flat frame (after TX_CSUM_FULL): 0, or -1 if not TCP. */
int tx_csum_fill(uint8_t *frame, size_t len);

#endif
