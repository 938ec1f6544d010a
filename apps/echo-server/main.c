/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * echo-server: a TCP echo server written as for any POSIX system: getaddrinfo for the
 * wildcard address, one poll() over the listening socket, every connection and the
 * console. Lines typed on the console are printed; "quit" ends it with exit status 0.
 * Usage (xl extra): [PORT] (default 7777).
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
#include <sys/socket.h>

#define MAX_CONNS 16

static struct pollfd fds[2 + MAX_CONNS];
static unsigned int nconns;
static unsigned long served, bytes;

static int listen_on(const char *port)
{
    struct addrinfo hints = {.ai_flags = AI_PASSIVE, .ai_socktype = SOCK_STREAM}, *ai;
    int rc = getaddrinfo(NULL, port, &hints, &ai), s, one = 1;

    if (rc) {
        fprintf(stderr, "echo-server: %s: %s\n", port, gai_strerror(rc));
        return -1;
    }
    s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        bind(s, ai->ai_addr, ai->ai_addrlen) < 0 || listen(s, 8) < 0) {
        perror("echo-server: listen");
        s = -1;
    }
    freeaddrinfo(ai);
    return s;
}

static void new_conn(int l)
{
    struct sockaddr_storage peer;
    socklen_t len = sizeof(peer);
    char host[NI_MAXHOST] = "?", serv[NI_MAXSERV] = "?";
    int c = accept(l, (struct sockaddr *)&peer, &len);

    if (c < 0)
        return;
    getnameinfo((struct sockaddr *)&peer, len, host, sizeof(host), serv, sizeof(serv),
                NI_NUMERICHOST | NI_NUMERICSERV);
    printf("echo-server: connection from %s:%s\n", host, serv);
    if (nconns == MAX_CONNS) {
        close(c);
        return;
    }
    fds[2 + nconns++] = (struct pollfd){.fd = c, .events = POLLIN};
}

/* Echo what arrived on connection i (blocking writes); close it at its end. */
static void echo(unsigned int i)
{
    char buf[8192];
    ssize_t n = read(fds[i].fd, buf, sizeof(buf)), off = 0;

    while (n > 0 && off < n) {
        ssize_t w = write(fds[i].fd, buf + off, n - off);

        if (w < 0) {
            n = -1;
            break;
        }
        off += w;
    }
    if (n > 0) {
        bytes += n;
        return;
    }
    if (n < 0)
        perror("echo-server: connection");
    served++;
    close(fds[i].fd);
    fds[i] = fds[2 + --nconns];
}

/* A console line: printed; false for "quit". */
static int console_line(void)
{
    char line[256];

    if (!fgets(line, sizeof(line), stdin))
        return 0;
    line[strcspn(line, "\r\n")] = '\0';
    printf("echo-server: console: %s\n", line);
    return strcmp(line, "quit") != 0;
}

int main(int argc, char **argv)
{
    const char *port = argc > 1 ? argv[1] : "7777";
    int l = listen_on(port), running = 1;

    if (l < 0)
        return 1;
    printf("echo-server: listening on TCP port %s; type quit to stop\n", port);
    fds[0] = (struct pollfd){.fd = 0, .events = POLLIN};
    fds[1] = (struct pollfd){.fd = l, .events = POLLIN};
    while (running) {
        fflush(stdout);
        if (poll(fds, 2 + nconns, -1) < 0) {
            perror("echo-server: poll");
            return 1;
        }
        if (fds[0].revents & POLLIN)
            running = console_line();
        if (fds[1].revents & POLLIN)
            new_conn(l);
        for (unsigned int i = 2 + nconns; i-- > 2;)
            if (fds[i].revents)
                echo(i);
    }
    printf("echo-server: served %lu connections, echoed %lu bytes\n", served, bytes);
    close(l);
    return 0;
}
