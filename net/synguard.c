/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SYN-flood relief. lwIP has no SYN cookies: each SYN makes a half-open (SYN_RCVD) PCB
 * that counts against its listener's backlog and the PCB pool until a hard-coded 20 s
 * timeout, so a short flood keeps daytime unreachable for 20 s after it ends. Under
 * pressure (more half-open connections than a normal handshake rate explains) this timer
 * aborts the ones older than a second; a real client's ACK comes within a round trip.
 */
#include <kernel.h>
#include "lwip/priv/tcp_priv.h"
#include "lwip/timeouts.h"
#include "net_priv.h"

#define SYNGUARD_PERIOD_MS 500
#define SYNGUARD_PRESSURE  4                          /* half-open PCBs tolerated as they are */
#define SYNGUARD_MAX_TICKS (1000 / TCP_SLOW_INTERVAL) /* age beyond which they go, under pressure */

static unsigned long synguard_aborted;

static void synguard_tick(void *arg)
{
    struct tcp_pcb *pcb, *next;
    unsigned int half_open = 0;

    for (pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
        half_open += pcb->state == SYN_RCVD;
    for (pcb = tcp_active_pcbs; pcb && half_open > SYNGUARD_PRESSURE; pcb = next) {
        next = pcb->next;
        if (pcb->state == SYN_RCVD && (u32_t)(tcp_ticks - pcb->tmr) > SYNGUARD_MAX_TICKS) {
            tcp_abort(pcb);
            synguard_aborted++;
        }
    }
    sys_timeout(SYNGUARD_PERIOD_MS, synguard_tick, NULL);
}

/* In the tcpip thread (or under the core lock). */
void synguard_start(void)
{
    sys_timeout(SYNGUARD_PERIOD_MS, synguard_tick, NULL);
}
