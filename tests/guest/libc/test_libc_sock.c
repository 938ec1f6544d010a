/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The libc socket suite (test=libc-sock, CONFIG_LIBC + CONFIG_LWIP), against dom0's real
 * tools (the dom0 lines of tests/boot/libc-sock.cfg): misuse and options first, then a
 * dual-stack TCP echo server whose poll() loop watches the listening socket, its
 * connections and the console at once (dom0 runs three socat clients over IPv4 and types
 * a console line), then the client side
 * (test_libc_sock_client.c) against dom0's socat servers. dom0's verdicts become test
 * lines at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include "../test.h"
#include "helpers.h"
#include "libc_tests.h"
#include "sock_tests.h"

#define ECHO_PORT    9000
#define ECHO_CLIENTS 3
#define ECHO_WAIT_MS 180000

/* errno of a call that must fail, or 0 if it succeeded. */
#define FAILS_WITH(call) ((call) < 0 ? errno : 0)

int sock_tcp_bound(int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    int s = socket(AF_INET, SOCK_STREAM, 0);

    if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) < 0) {
        close(s);
        return -1;
    }
    return s;
}

static void test_misuse(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(9999)};
    char b[4] = "abc";
    int opt = 1, s, u;
    socklen_t len = sizeof(a);

    test_check("libc_sock_ebadf",
               FAILS_WITH(send(99, b, 1, 0)) == EBADF && FAILS_WITH(recv(-1, b, 1, 0)) == EBADF &&
                   FAILS_WITH(listen(98, 1)) == EBADF &&
                   FAILS_WITH(bind(97, (struct sockaddr *)&a, sizeof(a))) == EBADF,
               "send/recv/listen/bind on bad descriptors");
    test_check(
        "libc_sock_enotsock",
        FAILS_WITH(listen(1, 1)) == ENOTSOCK && FAILS_WITH(accept(0, NULL, NULL)) == ENOTSOCK &&
            FAILS_WITH(connect(2, (struct sockaddr *)&a, sizeof(a))) == ENOTSOCK &&
            FAILS_WITH(setsockopt(1, SOL_SOCKET, SO_REUSEADDR, &opt, sizeof(opt))) == ENOTSOCK &&
            FAILS_WITH(getsockname(1, (struct sockaddr *)&a, &len)) == ENOTSOCK,
        "socket calls on the console");
    test_check("libc_sock_bad_socket",
               FAILS_WITH(socket(AF_UNIX, SOCK_STREAM, 0)) == EAFNOSUPPORT &&
                   FAILS_WITH(socket(AF_INET, SOCK_RAW, 0)) == EPROTONOSUPPORT &&
                   FAILS_WITH(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)) == EPROTONOSUPPORT,
               "AF_UNIX, SOCK_RAW, TCP with IPPROTO_UDP");
    s = socket(AF_INET, SOCK_STREAM, 0);
    u = socket(AF_INET, SOCK_DGRAM, 0);
    test_check("libc_sock_state_errors",
               s >= 0 && u >= 0 && FAILS_WITH(accept(s, NULL, NULL)) == EINVAL &&
                   FAILS_WITH(recv(s, b, 1, 0)) == ENOTCONN &&
                   FAILS_WITH(getpeername(s, (struct sockaddr *)&a, &len)) == ENOTCONN &&
                   FAILS_WITH(send(u, b, 1, 0)) == EDESTADDRREQ &&
                   FAILS_WITH(listen(u, 1)) == EOPNOTSUPP &&
                   FAILS_WITH(shutdown(s, SHUT_RDWR)) == ENOTCONN,
               "accept unlistened, recv/getpeername/shutdown unconnected, UDP send/listen");
    close(s);
    test_check("libc_sock_closed_ebadf", FAILS_WITH(listen(s, 1)) == EBADF, "after close");
    close(u);
}

static int get_int(int s, int level, int name)
{
    int v = -1;
    socklen_t len = sizeof(v);

    return getsockopt(s, level, name, &v, &len) < 0 ? -1 : v;
}

static void test_options(void)
{
    struct timeval tv = {0, 250000}, got = {0};
    socklen_t len = sizeof(got);
    int s = socket(AF_INET, SOCK_STREAM, 0), one = 1, lin[2] = {1, 0};
    struct stat st;

    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &got, &len);
    test_check(
        "libc_sock_options",
        get_int(s, SOL_SOCKET, SO_REUSEADDR) == 1 && get_int(s, IPPROTO_TCP, TCP_NODELAY) == 1 &&
            get_int(s, SOL_SOCKET, SO_TYPE) == SOCK_STREAM &&
            get_int(s, SOL_SOCKET, SO_DOMAIN) == AF_INET && get_int(s, SOL_SOCKET, SO_ERROR) == 0 &&
            got.tv_usec == 250000 && len == sizeof(got),
        "reuse %d nodelay %d type %d rcvtimeo %ld us", get_int(s, SOL_SOCKET, SO_REUSEADDR),
        get_int(s, IPPROTO_TCP, TCP_NODELAY), get_int(s, SOL_SOCKET, SO_TYPE), (long)got.tv_usec);
    test_check("libc_sock_enoprotoopt",
               FAILS_WITH(setsockopt(s, SOL_SOCKET, SO_LINGER, lin, sizeof(lin))) == ENOPROTOOPT &&
                   get_int(s, SOL_SOCKET, SO_RCVBUF) == -1 && errno == ENOPROTOOPT &&
                   get_int(s, IPPROTO_IP, 1) == -1 && errno == ENOPROTOOPT,
               "SO_LINGER, SO_RCVBUF, IP level");
    fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK);
    test_check("libc_sock_fd",
               (fcntl(s, F_GETFL) & O_NONBLOCK) && fstat(s, &st) == 0 && S_ISSOCK(st.st_mode) &&
                   !isatty(s),
               "fcntl O_NONBLOCK, fstat S_ISSOCK");
    close(s);
}

static void test_addrinuse(void)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    int s1 = sock_tcp_bound(9001), s2 = socket(AF_INET, SOCK_STREAM, 0), s3, e;
    struct sockaddr_in same = {.sin_family = AF_INET, .sin_port = htons(9001)};

    listen(s1, 4);
    e = FAILS_WITH(bind(s2, (struct sockaddr *)&same, sizeof(same)));
    getsockname(s1, (struct sockaddr *)&a, &len);
    test_check("libc_sock_eaddrinuse", s1 >= 0 && e == EADDRINUSE && ntohs(a.sin_port) == 9001,
               "second bind: %s; first bound to port %u", strerror(e), ntohs(a.sin_port));
    fcntl(s1, F_SETFL, O_NONBLOCK);
    e = FAILS_WITH(accept(s1, NULL, NULL));
    test_check("libc_sock_accept_eagain", e == EAGAIN, "%s", strerror(e));
    close(s1);
    s3 = sock_tcp_bound(9001);
    test_check("libc_sock_rebind_after_close", s3 >= 0, "%s", s3 < 0 ? strerror(errno) : "ok");
    close(s3);
    close(s2);
    /* listen() on an unbound socket takes an ephemeral port, as on Linux. */
    s1 = socket(AF_INET6, SOCK_STREAM, 0);
    len = sizeof(struct sockaddr_in6);
    struct sockaddr_in6 a6 = {0};

    e = FAILS_WITH(listen(s1, 1));
    getsockname(s1, (struct sockaddr *)&a6, &len);
    test_check("libc_sock_ephemeral_v6", e == 0 && a6.sin6_family == AF_INET6 && a6.sin6_port,
               "%s, port %u", strerror(e), ntohs(a6.sin6_port));
    close(s1);
}

struct echo_state {
    struct pollfd p[2 + ECHO_CLIENTS];
    unsigned int conns, served, accepted_from_dom0;
    unsigned long bytes;
    bool console_line;
};

/* One connection's turn: echo what arrived; drop it at the end. */
static void echo_conn(struct echo_state *e, unsigned int i)
{
    char buf[4096];
    ssize_t n = recv(e->p[i].fd, buf, sizeof(buf), 0);

    for (ssize_t off = 0; n > 0 && off < n;) {
        ssize_t w = send(e->p[i].fd, buf + off, n - off, 0);

        if (w <= 0) {
            n = -1;
            break;
        }
        off += w;
    }
    if (n > 0) {
        e->bytes += n;
        return;
    }
    if (n < 0 && errno == EAGAIN)
        return;
    if (n == 0)
        e->served++;
    close(e->p[i].fd);
    e->p[i] = e->p[2 + --e->conns];
}

/* The listener is IPv6 and dual-stack: dom0's IPv4 clients appear as ::ffff:10.0.0.1. */
static void echo_accept(struct echo_state *e, int l)
{
    struct sockaddr_in6 peer;
    socklen_t len = sizeof(peer);
    int c = accept(l, (struct sockaddr *)&peer, &len);
    char a[INET6_ADDRSTRLEN];

    if (c < 0)
        return;
    inet_ntop(AF_INET6, &peer.sin6_addr, a, sizeof(a));
    if (peer.sin6_family == AF_INET6 && !strcmp(a, "::ffff:10.0.0.1") && len == sizeof(peer))
        e->accepted_from_dom0++;
    else
        printf("libc-sock: accepted %s (family %d, len %u)\n", a, peer.sin6_family, (unsigned)len);
    if (e->conns == ECHO_CLIENTS) {
        close(c);
        return;
    }
    e->p[2 + e->conns++] = (struct pollfd){.fd = c, .events = POLLIN};
}

static void test_echo_server(void)
{
    struct echo_state e = {.p = {{.fd = 0, .events = POLLIN}, {.events = POLLIN}}};
    uint64_t t0 = test_libc_now_ms();
    struct sockaddr_in6 any = {.sin6_family = AF_INET6, .sin6_port = htons(ECHO_PORT)};
    int l = socket(AF_INET6, SOCK_STREAM, 0);

    bind(l, (struct sockaddr *)&any, sizeof(any));
    listen(l, ECHO_CLIENTS);
    fcntl(l, F_SETFL, O_NONBLOCK);
    e.p[1].fd = l;
    test_xenstore_write("data/net-ready", "1");
    while ((e.served < ECHO_CLIENTS || !e.console_line) && test_libc_now_ms() - t0 < ECHO_WAIT_MS) {
        char line[128];

        if (poll(e.p, 2 + e.conns, 1000) <= 0)
            continue;
        if (e.p[0].revents & POLLIN) {
            ssize_t n = read(0, line, sizeof(line) - 1);

            line[n > 0 ? n : 0] = '\0';
            e.console_line |= strstr(line, "sock-console") != NULL;
        }
        if (e.p[1].revents & POLLIN)
            echo_accept(&e, l);
        for (unsigned int i = 2 + e.conns; i-- > 2;)
            if (e.p[i].revents)
                echo_conn(&e, i);
    }
    test_check("libc_sock_poll_server",
               e.served == ECHO_CLIENTS && e.accepted_from_dom0 == e.served,
               "%u connections from ::ffff:10.0.0.1 (dual-stack) served, %lu bytes echoed",
               e.served, e.bytes);
    test_check("libc_sock_poll_console", e.console_line, "a console line read in the same poll()");
    close(l);
}

void suite_libc_sock(void)
{
    char ip[48], server[48], server6[48] = "";
    int rc;

    if (!IS_ENABLED(CONFIG_LWIP)) {
        test_report("libc_sock", TEST_SKIP, "built without CONFIG_LWIP");
        return;
    }
    test_misuse();
    test_options();
    test_addrinuse();
    rc = test_net_up(ip, sizeof(ip));
    if (!test_check("libc_sock_net_up", rc == 0, "%s (%d)", rc ? "no address" : ip, rc))
        return;
    test_echo_server();
    rc = -1;
    for (int i = 0; i < 120 && rc < 0; i++) {
        rc = test_xenstore_read("data/sock/server", server, sizeof(server));
        if (rc < 0)
            usleep(500000);
    }
    if (rc > 0 && test_xenstore_read("data/sock/server6", server6, sizeof(server6)) < 0)
        server6[0] = '\0';
    if (test_check("libc_sock_dom0_servers", rc > 0, "data/sock/server: %d", rc))
        test_libc_sock_client(server, server6, ip);
    test_xenstore_write("data/sock/done", "1");
    for (int i = 0; i < 120 && test_xenstore_read("data/net-done", ip, sizeof(ip)) < 0; i++)
        usleep(500000);
    test_report_dom0_results();
}
