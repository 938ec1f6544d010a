/* SPDX-License-Identifier: BSD-2-Clause */
/* The lwIP port's internals, shared by net.c (bring-up, addresses) and vif.c (the netif). */
#ifndef MINIOS_NET_PRIV_H
#define MINIOS_NET_PRIV_H

#include <stdbool.h>
#include <netfront.h>
#include "lwip/netif.h"

struct txbuf;

/* One lwIP netif over one netfront device. */
struct vif {
    struct netif netif;
    struct netfront *nf;
    char id[12];          /* "N" of device/vif/N */
    bool added;           /* netif_add done: received frames may go to lwIP */
    bool csum_offload;    /* netfront opened with NETFRONT_OFFLOAD_CSUM (see vif.c) */
    ip4_addr_t announced; /* the IPv4 address last printed */
    const char *source;   /* where the IPv4 address came from: xenstore, cmdline, dhcp */
    struct txbuf *pending, *pending_tail; /* frames waiting for ring space, in order */
    unsigned int npending;
    unsigned long rx_nobuf, tx_nobuf;   /* frames dropped for want of a pbuf / buffer */
    uint8_t bounce[NETFRONT_MAX_FRAME]; /* a chain of too many pieces, flattened */
};

/* Start the SYN-flood relief timer (net/synguard.c), in the tcpip thread. */
void synguard_start(void);

/* Open device/vif/<v->id> with the receive path into lwIP: 0 or netfront_open's -errno. */
int vif_open(struct vif *v);
/* lwIP's netif init callback (netif_add), v in netif->state. */
err_t vif_netif_init(struct netif *netif);

#endif
