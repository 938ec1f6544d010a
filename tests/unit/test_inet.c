/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libc/inet.c and libc/netdb.c (the guest's inet_pton/inet_ntop/getaddrinfo), built as
 * hosted C and compared with glibc's functions of the same names on the same inputs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

int kt_inet_pton(int af, const char *src, void *dst);
const char *kt_inet_ntop(int af, const void *src, char *dst, socklen_t size);
int kt_inet_aton(const char *cp, struct in_addr *inp);
in_addr_t kt_inet_addr(const char *cp);
int kt_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                   struct addrinfo **res);
void kt_freeaddrinfo(struct addrinfo *res);
const char *kt_gai_strerror(int err);
int kt_getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
                   char *serv, socklen_t servlen, int flags);

static const char *const v4_inputs[] = {
    "0.0.0.0",   "10.0.0.6", "255.255.255.255",  "1.2.3.4",  "256.1.1.1", "1.2.3",
    "1.2.3.4.5", "01.2.3.4", "1.2.3.04",         "1..2.3",   "",          ".1.2.3",
    "1.2.3.",    "a.b.c.d",  "1.2.3.4 ",         " 1.2.3.4", "0x1.2.3.4", "192.168.000.1",
    "127.0.0.1", "1.2.3.-4", "4294967296.0.0.0",
};

static const char *const v6_inputs[] = {
    "::",
    "::1",
    "1::",
    "fe80::216:3eff:fe4c:5706",
    "2001:db8::1",
    "2001:DB8:0:0:0:0:0:1",
    "1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7",
    "1::2::3",
    ":1::2",
    "1::2:",
    ":::",
    "1:::2",
    "::ffff:1.2.3.4",
    "::1.2.3.4",
    "1:2:3:4:5:6:1.2.3.4",
    "1:2:3:4:5:6:7:1.2.3.4",
    "::ffff:256.1.1.1",
    "12345::",
    "g::",
    "::ffff:1.2.3",
    "1:2:3:4:5:6:7::",
    "::2:3:4:5:6:7:8",
    "0:0:0:0:0:0:0:0",
    "1:0:0:2:0:0:0:3",
    "",
    ":",
    "1.2.3.4",
    "::1.2.3.4:5",
    "fe80::1%1",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8",
};

static void compare_pton(int af, const char *in)
{
    unsigned char ours[16] = {0}, theirs[16] = {0};
    int a = kt_inet_pton(af, in, ours), b = inet_pton(af, in, theirs);

    ck_assert_msg(a == b, "inet_pton(%d, '%s'): ours %d, glibc %d", af, in, a, b);
    if (a == 1)
        ck_assert_msg(!memcmp(ours, theirs, af == AF_INET ? 4 : 16), "inet_pton('%s') bytes", in);
}

START_TEST(test_pton_like_glibc)
{
    for (size_t i = 0; i < ARRAY_SIZE(v4_inputs); i++) {
        compare_pton(AF_INET, v4_inputs[i]);
        compare_pton(AF_INET6, v4_inputs[i]);
    }
    for (size_t i = 0; i < ARRAY_SIZE(v6_inputs); i++) {
        compare_pton(AF_INET6, v6_inputs[i]);
        compare_pton(AF_INET, v6_inputs[i]);
    }
    errno = 0;
    ck_assert_int_eq(kt_inet_pton(12345, "1.2.3.4", NULL), -1);
    ck_assert_int_eq(errno, EAFNOSUPPORT);
}
END_TEST

static void compare_ntop6(const unsigned char a[16])
{
    char ours[INET6_ADDRSTRLEN], theirs[INET6_ADDRSTRLEN];

    ck_assert_ptr_nonnull(kt_inet_ntop(AF_INET6, a, ours, sizeof(ours)));
    ck_assert_ptr_nonnull(inet_ntop(AF_INET6, a, theirs, sizeof(theirs)));
    ck_assert_msg(!strcmp(ours, theirs), "ntop: ours '%s', glibc '%s'", ours, theirs);
}

/* Every pattern of zero and non-zero groups (2^8), then random addresses. */
START_TEST(test_ntop_like_glibc)
{
    unsigned char a[16];

    for (unsigned int mask = 0; mask < 256; mask++) {
        for (int g = 0; g < 8; g++) {
            a[2 * g] = (mask >> g) & 1 ? (unsigned char)(g * 17) : 0;
            a[2 * g + 1] = (mask >> g) & 1 ? 1 : 0;
        }
        compare_ntop6(a);
        a[10] = a[11] = 0xff; /* the IPv4-mapped shapes */
        compare_ntop6(a);
    }
    srand(42);
    for (int i = 0; i < 20000; i++) {
        for (int j = 0; j < 16; j++)
            a[j] = rand() % 3 ? 0 : (unsigned char)rand();
        compare_ntop6(a);
    }
}
END_TEST

START_TEST(test_ntop_v4_and_space)
{
    unsigned char a4[4] = {10, 0, 0, 255}, a6[16] = {0xfe, 0x80, [15] = 1};
    char buf[INET6_ADDRSTRLEN];

    ck_assert_str_eq(kt_inet_ntop(AF_INET, a4, buf, sizeof(buf)), "10.0.0.255");
    errno = 0;
    ck_assert_ptr_null(kt_inet_ntop(AF_INET, a4, buf, 10)); /* needs 11 with the NUL */
    ck_assert_int_eq(errno, ENOSPC);
    ck_assert_ptr_nonnull(kt_inet_ntop(AF_INET, a4, buf, 11));
    ck_assert_ptr_null(kt_inet_ntop(AF_INET6, a6, buf, 7)); /* "fe80::1" */
    ck_assert_str_eq(kt_inet_ntop(AF_INET6, a6, buf, 8), "fe80::1");
    errno = 0;
    ck_assert_ptr_null(kt_inet_ntop(99, a4, buf, sizeof(buf)));
    ck_assert_int_eq(errno, EAFNOSUPPORT);
}
END_TEST

START_TEST(test_aton_like_glibc)
{
    static const char *const in[] = {
        "1.2.3.4",          "127.1",      "10.65535",   "0x7f.1",    "017.1.1.1", "1.2.3.256",
        "1.2.65536",        "4294967295", "4294967296", "1.2.3.4.5", "",          "x",
        "1.2.3.4 trailing", "1.2.3.4x",   "09.1.1.1",   "0x",        "1.2..3"};

    for (size_t i = 0; i < ARRAY_SIZE(in); i++) {
        struct in_addr ours = {0}, theirs = {0};
        int a = kt_inet_aton(in[i], &ours), b = inet_aton(in[i], &theirs);

        ck_assert_msg(a == b, "inet_aton('%s'): ours %d, glibc %d", in[i], a, b);
        if (a)
            ck_assert_msg(ours.s_addr == theirs.s_addr, "inet_aton('%s') value", in[i]);
        ck_assert_msg(kt_inet_addr(in[i]) == inet_addr(in[i]), "inet_addr('%s')", in[i]);
    }
}
END_TEST

static struct addrinfo hints_of(int flags, int family, int socktype)
{
    struct addrinfo h = {.ai_flags = flags, .ai_family = family, .ai_socktype = socktype};

    return h;
}

START_TEST(test_gai_numeric_v4)
{
    struct addrinfo h = hints_of(AI_NUMERICHOST, AF_UNSPEC, SOCK_STREAM), *res;
    struct sockaddr_in *sin;

    ck_assert_int_eq(kt_getaddrinfo("10.0.0.6", "8080", &h, &res), 0);
    ck_assert_ptr_nonnull(res);
    ck_assert_ptr_null(res->ai_next);
    ck_assert_int_eq(res->ai_family, AF_INET);
    ck_assert_int_eq(res->ai_socktype, SOCK_STREAM);
    ck_assert_int_eq(res->ai_protocol, IPPROTO_TCP);
    ck_assert_int_eq(res->ai_addrlen, sizeof(struct sockaddr_in));
    sin = (struct sockaddr_in *)res->ai_addr;
    ck_assert_int_eq(sin->sin_family, AF_INET);
    ck_assert_int_eq(ntohs(sin->sin_port), 8080);
    ck_assert_int_eq(ntohl(sin->sin_addr.s_addr), 0x0a000006);
    kt_freeaddrinfo(res);
}
END_TEST

START_TEST(test_gai_numeric_v6_scope_and_types)
{
    struct addrinfo h = hints_of(0, AF_INET6, 0), *res;
    struct sockaddr_in6 *sin6;
    unsigned char want[16];

    ck_assert_int_eq(kt_getaddrinfo("fe80::1%2", "7", &h, &res), 0);
    /* No socket type asked: one stream and one datagram answer. */
    ck_assert_int_eq(res->ai_socktype, SOCK_STREAM);
    ck_assert_ptr_nonnull(res->ai_next);
    ck_assert_int_eq(res->ai_next->ai_socktype, SOCK_DGRAM);
    ck_assert_int_eq(res->ai_next->ai_protocol, IPPROTO_UDP);
    ck_assert_ptr_null(res->ai_next->ai_next);
    sin6 = (struct sockaddr_in6 *)res->ai_addr;
    inet_pton(AF_INET6, "fe80::1", want);
    ck_assert_int_eq(sin6->sin6_family, AF_INET6);
    ck_assert_int_eq(ntohs(sin6->sin6_port), 7);
    ck_assert_int_eq(sin6->sin6_scope_id, 2);
    ck_assert_mem_eq(&sin6->sin6_addr, want, 16);
    kt_freeaddrinfo(res);
}
END_TEST

START_TEST(test_gai_passive_and_loopback)
{
    struct addrinfo h = hints_of(AI_PASSIVE, AF_UNSPEC, SOCK_DGRAM), *res;
    struct sockaddr_in6 *sin6;
    struct sockaddr_in *sin;

    ck_assert_int_eq(kt_getaddrinfo(NULL, "5000", &h, &res), 0);
    sin = (struct sockaddr_in *)res->ai_addr;
    ck_assert_int_eq(res->ai_family, AF_INET);
    ck_assert_int_eq(sin->sin_addr.s_addr, htonl(INADDR_ANY));
    ck_assert_ptr_nonnull(res->ai_next);
    sin6 = (struct sockaddr_in6 *)res->ai_next->ai_addr;
    ck_assert_int_eq(res->ai_next->ai_family, AF_INET6);
    ck_assert(IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr));
    ck_assert_int_eq(ntohs(sin6->sin6_port), 5000);
    kt_freeaddrinfo(res);

    h = hints_of(0, AF_INET, SOCK_STREAM);
    ck_assert_int_eq(kt_getaddrinfo(NULL, "0", &h, &res), 0);
    sin = (struct sockaddr_in *)res->ai_addr;
    ck_assert_int_eq(sin->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    ck_assert_ptr_null(res->ai_next);
    kt_freeaddrinfo(res);
}
END_TEST

START_TEST(test_gai_errors)
{
    struct addrinfo h = hints_of(0, AF_UNSPEC, 0), *res = (struct addrinfo *)1;

    ck_assert_int_eq(kt_getaddrinfo("example.org", "80", &h, &res), EAI_NONAME);
    ck_assert_ptr_null(res);
    h.ai_flags = AI_NUMERICHOST;
    ck_assert_int_eq(kt_getaddrinfo("localhost", NULL, &h, &res), EAI_NONAME);
    ck_assert_int_eq(kt_getaddrinfo(NULL, NULL, &h, &res), EAI_NONAME);
    ck_assert_int_eq(kt_getaddrinfo("1.2.3.4", "65536", &h, &res), EAI_SERVICE);
    ck_assert_int_eq(kt_getaddrinfo("1.2.3.4", "80x", &h, &res), EAI_SERVICE);
    ck_assert_int_eq(kt_getaddrinfo("1.2.3.4", "http", &h, &res), EAI_SERVICE);
    h.ai_flags = AI_NUMERICSERV;
    ck_assert_int_eq(kt_getaddrinfo("1.2.3.4", "http", &h, &res), EAI_NONAME);
    h = hints_of(0, AF_INET6, 0);
    ck_assert_int_eq(kt_getaddrinfo("1.2.3.4", "80", &h, &res), EAI_NONAME);
    h = hints_of(0, 12345, 0);
    ck_assert_int_eq(kt_getaddrinfo("1.2.3.4", "80", &h, &res), EAI_FAMILY);
    h = hints_of(0, AF_INET, SOCK_RAW);
    ck_assert_int_eq(kt_getaddrinfo("1.2.3.4", "80", &h, &res), EAI_SOCKTYPE);
    h = hints_of(0x10000, AF_INET, 0);
    ck_assert_int_eq(kt_getaddrinfo("1.2.3.4", "80", &h, &res), EAI_BADFLAGS);
    /* The messages are glibc's for the codes both have. */
    ck_assert_str_eq(kt_gai_strerror(EAI_NONAME), gai_strerror(EAI_NONAME));
    ck_assert_str_eq(kt_gai_strerror(EAI_SERVICE), gai_strerror(EAI_SERVICE));
    ck_assert_str_eq(kt_gai_strerror(EAI_FAMILY), gai_strerror(EAI_FAMILY));
}
END_TEST

START_TEST(test_gai_canonname_and_nameinfo)
{
    struct addrinfo h = hints_of(AI_CANONNAME | AI_NUMERICHOST, AF_UNSPEC, SOCK_STREAM), *res;
    char host[NI_MAXHOST], serv[NI_MAXSERV];

    ck_assert_int_eq(kt_getaddrinfo("2001:db8::7", "443", &h, &res), 0);
    ck_assert_str_eq(res->ai_canonname, "2001:db8::7");
    ck_assert_int_eq(kt_getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof(host), serv,
                                    sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV),
                     0);
    ck_assert_str_eq(host, "2001:db8::7");
    ck_assert_str_eq(serv, "443");
    ck_assert_int_eq(kt_getnameinfo(res->ai_addr, res->ai_addrlen, host, 5, NULL, 0, 0),
                     EAI_OVERFLOW);
    ck_assert_int_eq(
        kt_getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof(host), NULL, 0, NI_NAMEREQD),
        EAI_NONAME);
    kt_freeaddrinfo(res);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("inet");

    UNIT_ADD(s, test_pton_like_glibc);
    UNIT_ADD(s, test_ntop_like_glibc);
    UNIT_ADD(s, test_ntop_v4_and_space);
    UNIT_ADD(s, test_aton_like_glibc);
    UNIT_ADD(s, test_gai_numeric_v4);
    UNIT_ADD(s, test_gai_numeric_v6_scope_and_types);
    UNIT_ADD(s, test_gai_passive_and_loopback);
    UNIT_ADD(s, test_gai_errors);
    UNIT_ADD(s, test_gai_canonname_and_nameinfo);
    return s;
}
