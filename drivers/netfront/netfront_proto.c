/* SPDX-License-Identifier: BSD-2-Clause */
/* netfront's pure protocol helpers: response checks, ring index maths, MAC parsing. */
#include <errno.h>
#include "netfront_proto.h"

enum nf_rx_verdict nf_rx_check(uint16_t id, uint16_t offset, uint16_t flags, int16_t status,
                               unsigned int nr_ids, const bool *posted, unsigned int max_frame,
                               unsigned int allow, bool first)
{
    bool extra_ok = allow & (NF_ALLOW_GSO4 | NF_ALLOW_GSO6);

    /* The id decides which buffer may be touched at all, so it is checked first. */
    if (id >= nr_ids)
        return NF_RX_BAD_ID;
    if (!posted[id])
        return NF_RX_NOT_POSTED;
    /* Extras follow only a first slot: a continuation's extra_info flag means nothing. */
    if ((flags & NF_RXF_GSO_PREFIX) || ((flags & NF_RXF_MORE_DATA) && !(allow & NF_ALLOW_SG)) ||
        (first && (flags & NF_RXF_EXTRA_INFO) && !extra_ok))
        return NF_RX_BAD_FLAGS;
    if (status < 0)
        return NF_RX_ERROR;
    /* The Ethernet header must be whole in the first slot; no slot is empty. */
    if ((unsigned int)status < (first ? NF_ETH_HLEN : 1u))
        return NF_RX_SHORT;
    if ((unsigned int)status > max_frame || (unsigned int)offset + status > NF_PAGE_SIZE)
        return NF_RX_OVERSIZE;
    return NF_RX_OK;
}

enum nf_rx_verdict nf_rx_extra_check(uint8_t type, uint16_t gso_size, uint8_t gso_type,
                                     unsigned int allow)
{
    bool v4 = gso_type == NF_GSO_TYPE_TCPV4 && (allow & NF_ALLOW_GSO4);
    bool v6 = gso_type == NF_GSO_TYPE_TCPV6 && (allow & NF_ALLOW_GSO6);

    /* Multicast and hash extras answer requests we never make. */
    if (type != NF_EXTRA_TYPE_GSO || !(v4 || v6) || gso_size == 0)
        return NF_RX_BAD_EXTRA;
    return NF_RX_OK;
}

void nf_rx_frame_start(struct nf_rx_frame *f)
{
    f->nslots = 0;
    f->len = 0;
    f->gso = false;
    f->fault = NF_RX_OK;
}

enum nf_rx_verdict nf_rx_frame_add(struct nf_rx_frame *f, unsigned int len)
{
    if (f->nslots >= NF_RX_MAX_SLOTS)
        return NF_RX_TOO_LONG;
    f->nslots++;
    f->len += len;
    return f->len > NF_RX_MAX_GSO_FRAME ? NF_RX_OVERSIZE : NF_RX_OK;
}

enum nf_rx_verdict nf_rx_frame_end(const struct nf_rx_frame *f, unsigned int max_frame)
{
    /* Only a GSO frame may exceed the MTU: the backend segmented nothing else. */
    return f->len > max_frame && !f->gso ? NF_RX_OVERSIZE : NF_RX_OK;
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
