/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Network frontend (netif, Xen's PV network protocol): one struct netfront per
 * device/vif/N, Ethernet frames in and out, with a counter for everything the backend got
 * wrong. All calls are for thread context; none may be made from an event handler.
 *
 * Each open device has its own thread ("netfront-N") that takes the backend's responses:
 * the receive callback and the transmit completions run in that thread, one at a time.
 * When the backend goes away (`xl network-detach`), that thread closes the device on its
 * own: pending transmits complete with -ENOTCONN, every grant is revoked and
 * netfront_state() becomes NETFRONT_DETACHED; the owner then calls netfront_close().
 */
#ifndef MINIOS_NETFRONT_H
#define MINIOS_NETFRONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NETFRONT_ETH_ALEN 6
#define NETFRONT_ETH_HLEN 14
/* The largest frame either way: 1500-byte MTU, Ethernet header and one VLAN tag. */
#define NETFRONT_MAX_FRAME (1500 + NETFRONT_ETH_HLEN + 4)

struct netfront;

enum netfront_state {
    NETFRONT_CONNECTED, /* frames flow */
    NETFRONT_CLOSING,   /* being taken down: transmits are refused */
    NETFRONT_DETACHED,  /* closed, every grant returned: only netfront_close() is left */
};

/*
 * A received frame, valid only until the callback returns (it points into a receive
 * buffer that is handed back to the backend afterwards). The backend has no access to it
 * while the callback runs (its grant has been ended), so what the callback checks stays
 * true. Runs in the device's thread: it may transmit with netfront_xmit() but must not
 * wait for a completion there.
 */
typedef void (*netfront_rx_fn)(struct netfront *nf, const void *frame, size_t len, void *arg);
/* A transmit finished: 0, -EIO (backend error), -ENOBUFS (dropped) or -ENOTCONN (detached). */
typedef void (*netfront_tx_done_fn)(struct netfront *nf, int status, void *arg);

/* What happened on a device, including what was dropped and why. */
struct netfront_stats {
    unsigned long rx_packets, rx_bytes;
    unsigned long rx_bad_id;     /* response id out of range */
    unsigned long rx_not_posted; /* response for a buffer the backend does not hold */
    unsigned long rx_error;      /* negative status */
    unsigned long rx_short;      /* shorter than an Ethernet header (zero length included) */
    unsigned long rx_oversize;   /* beyond NETFRONT_MAX_FRAME or the end of the page */
    unsigned long rx_bad_flags;  /* multi-slot or extra-info responses we never asked for */
    unsigned long tx_packets, tx_bytes;
    unsigned long tx_errors;       /* completed with a backend error or drop */
    unsigned long tx_bad_id;       /* response id out of range or not pending */
    unsigned long tx_aborted;      /* failed with -ENOTCONN when the device went away */
    unsigned long ring_errors;     /* a response producer beyond our requests: ring abandoned */
    unsigned long rx_csum_trusted; /* delivered with NETFRONT_RX_CSUM_BLANK or _VALIDATED */
    unsigned long tx_csum_blank;   /* sent with NETFRONT_TX_CSUM_BLANK */
    unsigned long grants_leaked;   /* grants the backend kept mapped (page leaked, not reused) */
    unsigned long rx_multislot;    /* delivered in more than one slot (scatter-gather) */
    unsigned long rx_gso;          /* delivered with a GSO extra: a TCP segment over the MTU */
    unsigned long rx_bad_extra;  /* an extra-info slot of a type, GSO type or size not asked for */
    unsigned long rx_too_long;   /* a more_data chain over NETFRONT_RX_MAX_FRAGS slots */
    unsigned long rx_pages_kept; /* receive pages the callback kept (netfront_rx_frag.page) */
};

/*
 * Connect to the backend of nodename ("device/vif/N"): read its MAC, grant the rings and
 * receive buffers, run the xenbus handshake (timeout_ns, 0: a default of 30 s; it also
 * bounds the close handshake and netfront_xmit_sync) and start the device thread. rx may be NULL (frames are counted and dropped). 0 and *out, or -errno:
 * -ENOMEM, -ENOSPC (grants), -EINVAL (bad MAC), -ETIMEDOUT, -ECONNREFUSED, xenbus errors.
 */
int netfront_open(const char *nodename, netfront_rx_fn rx, void *arg, uint64_t timeout_ns,
                  struct netfront **out);

/*
 * Checksum offload (netfront_open_offload): the backend may then deliver frames whose
 * TCP/UDP checksum was never computed (they come from dom0 itself) or was checked already,
 * and completes the checksum of frames sent with NETFRONT_TX_CSUM_BLANK. Only for callers
 * that look at netfront_rx_flags() (e.g. an IP stack told to skip those checks).
 */
#define NETFRONT_OFFLOAD_CSUM (1u << 0)
/* netfront_open, asking for the offloads in `offloads` (0: the same as netfront_open). */
int netfront_open_offload(const char *nodename, netfront_rx_fn rx, void *arg, uint64_t timeout_ns,
                          unsigned int offloads, struct netfront **out);

/*
 * Scatter-gather receive (netfront_open_rxv only): the backend may spread a frame over
 * several receive pages (feature-sg), and with GSO hand over whole TCP segments of up to
 * NETFRONT_MAX_GSO_FRAME bytes that its side never cut to the MTU (feature-gso-tcpv4/v6;
 * these need NETFRONT_OFFLOAD_SG and _CSUM: such frames come with blank checksums).
 */
#define NETFRONT_OFFLOAD_SG    (1u << 1)
#define NETFRONT_OFFLOAD_GSO4  (1u << 2)
#define NETFRONT_OFFLOAD_GSO6  (1u << 3)
#define NETFRONT_RX_MAX_FRAGS  18
#define NETFRONT_MAX_GSO_FRAME 65535

/* One piece of a received frame: data..data+len lies within page. */
struct netfront_rx_frag {
    /*
     * The receive page (PAGE_SIZE, from alloc_page) the piece is in. The callback may keep
     * it by setting this to NULL: the page is then the callback's to free_page() (the
     * backend has no access left to it), and netfront posts a fresh zeroed page instead.
     */
    void *page;
    const void *data;
    size_t len;
};
/* A received frame in nfrags pieces (in order), len bytes in all. */
struct netfront_rx_frame {
    size_t len;
    unsigned int nfrags;
    unsigned int flags; /* NETFRONT_RX_* */
    uint16_t gso_size;  /* 0, or for a GSO frame the segment size its sender used */
    struct netfront_rx_frag frag[NETFRONT_RX_MAX_FRAGS];
};
/* Like netfront_rx_fn, for a frame in pieces (in the device thread; f is valid until return). */
typedef void (*netfront_rxv_fn)(struct netfront *nf, struct netfront_rx_frame *f, void *arg);
/* netfront_open_offload with a scatter-gather receive callback, which any offload may use. */
int netfront_open_rxv(const char *nodename, netfront_rxv_fn rx, void *arg, uint64_t timeout_ns,
                      unsigned int offloads, struct netfront **out);

/* netfront_rx_flags: the frame's TCP/UDP checksum field is not filled in (only the
 * pseudo-header sum is there) but its data are intact; or the checksum was verified. */
#define NETFRONT_RX_CSUM_BLANK     (1u << 0)
#define NETFRONT_RX_DATA_VALIDATED (1u << 1)
/* The flags of the frame the receive callback is looking at (call only from there). */
unsigned int netfront_rx_flags(const struct netfront *nf);
/*
 * Close (if still connected; pending transmits fail with -ENOTCONN), stop the device
 * thread and free nf. Must not be called from nf's own callbacks. 0, or the close
 * handshake's -errno (nf is freed all the same).
 */
int netfront_close(struct netfront *nf);

/*
 * Queue frame (NETFRONT_ETH_HLEN..NETFRONT_MAX_FRAME bytes, anywhere readable). It is
 * copied into a page of the device's own before this returns (the backend sees only frame
 * bytes), so the caller may reuse its buffer at once; done(nf, status, arg) runs in the
 * device thread when the backend answered (done may be NULL). 0, -ENOTCONN, -EINVAL
 * (length), -EAGAIN (every slot busy: retry after a completion), -ENOMEM, -ENOSPC (grants).
 */
int netfront_xmit(struct netfront *nf, const void *frame, size_t len, netfront_tx_done_fn done,
                  void *arg);

/* One piece of a frame for netfront_xmitv. */
struct netfront_frag {
    const void *data;
    size_t len;
};
/*
 * The frame's TCP checksum field holds only the pseudo-header sum: the backend completes
 * it. Only on a device opened with NETFRONT_OFFLOAD_CSUM (else -EINVAL).
 */
#define NETFRONT_TX_CSUM_BLANK (1u << 0)
/*
 * netfront_xmit of the n pieces one after the other, copied straight into the device's page
 * (no flattening by the caller), with NETFRONT_TX_* flags. The same results.
 */
int netfront_xmitv(struct netfront *nf, const struct netfront_frag *frags, unsigned int n,
                   unsigned int flags, netfront_tx_done_fn done, void *arg);
/*
 * netfront_xmit, waiting for ring space and then for the completion, for at most the
 * open's timeout: its status, -ETIMEDOUT (the frame may still go out later), or an error
 * of netfront_xmit (-EDEADLK from nf's own thread, which must not wait).
 */
int netfront_xmit_sync(struct netfront *nf, const void *frame, size_t len);

/* The device's MAC address, from xenstore's "mac" node. */
void netfront_mac(const struct netfront *nf, uint8_t mac[NETFRONT_ETH_ALEN]);
/* Its xenstore node ("device/vif/N"). */
const char *netfront_nodename(const struct netfront *nf);
enum netfront_state netfront_state(const struct netfront *nf);
/* A snapshot of the counters. */
void netfront_stats(const struct netfront *nf, struct netfront_stats *st);
/* Wait until nf is NETFRONT_DETACHED or NOW() reaches deadline (0: forever). 0 or -ETIMEDOUT. */
int netfront_wait_detached(struct netfront *nf, uint64_t deadline);

#endif
