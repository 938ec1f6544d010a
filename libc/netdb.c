/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * getaddrinfo/getnameinfo for numeric hosts and ports: there is no resolver (lwIP is built
 * without DNS), so a host that is not an address gives EAI_NONAME. With no host, AI_PASSIVE
 * gives the wildcard addresses and otherwise loopback, IPv4 first (what most programs bind
 * or connect to first). Pure code over the standard headers: tests/unit runs it on the host.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define KNOWN_FLAGS                                                                      \
    (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG | \
     AI_NUMERICSERV)

/* One answer: an address of family af (4 or 16 bytes in addr), for every socket type asked. */
struct gai_want {
    int flags, socktype, protocol;
    uint16_t port; /* network order */
    uint32_t scope;
    const char *canon;
};

/* A decimal port 0-65535: 0 and *port (network order), or an EAI_* error. */
static int parse_service(const char *serv, int flags, uint16_t *port)
{
    char *end;
    unsigned long v;

    *port = 0;
    if (!serv)
        return 0;
    if (*serv < '0' || *serv > '9')
        return flags & AI_NUMERICSERV ? EAI_NONAME : EAI_SERVICE; /* no services database */
    v = strtoul(serv, &end, 10);
    if (*end || v > 65535)
        return EAI_SERVICE;
    *port = htons((uint16_t)v);
    return 0;
}

/* An address with an optional "%N" numeric zone (IPv6): family and bytes, or 0. */
static int parse_host(const char *node, uint8_t addr[16], uint32_t *scope)
{
    char buf[INET6_ADDRSTRLEN];
    const char *pct = strchr(node, '%');
    struct in_addr a4;

    *scope = 0;
    if (inet_pton(AF_INET, node, addr) == 1)
        return AF_INET;
    if (inet_aton(node, &a4) && !strpbrk(node, " \t\n")) {
        memcpy(addr, &a4, 4); /* the BSD short forms, as glibc accepts them */
        return AF_INET;
    }
    if (pct) {
        char *end;

        if ((size_t)(pct - node) >= sizeof(buf) || pct[1] < '0' || pct[1] > '9')
            return 0;
        *scope = (uint32_t)strtoul(pct + 1, &end, 10);
        if (*end)
            return 0;
        memcpy(buf, node, (size_t)(pct - node));
        buf[pct - node] = '\0';
        node = buf;
    }
    return inet_pton(AF_INET6, node, addr) == 1 ? AF_INET6 : 0;
}

static struct addrinfo *new_ai(int af, const uint8_t *addr, int socktype, int protocol,
                               const struct gai_want *w)
{
    size_t salen = af == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    struct addrinfo *ai = calloc(1, sizeof(*ai) + sizeof(struct sockaddr_in6));

    if (!ai)
        return NULL;
    ai->ai_family = af;
    ai->ai_socktype = socktype;
    ai->ai_protocol = protocol;
    ai->ai_addrlen = (socklen_t)salen;
    ai->ai_addr = (struct sockaddr *)(ai + 1);
    if (af == AF_INET) {
        struct sockaddr_in *sin = (struct sockaddr_in *)ai->ai_addr;

        sin->sin_family = AF_INET;
        sin->sin_port = w->port;
        memcpy(&sin->sin_addr, addr, 4);
    } else {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ai->ai_addr;

        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = w->port;
        sin6->sin6_scope_id = w->scope;
        memcpy(&sin6->sin6_addr, addr, 16);
    }
    return ai;
}

/* Append one entry per socket type for the address: 0 or EAI_MEMORY. */
static int add_addr(struct addrinfo ***tail, int af, const uint8_t *addr, const struct gai_want *w)
{
    static const int types[][2] = {{SOCK_STREAM, IPPROTO_TCP}, {SOCK_DGRAM, IPPROTO_UDP}};

    for (unsigned int i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        struct addrinfo *ai;

        if (w->socktype && w->socktype != types[i][0])
            continue;
        if (w->protocol && w->protocol != types[i][1])
            continue;
        ai = new_ai(af, addr, types[i][0], types[i][1], w);
        if (!ai)
            return EAI_MEMORY;
        **tail = ai;
        *tail = &ai->ai_next;
    }
    return 0;
}

static int check_hints(const struct addrinfo *h)
{
    if (h->ai_flags & ~KNOWN_FLAGS)
        return EAI_BADFLAGS;
    if (h->ai_family != AF_UNSPEC && h->ai_family != AF_INET && h->ai_family != AF_INET6)
        return EAI_FAMILY;
    if (h->ai_socktype != 0 && h->ai_socktype != SOCK_STREAM && h->ai_socktype != SOCK_DGRAM)
        return EAI_SOCKTYPE;
    if ((h->ai_socktype == SOCK_STREAM && h->ai_protocol && h->ai_protocol != IPPROTO_TCP) ||
        (h->ai_socktype == SOCK_DGRAM && h->ai_protocol && h->ai_protocol != IPPROTO_UDP))
        return EAI_SOCKTYPE;
    return 0;
}

/* The addresses to answer with, into list: 0 or EAI_*. */
static int collect(const char *node, int family, struct gai_want *w, struct addrinfo **list)
{
    static const uint8_t any[16], lo4[4] = {127, 0, 0, 1}, lo6[16] = {[15] = 1};
    struct addrinfo **tail = list;
    uint8_t addr[16];
    int af, rc = 0;

    if (!node) {
        bool passive = w->flags & AI_PASSIVE;

        if (family != AF_INET6)
            rc = add_addr(&tail, AF_INET, passive ? any : lo4, w);
        if (!rc && family != AF_INET)
            rc = add_addr(&tail, AF_INET6, passive ? any : lo6, w);
        return rc;
    }
    af = parse_host(node, addr, &w->scope);
    if (!af || (family != AF_UNSPEC && family != af))
        return EAI_NONAME; /* a name (no resolver), or an address of the other family */
    return add_addr(&tail, af, addr, w);
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                struct addrinfo **res)
{
    static const struct addrinfo none = {0};
    const struct addrinfo *h = hints ? hints : &none;
    struct gai_want w = {
        .flags = h->ai_flags, .socktype = h->ai_socktype, .protocol = h->ai_protocol};
    struct addrinfo *list = NULL;
    int rc = check_hints(h);

    *res = NULL;
    if (rc)
        return rc;
    if (!node && !service)
        return EAI_NONAME;
    rc = parse_service(service, h->ai_flags, &w.port);
    if (!rc)
        rc = collect(node, h->ai_family, &w, &list);
    if (!rc && list && (h->ai_flags & AI_CANONNAME) && node) {
        list->ai_canonname = strdup(node); /* numeric: the name is the address itself */
        if (!list->ai_canonname)
            rc = EAI_MEMORY;
    }
    if (rc) {
        freeaddrinfo(list);
        return rc;
    }
    *res = list;
    return 0;
}

void freeaddrinfo(struct addrinfo *res)
{
    while (res) {
        struct addrinfo *next = res->ai_next;

        free(res->ai_canonname);
        free(res);
        res = next;
    }
}

const char *gai_strerror(int err)
{
    switch (err) {
    case 0:
        return "Success";
    case EAI_BADFLAGS:
        return "Bad value for ai_flags";
    case EAI_NONAME:
        return "Name or service not known";
    case EAI_AGAIN:
        return "Temporary failure in name resolution";
    case EAI_FAIL:
        return "Non-recoverable failure in name resolution";
    case EAI_FAMILY:
        return "ai_family not supported";
    case EAI_SOCKTYPE:
        return "ai_socktype not supported";
    case EAI_SERVICE:
        return "Servname not supported for ai_socktype";
    case EAI_MEMORY:
        return "Memory allocation failure";
    case EAI_SYSTEM:
        return "System error";
    case EAI_OVERFLOW:
        return "Argument buffer overflow";
    default:
        return "Unknown error";
    }
}

int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
                char *serv, socklen_t servlen, int flags)
{
    const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
    const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;
    uint16_t port;

    if (sa->sa_family == AF_INET && salen >= sizeof(*sin))
        port = sin->sin_port;
    else if (sa->sa_family == AF_INET6 && salen >= sizeof(*sin6))
        port = sin6->sin6_port;
    else
        return EAI_FAMILY;
    if (host && hostlen) {
        const void *a = sa->sa_family == AF_INET ? (const void *)&sin->sin_addr
                                                 : (const void *)&sin6->sin6_addr;

        if (flags & NI_NAMEREQD)
            return EAI_NONAME;
        if (!inet_ntop(sa->sa_family, a, host, hostlen))
            return EAI_OVERFLOW;
        if (sa->sa_family == AF_INET6 && sin6->sin6_scope_id) {
            size_t n = strlen(host);

            if ((size_t)snprintf(host + n, hostlen - n, "%%%u", (unsigned)sin6->sin6_scope_id) >=
                hostlen - n)
                return EAI_OVERFLOW;
        }
    }
    if (serv && servlen && (size_t)snprintf(serv, servlen, "%u", ntohs(port)) >= servlen)
        return EAI_OVERFLOW;
    return 0;
}
