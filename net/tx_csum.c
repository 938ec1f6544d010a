/* SPDX-License-Identifier: BSD-2-Clause */
/* Transmit checksum offload for the netif glue: the TCP pseudo-header sum, or the full sum. */
#include "tx_csum.h"

#define ETH_HLEN     14u
#define ETHTYPE_IPV4 0x0800u
#define ETHTYPE_IPV6 0x86ddu
#define IPPROTO_TCP_ 6u
#define TCP_CSUM_OFF 16u /* of the checksum field in the TCP header */
#define TCP_MIN_HLEN 20u
#define IPV6_HLEN    40u

/* Where the TCP segment is and its pseudo-header sum (not folded). */
struct tcp_at {
    size_t off, len;
    uint32_t pseudo;
};

static unsigned int be16(const uint8_t *p)
{
    return (unsigned int)p[0] << 8 | p[1];
}

/* One's complement sum of len bytes as big-endian 16-bit words, added to acc. */
static uint32_t sum16(const uint8_t *p, size_t len, uint32_t acc)
{
    for (; len > 1; p += 2, len -= 2)
        acc += be16(p);
    if (len)
        acc += (uint32_t)p[0] << 8;
    return acc;
}

static uint16_t fold(uint32_t acc)
{
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    return (uint16_t)acc;
}

/*
 * Find the TCP segment of a frame_len-byte frame of which we may read the first avail
 * bytes: 0, -1 if it holds none, -2 if avail is too short to tell.
 */
static int tcp_find(const uint8_t *f, size_t avail, size_t frame_len, struct tcp_at *at)
{
    const uint8_t *ip = f + ETH_HLEN;
    unsigned int type;

    if (frame_len < ETH_HLEN + 20)
        return -1;
    if (avail < ETH_HLEN)
        return -2;
    type = be16(f + 12);
    if (type == ETHTYPE_IPV4) {
        size_t ihl, total;

        if (avail < ETH_HLEN + 20)
            return -2;
        ihl = (size_t)(ip[0] & 0xf) * 4;
        total = be16(ip + 2);
        /* Fragments carry part of a segment: their checksum cannot be completed alone. */
        if ((ip[0] >> 4) != 4 || ihl < 20 || ip[9] != IPPROTO_TCP_ || (be16(ip + 6) & 0x3fff))
            return -1;
        if (total < ihl + TCP_MIN_HLEN || ETH_HLEN + total > frame_len)
            return -1;
        at->off = ETH_HLEN + ihl;
        at->len = total - ihl;
        at->pseudo = sum16(ip + 12, 8, IPPROTO_TCP_ + (uint32_t)at->len);
        return 0;
    }
    if (type == ETHTYPE_IPV6) {
        size_t plen;

        if (avail < ETH_HLEN + IPV6_HLEN)
            return frame_len < ETH_HLEN + IPV6_HLEN ? -1 : -2;
        plen = be16(ip + 4);
        /* Extension headers: lwIP puts none before TCP. */
        if ((ip[0] >> 4) != 6 || ip[6] != IPPROTO_TCP_ || plen < TCP_MIN_HLEN ||
            ETH_HLEN + IPV6_HLEN + plen > frame_len)
            return -1;
        at->off = ETH_HLEN + IPV6_HLEN;
        at->len = plen;
        at->pseudo = sum16(ip + 8, 32, IPPROTO_TCP_ + (uint32_t)plen);
        return 0;
    }
    return -1;
}

enum tx_csum tx_csum_seed(uint8_t *hdr, size_t hdr_len, size_t frame_len)
{
    struct tcp_at at;
    uint16_t seed;
    int rc;

    if (hdr_len > frame_len)
        return TX_CSUM_NONE;
    rc = tcp_find(hdr, hdr_len, frame_len, &at);
    if (rc == -1)
        return TX_CSUM_NONE;
    if (rc == -2 || hdr_len < at.off + TCP_MIN_HLEN)
        return TX_CSUM_FULL;
    /* Not inverted: the backend adds the segment's bytes to it and inverts the result. */
    seed = fold(at.pseudo);
    hdr[at.off + TCP_CSUM_OFF] = (uint8_t)(seed >> 8);
    hdr[at.off + TCP_CSUM_OFF + 1] = (uint8_t)seed;
    return TX_CSUM_SEEDED;
}

int tx_csum_fill(uint8_t *frame, size_t len)
{
    struct tcp_at at;
    uint16_t sum;

    if (tcp_find(frame, len, len, &at))
        return -1;
    frame[at.off + TCP_CSUM_OFF] = 0;
    frame[at.off + TCP_CSUM_OFF + 1] = 0;
    sum = (uint16_t)~fold(sum16(frame + at.off, at.len, at.pseudo));
    frame[at.off + TCP_CSUM_OFF] = (uint8_t)(sum >> 8);
    frame[at.off + TCP_CSUM_OFF + 1] = (uint8_t)sum;
    return 0;
}
