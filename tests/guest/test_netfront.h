/* SPDX-License-Identifier: BSD-2-Clause */
/* The white-box netfront cases (test_netfront_wb.c) the vif suites call. */
#ifndef MINIOS_TEST_NETFRONT_H
#define MINIOS_TEST_NETFRONT_H

#include <stddef.h>
#include <netfront.h>

/* netfront_open of node with the ring grants failing: -ENOSPC and nothing leaked. */
void netfront_test_setup_errors(const char *node);
/* What the backend is granted for a frame sent from a page shared with other data. */
void netfront_test_tx_isolation(struct netfront *nf, const void *frame, size_t len);
/*
 * A netfront on rings in our own pages, buffers posted, no backend (the test writes the
 * responses), opened with offloads and delivering to rxv (NULL: a plain one-slot callback
 * of test_netfront_wb.c). NULL without memory.
 */
struct netfront *netfront_test_fake(netfront_rxv_fn rxv, unsigned int offloads);
/* Give back a fake netfront's buffers, grants and rings. */
void netfront_test_fake_free(struct netfront *nf);
/* The scatter-gather / GSO receive cases (test_netfront_sg.c) on fake netfronts. */
void netfront_test_sg(void);

#endif
