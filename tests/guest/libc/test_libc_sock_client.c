/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The client half of the libc socket suite, against dom0's socat servers: a TCP echo
 * (9100) reached through getaddrinfo, and over IPv6 (9101), blocking and non-blocking
 * connects, ECONNREFUSED from a closed port (9199) both ways, receive and poll/select
 * timeouts on a quiet connection, shutdown (also waking another thread's recv), and UDP
 * sendto/recvfrom through dom0's UDP echo (9200).
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>
#include "../test.h"
#include "../../../libc/kernapi.h"
#include "libc_tests.h"
#include "sock_tests.h"

#define TCP_ECHO   "9100"
#define UDP_ECHO   9200
#define CLOSED     9199
#define ECHO_BYTES (96 * 1024)
#define CHUNK      4096

static struct sockaddr_in addr_of(const char *ip, int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};

    inet_pton(AF_INET, ip, &a.sin_addr);
    return a;
}

/* ECHO_BYTES through dom0's echo, a chunk at a time, each compared: bytes matched. */
static long echo_through(int s)
{
    static unsigned char out[CHUNK], in[CHUNK];
    long total = 0;

    for (unsigned int seq = 0; total < ECHO_BYTES; seq++) {
        for (int i = 0; i < CHUNK; i++)
            out[i] = (unsigned char)(i * 7 + seq);
        if (send(s, out, CHUNK, 0) != CHUNK)
            return -1;
        /* MSG_WAITALL: the chunk may come back in several segments. */
        if (recv(s, in, CHUNK, MSG_WAITALL) != CHUNK || memcmp(in, out, CHUNK))
            return -2;
        total += CHUNK;
    }
    return total;
}

struct poller {
    int fd;
    int n;
    short revents;
    uint64_t ms;
};

static void poll_thread(void *arg)
{
    struct poller *p = arg;
    struct pollfd pf = {.fd = p->fd, .events = POLLIN};
    uint64_t t0 = test_libc_now_ms();

    p->n = poll(&pf, 1, 10000);
    p->revents = pf.revents;
    p->ms = test_libc_now_ms() - t0;
}

/*
 * Another thread sleeps in poll() on the socket; this one sends a byte that dom0 echoes:
 * the arrival must wake that thread long before its 10 s timeout.
 */
static void check_poll_other_thread(int s)
{
    struct poller p = {.fd = s, .n = -1};
    struct thread *t = kthread_create("sock-poller", poll_thread, &p);
    char c = 'p';

    if (!t) {
        test_report("libc_sock_poll_thread", TEST_FAIL, "no thread");
        return;
    }
    usleep(200000); /* it is now asleep in poll() */
    send(s, &c, 1, 0);
    kthread_join(t);
    test_check("libc_sock_poll_thread", p.n == 1 && (p.revents & POLLIN) && p.ms < 9000,
               "n %d revents %#x after %llu ms; read back '%c'", p.n, p.revents,
               (unsigned long long)p.ms, recv(s, &c, 1, 0) == 1 ? c : '?');
}

static void check_quiet_timeouts(int s)
{
    struct timeval tv = {0, 300000};
    struct pollfd p = {.fd = s, .events = POLLIN};
    uint64_t t0 = test_libc_now_ms(), ms;
    fd_set r;
    char c;
    int e, n;

    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    e = recv(s, &c, 1, 0) < 0 ? errno : 0;
    ms = test_libc_now_ms() - t0;
    test_check("libc_sock_rcvtimeo", e == EAGAIN && ms >= 290 && ms < 3000, "%s after %llu ms",
               strerror(e), (unsigned long long)ms);
    t0 = test_libc_now_ms();
    n = poll(&p, 1, 200);
    ms = test_libc_now_ms() - t0;
    test_check("libc_sock_poll_timeout", n == 0 && ms >= 200 && ms < 3000, "n %d after %llu ms", n,
               (unsigned long long)ms);
    /* select() over the console and the socket: neither is readable. */
    FD_ZERO(&r);
    FD_SET(0, &r);
    FD_SET(s, &r);
    tv = (struct timeval){0, 150000};
    t0 = test_libc_now_ms();
    n = select(s + 1, &r, NULL, NULL, &tv);
    ms = test_libc_now_ms() - t0;
    test_check("libc_sock_select_timeout", n == 0 && ms >= 150 && ms < 3000, "n %d after %llu ms",
               n, (unsigned long long)ms);
}

static void test_tcp_client(const char *server, const char *our_ip)
{
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *ai = NULL;
    struct sockaddr_in local, peer;
    socklen_t llen = sizeof(local), plen = sizeof(peer);
    char la[INET_ADDRSTRLEN] = "", c;
    int rc = getaddrinfo(server, TCP_ECHO, &hints, &ai), s = -1, e;
    long got;

    if (!test_check("libc_sock_getaddrinfo", rc == 0, "%s", gai_strerror(rc)))
        return;
    s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    e = connect(s, ai->ai_addr, ai->ai_addrlen) < 0 ? errno : 0;
    freeaddrinfo(ai);
    getsockname(s, (struct sockaddr *)&local, &llen);
    getpeername(s, (struct sockaddr *)&peer, &plen);
    inet_ntop(AF_INET, &local.sin_addr, la, sizeof(la));
    test_check("libc_sock_connect", e == 0 && !strcmp(la, our_ip) && ntohs(peer.sin_port) == 9100,
               "%s, local %s:%u", strerror(e), la, ntohs(local.sin_port));
    got = echo_through(s);
    test_check("libc_sock_tcp_client_echo", got == ECHO_BYTES, "%ld of %d bytes back intact", got,
               ECHO_BYTES);
    check_poll_other_thread(s);
    check_quiet_timeouts(s);
    /* Our FIN makes socat PIPE end too: its FIN is our end of stream. */
    e = shutdown(s, SHUT_WR) < 0 ? errno : 0;
    struct timeval tv = {5, 0};

    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    rc = recv(s, &c, 1, 0);
    test_check("libc_sock_shutdown",
               e == 0 && rc == 0 && (send(s, &c, 1, 0) < 0 ? errno : 0) == EPIPE,
               "shutdown %s, recv %d", strerror(e), rc);
    close(s);
}

struct reader {
    int fd;
    long got;
    bool done;
};

static void reader_thread(void *arg)
{
    struct reader *r = arg;
    char c;

    r->got = recv(r->fd, &c, 1, 0);
    r->done = true;
}

/*
 * Another thread sleeps in recv() on a quiet connection; shutdown(SHUT_RD) from this one
 * must wake it with end of stream (0), as on Linux. A reader that stays asleep is left
 * behind (static state, never joined) so that the suite still ends.
 */
static void check_shutdown_wakes_reader(const char *server)
{
    static struct reader r;
    struct sockaddr_in a = addr_of(server, atoi(TCP_ECHO));
    struct thread *t;
    int e, waited = 0;

    r = (struct reader){.fd = socket(AF_INET, SOCK_STREAM, 0), .got = -1};
    if (connect(r.fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
        !(t = kthread_create("sock-reader", reader_thread, &r))) {
        test_report("libc_sock_shutdown_wakes_reader", TEST_FAIL, "connect/thread: %s",
                    strerror(errno));
        close(r.fd);
        return;
    }
    usleep(200000); /* it is now asleep in recv() */
    e = shutdown(r.fd, SHUT_RD) < 0 ? errno : 0;
    while (!r.done && waited++ < 50)
        usleep(100000);
    test_check("libc_sock_shutdown_wakes_reader", e == 0 && r.done && r.got == 0,
               "shutdown %s; reader %s, recv gave %ld", strerror(e),
               r.done ? "woke" : "still asleep after 5 s", r.got);
    if (r.done)
        kthread_join(t);
    close(r.fd);
}

/* A non-blocking connect to port; poll for POLLOUT; the SO_ERROR it ends with. */
static int nonblocking_connect(const char *server, int port, short *revents, int *first)
{
    struct sockaddr_in a = addr_of(server, port);
    struct pollfd p = {.events = POLLOUT};
    int err = -1;
    socklen_t len = sizeof(err);

    p.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    *first = connect(p.fd, (struct sockaddr *)&a, sizeof(a)) < 0 ? errno : 0;
    poll(&p, 1, 10000);
    *revents = p.revents;
    getsockopt(p.fd, SOL_SOCKET, SO_ERROR, &err, &len);
    close(p.fd);
    return err;
}

static void test_connect_errors(const char *server)
{
    struct sockaddr_in a = addr_of(server, CLOSED);
    int s = socket(AF_INET, SOCK_STREAM, 0), e, first;
    short rev;

    e = connect(s, (struct sockaddr *)&a, sizeof(a)) < 0 ? errno : 0;
    test_check("libc_sock_econnrefused", e == ECONNREFUSED, "blocking connect: %s", strerror(e));
    close(s);
    e = nonblocking_connect(server, 9100, &rev, &first);
    test_check("libc_sock_nonblock_connect", first == EINPROGRESS && (rev & POLLOUT) && e == 0,
               "connect %s, revents %#x, SO_ERROR %s", strerror(first), rev, strerror(e));
    e = nonblocking_connect(server, CLOSED, &rev, &first);
    test_check("libc_sock_nonblock_refused",
               first == EINPROGRESS && (rev & (POLLERR | POLLHUP)) && e == ECONNREFUSED,
               "connect %s, revents %#x, SO_ERROR %s", strerror(first), rev, strerror(e));
}

/*
 * IPv6 to dom0's link-local address (socat TCP6-LISTEN on 9101): as on Linux, a link-local
 * destination needs its zone, the interface index; our first vif is lwIP's netif 1.
 */
static void test_tcp6_client(const char *server6)
{
    struct addrinfo hints = {.ai_family = AF_INET6, .ai_socktype = SOCK_STREAM}, *ai = NULL;
    struct sockaddr_in6 peer = {0};
    socklen_t plen = sizeof(peer);
    char host[INET6_ADDRSTRLEN + 8], pa[INET6_ADDRSTRLEN] = "", got[16] = "";
    int rc, s = -1, e = -1;
    ssize_t n = -1;

    snprintf(host, sizeof(host), "%s%%1", server6);
    rc = getaddrinfo(host, "9101", &hints, &ai);
    if (rc == 0) {
        s = socket(AF_INET6, SOCK_STREAM, 0);
        e = connect(s, ai->ai_addr, ai->ai_addrlen) < 0 ? errno : 0;
        freeaddrinfo(ai);
    }
    if (e == 0 && send(s, "v6-hello", 8, 0) == 8)
        n = recv(s, got, 8, MSG_WAITALL);
    getpeername(s, (struct sockaddr *)&peer, &plen);
    inet_ntop(AF_INET6, &peer.sin6_addr, pa, sizeof(pa));
    test_check("libc_sock_tcp6_client",
               rc == 0 && e == 0 && n == 8 && !memcmp(got, "v6-hello", 8) && !strcmp(pa, server6) &&
                   ntohs(peer.sin6_port) == 9101 && peer.sin6_scope_id == 1,
               "%s: %s, %s, got %zd bytes, peer %s%%%u port %u", host, gai_strerror(rc),
               strerror(e), n, pa, (unsigned)peer.sin6_scope_id, ntohs(peer.sin6_port));
    close(s);
}

static void test_udp(const char *server)
{
    struct sockaddr_in to = addr_of(server, UDP_ECHO), from;
    struct timeval tv = {2, 0};
    char msg[64], got[64] = "", fa[INET_ADDRSTRLEN] = "";
    int s = socket(AF_INET, SOCK_DGRAM, 0), tries = 0;
    ssize_t n = -1;

    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    snprintf(msg, sizeof(msg), "udp-echo-%u", (unsigned)test_libc_now_ms());
    /* The first datagram may wait for ARP; retry a few times like any UDP client. */
    while (n < 0 && tries++ < 4) {
        socklen_t flen = sizeof(from);

        if (sendto(s, msg, strlen(msg), 0, (struct sockaddr *)&to, sizeof(to)) !=
            (ssize_t)strlen(msg))
            break;
        n = recvfrom(s, got, sizeof(got) - 1, 0, (struct sockaddr *)&from, &flen);
    }
    if (n >= 0)
        got[n] = '\0';
    inet_ntop(AF_INET, &from.sin_addr, fa, sizeof(fa));
    test_check("libc_sock_udp_echo",
               n == (ssize_t)strlen(msg) && !strcmp(got, msg) && !strcmp(fa, server) &&
                   ntohs(from.sin_port) == UDP_ECHO,
               "sent '%s' got '%s' from %s:%u after %d tries", msg, got, fa, ntohs(from.sin_port),
               tries);
    close(s);
}

void test_libc_sock_client(const char *server, const char *server6, const char *our_ip)
{
    test_tcp_client(server, our_ip);
    check_shutdown_wakes_reader(server);
    if (*server6)
        test_tcp6_client(server6);
    else
        test_report("libc_sock_tcp6_client", TEST_FAIL, "dom0 gave no IPv6 address");
    test_connect_errors(server);
    test_udp(server);
}
