/* SPDX-License-Identifier: BSD-2-Clause */
/* The white-box netfront cases (test_netfront_wb.c) the vif suites call. */
#ifndef MINIOS_TEST_NETFRONT_H
#define MINIOS_TEST_NETFRONT_H

#include <stddef.h>

struct netfront;

/* netfront_open of node with the ring grants failing: -ENOSPC and nothing leaked. */
void netfront_test_setup_errors(const char *node);
/* What the backend is granted for a frame sent from a page shared with other data. */
void netfront_test_tx_isolation(struct netfront *nf, const void *frame, size_t len);

#endif
