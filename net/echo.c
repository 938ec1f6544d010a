/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test and benchmark services on lwIP's raw API: TCP echo (port 7) that keeps a CRC-32 of
 * what it received, a report port (8) that answers "BYTES CRC32" of the last finished echo
 * connection so dom0 can compare checksums on both ends, UDP echo (port 7), and lwiperf's
 * iperf 2 server (port 5001).
 *
 * The echo is flow-controlled end to end: received data is acknowledged to the peer
 * (tcp_recved) only once it is queued for sending back, so a client that does not read
 * ends up facing a zero window instead of filling our memory.
 */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <net.h>
#include "lwip/apps/lwiperf.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "lwip/udp.h"

#define ECHO_PORT   7
#define REPORT_PORT 8

struct echo {
    struct pbuf *queue; /* received, not yet queued for sending back */
    uint64_t bytes;
    uint32_t crc;
    bool eof;
};

static uint32_t crc_table[256];
static uint64_t last_bytes;
static uint32_t last_crc;

/* CRC-32 as in gzip's trailer (reflected 0xEDB88320), so dom0 needs only busybox. */
static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;

        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc_update(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static void echo_free(struct tcp_pcb *pcb, struct echo *e)
{
    if (pcb) {
        tcp_arg(pcb, NULL);
        tcp_recv(pcb, NULL);
        tcp_sent(pcb, NULL);
        tcp_err(pcb, NULL);
    }
    if (e->queue)
        pbuf_free(e->queue);
    free(e);
}

static void echo_finish(struct tcp_pcb *pcb, struct echo *e)
{
    last_bytes = e->bytes;
    last_crc = e->crc;
    echo_free(pcb, e);
    if (tcp_close(pcb) != ERR_OK)
        tcp_abort(pcb);
}

/* Queue as much of the backlog as the send buffer takes; acknowledge what was queued. */
static void echo_push(struct tcp_pcb *pcb, struct echo *e)
{
    while (e->queue) {
        u16_t len = LWIP_MIN(e->queue->len, tcp_sndbuf(pcb));

        if (!len || tcp_write(pcb, e->queue->payload, len, TCP_WRITE_FLAG_COPY) != ERR_OK)
            break;
        e->queue = pbuf_free_header(e->queue, len);
        tcp_recved(pcb, len);
    }
    tcp_output(pcb);
}

static err_t echo_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    struct echo *e = arg;

    if (!p) {
        e->eof = true;
        if (!e->queue)
            echo_finish(pcb, e);
        return ERR_OK;
    }
    for (struct pbuf *q = p; q; q = q->next)
        e->crc = crc_update(e->crc, q->payload, q->len);
    e->bytes += p->tot_len;
    if (e->queue)
        pbuf_cat(e->queue, p);
    else
        e->queue = p;
    echo_push(pcb, e);
    return ERR_OK;
}

static err_t echo_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
    struct echo *e = arg;

    echo_push(pcb, e);
    if (e->eof && !e->queue)
        echo_finish(pcb, e);
    return ERR_OK;
}

/* The connection is gone (reset, or given up on): lwIP has freed the pcb. */
static void echo_err(void *arg, err_t err)
{
    if (arg)
        echo_free(NULL, arg);
}

static err_t echo_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    struct echo *e;

    if (err != ERR_OK || !pcb)
        return ERR_VAL;
    e = calloc(1, sizeof(*e));
    if (!e) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    tcp_arg(pcb, e);
    tcp_recv(pcb, echo_recv);
    tcp_sent(pcb, echo_sent);
    tcp_err(pcb, echo_err);
    return ERR_OK;
}

static err_t report_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    char line[48];
    int n;

    if (err != ERR_OK || !pcb)
        return ERR_VAL;
    n = snprintf(line, sizeof(line), "%llu %08x\n", (unsigned long long)last_bytes, last_crc);
    if (tcp_write(pcb, line, (u16_t)n, TCP_WRITE_FLAG_COPY) != ERR_OK || tcp_close(pcb) != ERR_OK) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    return ERR_OK;
}

static void udp_echo_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr,
                          u16_t port)
{
    udp_sendto(pcb, p, addr, port);
    pbuf_free(p);
}

static int tcp_serve(u16_t port, tcp_accept_fn fn)
{
    struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_ANY), *l = NULL;

    if (!pcb)
        return -ENOMEM;
    if (tcp_bind(pcb, IP_ANY_TYPE, port) == ERR_OK)
        l = tcp_listen(pcb);
    if (!l) {
        tcp_close(pcb);
        return -EADDRINUSE;
    }
    tcp_accept(l, fn);
    return 0;
}

static int udp_serve(u16_t port)
{
    struct udp_pcb *pcb = udp_new_ip_type(IPADDR_TYPE_ANY);

    if (!pcb)
        return -ENOMEM;
    if (udp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK) {
        udp_remove(pcb);
        return -EADDRINUSE;
    }
    udp_recv(pcb, udp_echo_recv, NULL);
    return 0;
}

int net_echo_start(void)
{
    int rc;

    crc_init();
    LOCK_TCPIP_CORE();
    rc = tcp_serve(ECHO_PORT, echo_accept);
    if (!rc)
        rc = tcp_serve(REPORT_PORT, report_accept);
    if (!rc)
        rc = udp_serve(ECHO_PORT);
    UNLOCK_TCPIP_CORE();
    return rc;
}

static unsigned int iperf_reports; /* lwiperf tests finished (either role) */

static void iperf_report(void *arg, enum lwiperf_report_type type, const ip_addr_t *local_addr,
                         u16_t local_port, const ip_addr_t *remote_addr, u16_t remote_port,
                         u32_t bytes, u32_t ms, u32_t kbits_per_sec)
{
    iperf_reports++;
    printk("lwiperf: %u bytes in %u ms: %u kbit/s\n", bytes, ms, kbits_per_sec);
}

unsigned int net_iperf_reports(void)
{
    return iperf_reports;
}

int net_iperf_client(const char *ipv4)
{
    ip_addr_t addr;
    void *h;

    if (!ipaddr_aton(ipv4, &addr))
        return -EINVAL;
    LOCK_TCPIP_CORE();
    h = lwiperf_start_tcp_client_default(&addr, iperf_report, NULL);
    UNLOCK_TCPIP_CORE();
    return h ? 0 : -ENOMEM;
}

int net_iperf_start(void)
{
    void *h;

    LOCK_TCPIP_CORE();
    h = lwiperf_start_tcp_server_default(iperf_report, NULL);
    UNLOCK_TCPIP_CORE();
    return h ? 0 : -ENOMEM;
}
