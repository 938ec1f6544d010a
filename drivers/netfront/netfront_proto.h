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
#define NF_EXTRA_TYPE_GSO  1u
#define NF_GSO_TYPE_TCPV4  1u
#define NF_GSO_TYPE_TCPV6  2u
/* The most data slots one frame may take: 64 KiB over pages plus one (XEN_NETIF_NR_SLOTS_MIN). */
#define NF_RX_MAX_SLOTS 18u
/* The largest GSO frame: lwIP's pbufs count bytes in 16 bits. */
#define NF_RX_MAX_GSO_FRAME 65535u

/* What a response may carry besides a plain one-slot frame (what we negotiated). */
#define NF_ALLOW_SG   (1u << 0) /* NETRXF_more_data: frames over several slots */
#define NF_ALLOW_GSO4 (1u << 1) /* a GSO extra-info slot of type TCPv4 */
#define NF_ALLOW_GSO6 (1u << 2) /* ... of type TCPv6 */

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
    NF_RX_BAD_EXTRA,  /* an extra-info slot of a type, GSO type or size we cannot take */
    NF_RX_TOO_LONG,   /* a more_data chain of more than NF_RX_MAX_SLOTS data slots */
};

/*
 * Classify an RX data slot against nr_ids buffers, posted[id] true while the backend has
 * it; allow: NF_ALLOW_*. A frame's first slot must hold at least the Ethernet header and at
 * most max_frame bytes; a continuation (first false) at least one byte. Either must end
 * within the page.
 */
enum nf_rx_verdict nf_rx_check(uint16_t id, uint16_t offset, uint16_t flags, int16_t status,
                               unsigned int nr_ids, const bool *posted, unsigned int max_frame,
                               unsigned int allow, bool first);

/* Classify an extra-info slot (its type, and for GSO the segment size and GSO type). */
enum nf_rx_verdict nf_rx_extra_check(uint8_t type, uint16_t gso_size, uint8_t gso_type,
                                     unsigned int allow);

/* A frame being put together from its slots, and the first fault found in it. */
struct nf_rx_frame {
    unsigned int nslots; /* data slots taken so far */
    unsigned int len;    /* their bytes */
    bool gso;            /* a good GSO extra came with it */
    enum nf_rx_verdict fault;
};
/* Start a frame (at its first data slot). */
void nf_rx_frame_start(struct nf_rx_frame *f);
/*
 * Add a data slot of len bytes, already checked by nf_rx_check: NF_RX_OK, or the fault it
 * makes (NF_RX_TOO_LONG past NF_RX_MAX_SLOTS, NF_RX_OVERSIZE past NF_RX_MAX_GSO_FRAME).
 */
enum nf_rx_verdict nf_rx_frame_add(struct nf_rx_frame *f, unsigned int len);
/* The frame is complete: NF_RX_OK, or NF_RX_OVERSIZE for a frame over max_frame without GSO. */
enum nf_rx_verdict nf_rx_frame_end(const struct nf_rx_frame *f, unsigned int max_frame);

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
