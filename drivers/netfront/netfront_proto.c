/* SPDX-License-Identifier: BSD-2-Clause */
/* netfront's pure protocol helpers: response checks, ring index maths, MAC parsing. */
#include <errno.h>
#include "netfront_proto.h"

enum nf_rx_verdict nf_rx_check(uint16_t id, uint16_t offset, uint16_t flags, int16_t status,
                               unsigned int nr_ids, const bool *posted, unsigned int max_frame)
{
    /* The id decides which buffer may be touched at all, so it is checked first. */
    if (id >= nr_ids)
        return NF_RX_BAD_ID;
    if (!posted[id])
        return NF_RX_NOT_POSTED;
    if (flags & (NF_RXF_MORE_DATA | NF_RXF_EXTRA_INFO | NF_RXF_GSO_PREFIX))
        return NF_RX_BAD_FLAGS;
    if (status < 0)
        return NF_RX_ERROR;
    if ((unsigned int)status < NF_ETH_HLEN)
        return NF_RX_SHORT;
    if ((unsigned int)status > max_frame || (unsigned int)offset + status > NF_PAGE_SIZE)
        return NF_RX_OVERSIZE;
    return NF_RX_OK;
}

enum nf_tx_verdict nf_tx_check(uint16_t id, int16_t status, unsigned int nr_ids,
                               const bool *pending)
{
    if (id >= nr_ids)
        return NF_TX_BAD_ID;
    if (!pending[id])
        return NF_TX_NOT_PENDING;
    /* NULL answers extra-info slots, which we never send: a failure for this slot. */
    return status == NF_RSP_OKAY ? NF_TX_OK : NF_TX_FAILED;
}

enum nf_rx_slot nf_rx_slot_kind(struct nf_rx_cursor *c, uint16_t flags, uint8_t extra_flags)
{
    enum nf_rx_slot kind;

    /* Extra-info slots come right after the frame's first response, before its continuations. */
    if (c->extra) {
        c->extra = extra_flags & NF_EXTRA_FLAG_MORE;
        return NF_SLOT_EXTRA;
    }
    kind = c->cont ? NF_SLOT_CONTINUATION : NF_SLOT_RESPONSE;
    c->extra = kind == NF_SLOT_RESPONSE && (flags & NF_RXF_EXTRA_INFO);
    c->cont = flags & NF_RXF_MORE_DATA;
    return kind;
}

unsigned int nf_rx_csum_flags(uint16_t flags, bool csum_on)
{
    if (!csum_on)
        return 0;
    return (flags & NF_RXF_CSUM_BLANK ? 1u : 0u) | (flags & NF_RXF_VALIDATED ? 2u : 0u);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int nf_parse_mac(const char *s, uint8_t mac[6])
{
    uint8_t out[6];

    for (int i = 0; i < 6; i++) {
        int hi = hex_digit(s[0]), lo = hi < 0 ? -1 : hex_digit(s[1]);

        if (hi < 0 || lo < 0)
            return -EINVAL;
        out[i] = (uint8_t)(hi << 4 | lo);
        s += 2;
        if (*s != (i == 5 ? '\0' : ':'))
            return -EINVAL;
        s++;
    }
    for (int i = 0; i < 6; i++)
        mac[i] = out[i];
    return 0;
}
