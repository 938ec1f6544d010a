/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RFC 867 daytime on TCP port 13, IPv4 and IPv6, on lwIP's raw API: on accept, queue one
 * line with today's UTC date and close. lwIP sends the FIN after the line, and keeps
 * retrying (then aborts) if the peer never acknowledges, so a vanished client costs
 * nothing here.
 */
#include <kernel.h>
#include <net.h>
#include <time.h>
#include "lwip/tcp.h"
#include "lwip/tcpip.h"

#define DAYTIME_PORT 13

static err_t daytime_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    struct timeval tv;
    char line[64];
    size_t len;

    if (err != ERR_OK || !pcb)
        return ERR_VAL;
    gettimeofday(&tv, NULL);
    len = daytime_format(tv.tv_sec, line, sizeof(line));
    if (tcp_write(pcb, line, (u16_t)len, TCP_WRITE_FLAG_COPY) != ERR_OK ||
        tcp_close(pcb) != ERR_OK) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    return ERR_OK;
}

int daytime_start(void)
{
    struct tcp_pcb *pcb, *listener;
    err_t err;

    LOCK_TCPIP_CORE();
    pcb = tcp_new_ip_type(IPADDR_TYPE_ANY);
    if (!pcb) {
        UNLOCK_TCPIP_CORE();
        return -ENOMEM;
    }
    err = tcp_bind(pcb, IP_ANY_TYPE, DAYTIME_PORT);
    listener = err == ERR_OK ? tcp_listen(pcb) : NULL;
    if (!listener)
        tcp_close(pcb);
    else
        tcp_accept(listener, daytime_accept);
    UNLOCK_TCPIP_CORE();
    return listener ? 0 : err == ERR_USE ? -EADDRINUSE : -ENOMEM;
}
