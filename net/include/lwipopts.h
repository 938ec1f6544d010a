/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lwIP's options for this kernel, each with the reason. The budget: the daytime image must
 * run in a 4 MiB domain, so every pool is static (.bss, sized here, no surprise growth under
 * a SYN flood) and the whole stack stays near 300 KiB; within that, the TCP window and the
 * pools are as large as the receive ring can feed, for throughput.
 */
#ifndef MINIOS_LWIPOPTS_H
#define MINIOS_LWIPOPTS_H

/* Threads: lwIP runs in its tcpip thread; others call in through the core lock. */
#define NO_SYS 0
/*
 * Callers (netfront's receive thread, applications) take the core lock and run lwIP
 * directly instead of posting a message and switching threads per packet: on a
 * cooperative single-vCPU kernel that saves two context switches per frame.
 */
#define LWIP_TCPIP_CORE_LOCKING       1
#define LWIP_TCPIP_CORE_LOCKING_INPUT 1
#define SYS_LIGHTWEIGHT_PROT          1
#define TCPIP_THREAD_NAME             "tcpip"
#define TCPIP_THREAD_STACKSIZE        (16 * 1024)
#define TCPIP_THREAD_PRIO             0
#define TCPIP_MBOX_SIZE               64
#define DEFAULT_THREAD_STACKSIZE      (16 * 1024)
#define DEFAULT_RAW_RECVMBOX_SIZE     16
#define DEFAULT_UDP_RECVMBOX_SIZE     32
#define DEFAULT_TCP_RECVMBOX_SIZE     64
#define DEFAULT_ACCEPTMBOX_SIZE       16

/* APIs: raw and netconn for kernel code. BSD sockets come with the libc's fd table. */
#define LWIP_RAW       1
#define LWIP_NETCONN   1
#define LWIP_SOCKET    0
#define LWIP_NETIF_API 1
/*
 * For the libc's sockets (libc/core/socket.c, on netconn): SO_RCVTIMEO/SO_SNDTIMEO are
 * netconn timeouts, SO_REUSEADDR needs lwIP's SO_REUSE to be honoured at bind.
 */
#define LWIP_SO_RCVTIMEO 1
#define LWIP_SO_SNDTIMEO 1
#define SO_REUSE         1
/*
 * Full-duplex netconns: one thread may block in recv while another sends on, shuts down
 * or closes the same socket, and shutdown(SHUT_RD) wakes the blocked reader (without it,
 * lwIP freed the mailbox under the waiting thread, which then slept for ever). It needs a
 * semaphore per thread instead of one per netconn (net/sys_arch.c).
 */
#define LWIP_NETCONN_FULLDUPLEX     1
#define LWIP_NETCONN_SEM_PER_THREAD 1

/* Memory: static heap and pools; x86 wants 8-byte alignment for u64 fields on both archs. */
#define MEM_ALIGNMENT 8
/*
 * The heap holds outgoing TCP data (PBUF_RAM) and ARP/ND queues: two full send buffers and
 * some, so that one connection whose peer stopped reading (its send buffer full of copied
 * data) cannot starve the others (lwip-hostile's zero_window_during failed at 96 KiB).
 */
#define MEM_SIZE (2 * TCP_SND_BUF + 16 * 1024)
/*
 * Received frames of up to one pool pbuf are copied into one (larger ones lend their pages,
 * see net/vif.c, as do small ones when the pool is empty): 48 cover ARP/ICMP and TCP acks
 * and data of peers that send no GSO; under a flood lwIP drops at allocation.
 */
#define PBUF_POOL_SIZE    48
#define PBUF_POOL_BUFSIZE 1536
/* Pbufs that reference data (lwiperf sends so): one per such segment in flight. */
#define MEMP_NUM_PBUF 128
/* 32 concurrent connections (tested) plus listeners and TIME_WAIT leftovers. */
#define MEMP_NUM_TCP_PCB         40
#define MEMP_NUM_TCP_PCB_LISTEN  8
#define MEMP_NUM_UDP_PCB         8
#define MEMP_NUM_RAW_PCB         4
#define MEMP_NUM_NETCONN         16
#define MEMP_NUM_NETBUF          16
#define MEMP_NUM_TCPIP_MSG_API   16
#define MEMP_NUM_TCPIP_MSG_INPKT 32
#define MEMP_NUM_REASSDATA       8
#define MEMP_NUM_FRAG_PBUF       16
#define IP_REASS_MAX_PBUFS       24
#define MEMP_NUM_ARP_QUEUE       16
#define MEMP_NUM_ND6_QUEUE       8
/* Segments: the whole send queue must fit (lwIP checks TCP_SND_QUEUELEN <= this). */
#define MEMP_NUM_TCP_SEG TCP_SND_QUEUELEN
/* lwIP's own timers plus ours (net/synguard.c) and a few for applications. */
#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 4)

/*
 * TCP: full-size segments; window scaling (RFC 7323, shift 2) for a receive window of 176
 * segments (250 KiB) and a send buffer of 88 (125 KiB). Under emulation a round trip
 * through dom0 takes tens of ms, so throughput is window / RTT: 16 segments held iperf to
 * ~3-4 Mbit/s, 44 (the most without scaling) to ~15 (make bench NET=1). Neither costs
 * memory by itself: dom0 sends bulk data as GSO frames whose receive pages are lent to lwIP
 * (net/vif.c: at most 1/8 of memory, else copied into the pool or dropped), received data
 * are handed on at once, and the send buffer fills only as far as the heap (MEM_SIZE) or
 * the caller's own pages allow (lwiperf sends from a constant buffer: one pbuf per segment).
 */
#define LWIP_TCP         1
#define TCP_MSS          1460
#define LWIP_WND_SCALE   1
#define TCP_RCV_SCALE    2
#define TCP_WND          (176 * TCP_MSS)
#define TCP_SND_BUF      (88 * TCP_MSS)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
/* lwIP wants the low-water mark well inside 16 bits. */
#define TCP_SNDLOWAT (TCP_SND_BUF / 4)
/*
 * lwIP's TCP sanity checks assume the receive window is backed by PBUF_POOL alone; ours is
 * mostly backed by lent receive pages. They are off, so the ones that still hold are here.
 */
#define LWIP_DISABLE_TCP_SANITY_CHECKS 1
#if MEMP_NUM_TCP_SEG < TCP_SND_QUEUELEN || TCP_SND_QUEUELEN < 2 * (TCP_SND_BUF / TCP_MSS)
#error "the send queue needs a segment per pbuf"
#endif
#if TCP_SNDLOWAT >= TCP_SND_BUF || TCP_SNDLOWAT >= 0xffff - 4 * TCP_MSS
#error "TCP_SNDLOWAT must be below TCP_SND_BUF and well inside 16 bits"
#endif
#if TCP_WND < 2 * TCP_MSS || TCP_SND_BUF < 2 * TCP_MSS
#error "TCP needs a window and a send buffer of two segments at least"
#endif
#define TCP_QUEUE_OOSEQ            1
#define TCP_OOSEQ_MAX_PBUFS        16
#define TCP_LISTEN_BACKLOG         1
#define TCP_DEFAULT_LISTEN_BACKLOG 8
#define LWIP_TCP_KEEPALIVE         1
/* A zero-window peer is probed forever by TCP; keepalive-less daytime clients time out. */
#define LWIP_TCP_TIMESTAMPS 0

#define LWIP_UDP  1
#define LWIP_ICMP 1
#define LWIP_DHCP 1
/* The ARP probe after a lease costs 0.5-2 s at boot; dom0's udhcpd hands out free addresses. */
#define DHCP_DOES_ARP_CHECK           0
#define LWIP_ARP                      1
#define ETHARP_SUPPORT_STATIC_ENTRIES 0
#define ARP_TABLE_SIZE                16
#define LWIP_ETHERNET                 1

/* Fragments are reassembled (tested with overlapping fragments) and sent. */
#define IP_REASSEMBLY 1
#define IP_FRAG       1

/* IPv6: a link-local address on every netif, neighbour discovery, fragments. No DHCPv6. */
#define LWIP_IPV6            1
#define LWIP_IPV6_AUTOCONFIG 1
#define LWIP_IPV6_MLD        1
#define LWIP_IPV6_REASS      1
#define LWIP_IPV6_FRAG       1
/* 64-bit pointers do not fit the reassembly helper in the fragment header: copy it aside. */
#define IPV6_FRAG_COPYHEADER          1
#define LWIP_IPV6_DHCP6               0
#define LWIP_ND6_NUM_NEIGHBORS        16
#define LWIP_ND6_NUM_DESTINATIONS     16
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS 0

/* Netifs: status callbacks print the address once DHCP has one. */
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK   0
#define LWIP_NETIF_HOSTNAME        1
#define LWIP_SINGLE_NETIF          0
/* Checksums computed in software for now; per-netif so offload can switch them off. */
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1
/* Checksums with 32-bit adds (lwIP's algorithm 3): half the loop of the default. */
#define LWIP_CHKSUM_ALGORITHM 3

/* No statistics or debug output in the image: they cost memory and console time. */
#define LWIP_STATS         0
#define LWIP_STATS_DISPLAY 0

/* Misc: lwiperf uses the raw API; no DNS (numeric addresses only). */
#define LWIP_DNS            0
#define LWIP_IGMP           0
#define LWIP_AUTOIP         0
#define LWIP_HAVE_LOOPIF    0
#define LWIP_NETIF_LOOPBACK 0

#endif
