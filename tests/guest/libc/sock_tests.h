/* SPDX-License-Identifier: BSD-2-Clause */
/* The two halves of the libc socket suite (test_libc_sock.c, test_libc_sock_client.c). */
#ifndef MINIOS_TEST_SOCK_TESTS_H
#define MINIOS_TEST_SOCK_TESTS_H

/* A TCP socket bound to INADDR_ANY:port, or -1. */
int sock_tcp_bound(int port);
/*
 * The client half against dom0's servers at server (TCP echo 9100, UDP echo 9200) and
 * server6 (its link-local IPv6 address, TCP echo 9101).
 */
void test_libc_sock_client(const char *server, const char *server6, const char *our_ip);

#endif
