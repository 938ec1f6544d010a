/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pure part of netfront: ring index maths and the checks every backend response must
 * pass before it is trusted, on plain values so the host unit tests can run them.
 */
#ifndef MINIOS_NETFRONT_PROTO_H
#define MINIOS_NETFRONT_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Values from xen/io/netif.h (netfront.c checks they match), and the page size. */
#define NF_PAGE_SIZE       4096u
#define NF_RXF_CSUM_BLANK  (1u << 1)
#define NF_RXF_VALIDATED   (1u << 0)
#define NF_RXF_MORE_DATA   (1u << 2)
#define NF_RXF_EXTRA_INFO  (1u << 3)
#define NF_RXF_GSO_PREFIX  (1u << 4)
#define NF_RSP_DROPPED     (-2)
#define NF_RSP_ERROR       (-1)
#define NF_RSP_OKAY        0
#define NF_ETH_HLEN        14u
#define NF_EXTRA_FLAG_MORE (1u << 0)

/*
 * What the next RX ring slot holds. A response with NETRXF_extra_info is followed by
 * extra-info slots (each with XEN_NETIF_EXTRA_FLAG_MORE if another follows), and one with
 * NETRXF_more_data by continuation slots of the same frame. Either kind consumed one of
 * our requests without answering it, so its buffer is ours again.
 */
enum nf_rx_slot { NF_SLOT_RESPONSE, NF_SLOT_EXTRA, NF_SLOT_CONTINUATION };
struct nf_rx_cursor {
    bool extra; /* the next slot is an extra-info one */
    bool cont;  /* the next response continues the frame before it */
};
/* Classify the next slot from its response flags (or, for an extra slot, extra_flags). */
enum nf_rx_slot nf_rx_slot_kind(struct nf_rx_cursor *c, uint16_t flags, uint8_t extra_flags);

/* What to do with one RX response. */
enum nf_rx_verdict {
    NF_RX_OK,         /* deliver status bytes at offset of buffer id */
    NF_RX_BAD_ID,     /* id >= the number of buffers: touch nothing */
    NF_RX_NOT_POSTED, /* the buffer is ours, not the backend's: touch nothing */
    NF_RX_ERROR,      /* negative status: recycle the buffer */
    NF_RX_SHORT,      /* 0..NF_ETH_HLEN-1 bytes: recycle */
    NF_RX_OVERSIZE,   /* > max_frame, or past the end of the page: recycle */
    NF_RX_BAD_FLAGS,  /* multi-slot / extra-info / GSO: never negotiated, recycle */
};

/* Classify an RX response against nr_ids buffers, posted[id] true while the backend has it. */
enum nf_rx_verdict nf_rx_check(uint16_t id, uint16_t offset, uint16_t flags, int16_t status,
                               unsigned int nr_ids, const bool *posted, unsigned int max_frame);

enum nf_tx_verdict {
    NF_TX_OK,          /* the slot completed */
    NF_TX_FAILED,      /* the slot completed with an error (error, dropped or NULL status) */
    NF_TX_BAD_ID,      /* id >= nr_ids: touch nothing */
    NF_TX_NOT_PENDING, /* no request of ours has this id now: touch nothing */
};

/* Classify a TX response against nr_ids slots, pending[id] true while a request is out. */
enum nf_tx_verdict nf_tx_check(uint16_t id, int16_t status, unsigned int nr_ids,
                               const bool *pending);

/*
 * What a response's checksum flags tell the receive callback (NETFRONT_RX_CSUM_BLANK = 1,
 * NETFRONT_RX_DATA_VALIDATED = 2): nothing unless we offered checksum offload (csum_on);
 * a backend setting them anyway gets its frames checked as usual.
 */
unsigned int nf_rx_csum_flags(uint16_t flags, bool csum_on);

/* Parse "xx:xx:xx:xx:xx:xx" (hex, either case) into mac: 0 or -EINVAL. */
int nf_parse_mac(const char *s, uint8_t mac[6]);

#endif
