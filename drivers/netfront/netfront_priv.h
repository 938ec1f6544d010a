/* SPDX-License-Identifier: BSD-2-Clause */
/* netfront's device state, shared by its lifecycle (netfront.c) and data path (netfront_ring.c). */
#ifndef MINIOS_NETFRONT_PRIV_H
#define MINIOS_NETFRONT_PRIV_H

#include <kernel.h>
#include <events.h>
#include <gnttab.h>
#include <mm.h>
#include <netfront.h>
#include <sched.h>
#include <shutdown.h>
#include <string.h>
#include <wait.h>
#include <xenbus.h>
#include <xen/io/netif.h>
#include "netfront_proto.h"

#define NF_TX_RING_SIZE __CONST_RING_SIZE(netif_tx, PAGE_SIZE)
#define NF_RX_RING_SIZE __CONST_RING_SIZE(netif_rx, PAGE_SIZE)
/*
 * Frames in flight at once, each copied into a page of its own (allocated on first use
 * and kept): at most 256 KiB, and fewer than the ring's 256 entries, so ids run out first.
 */
#define NF_TX_IDS 64
/* Receive buffers (one page each) kept with the backend: 256 KiB, well under the ring's 256. */
#define NF_RX_BUFS 64
#define NF_NO_REF  (-1)

/* One transmit slot: the frame in flight under this id. */
struct nf_tx_slot {
    netfront_tx_done_fn done; /* NULL: nobody waits (or xmit_sync gave up) */
    void *arg;
    size_t len;
    void *page; /* holds nothing but frames for this backend */
    int gref;   /* page's read-only grant, kept as long as the page */
};

struct netfront {
    struct xenbus_device dev;
    uint8_t mac[NETFRONT_ETH_ALEN];
    enum netfront_state state;
    netfront_rx_fn rx_fn;
    netfront_rxv_fn rxv_fn; /* instead of rx_fn: frames in pieces */
    void *rx_arg;

    netif_tx_front_ring_t tx;
    netif_rx_front_ring_t rx;
    int tx_ring_ref, rx_ring_ref;
    evtchn_port_t port;
    bool port_open;
    bool broken; /* a ring's producer went wild: stop reading both rings */

    /* Receive buffers: granted exactly while posted (see netfront_rx.c). */
    void *rx_page[NF_RX_BUFS];
    int rx_gref[NF_RX_BUFS];
    bool rx_posted[NF_RX_BUFS];
    bool rx_held[NF_RX_BUFS]; /* in the frame being put together: not to be posted yet */
    uint16_t rx_ring_id[NF_RX_RING_SIZE];   /* the buffer posted at each ring index (mod size) */
    struct nf_rx_cursor rx_cur;             /* what the next RX slot holds */
    unsigned int offloads;                  /* NETFRONT_OFFLOAD_* asked for at open */
    unsigned int rx_allow;                  /* NF_ALLOW_*: what responses may carry */
    struct nf_rx_frame rx_frame;            /* the frame being put together... */
    struct netfront_rx_frame rx_out;        /* ...and its pieces so far */
    uint16_t rx_frame_buf[NF_RX_MAX_SLOTS]; /* the buffer of each piece */
    unsigned int rx_flags;                  /* NETFRONT_RX_* of the frame being delivered */

    struct nf_tx_slot tx_slot[NF_TX_IDS];
    bool tx_pending[NF_TX_IDS];
    uint16_t tx_free[NF_TX_IDS]; /* stack of free ids */
    unsigned int tx_nfree;

    struct wait_queue_head wq;       /* the device thread: events, stop */
    struct wait_queue_head space_wq; /* xmit_sync waiting for ring room */
    struct wait_queue_head state_wq; /* netfront_wait_detached */
    bool kick, stop;
    int close_rc;     /* of the close handshake */
    uint64_t timeout; /* for the handshakes and netfront_xmit_sync */
    struct xenbus_watch be_watch;
    bool watching;
    struct thread *thread;
    char thread_name[24]; /* the scheduler keeps the pointer */
    struct shutdown_hook hook;
    struct netfront_stats stats;
};

/* netfront.c: what responses may carry (NF_ALLOW_*), from the NETFRONT_OFFLOAD_* asked for. */
unsigned int nf_rx_allow(unsigned int offloads);

/* netfront_rx.c: receive buffers, and taking responses from both rings. */
/* Allocate the (zeroed) receive buffers: 0 or -ENOMEM (caller undoes with rx_free). */
int nf_rx_setup(struct netfront *nf);
/* Revoke the posted buffers' grants and free them (leaking any the backend still maps). */
void nf_rx_free(struct netfront *nf);
/* Take every new response on both rings and give the backend fresh receive buffers. */
void nf_poll(struct netfront *nf);
/* End a grant we made: true when revoked, false (counted) when the backend kept it. */
bool nf_end_grant(struct netfront *nf, int ref);
/* A zeroed page (nothing of ours for the backend to read), or NULL. */
void *nf_zeroed_page(void);

/* netfront_tx.c: transmit. */
void nf_tx_init(struct netfront *nf);
/* Handle one TX response (idx: its ring index). */
void nf_tx_response(struct netfront *nf, RING_IDX idx, const netif_tx_response_t *rsp);
/* Fail every pending transmit with status (backend gone). */
void nf_tx_abort(struct netfront *nf, int status);
/* Revoke the TX pages' grants and free them (leaking any the backend still maps). */
void nf_tx_free(struct netfront *nf);

#endif
