/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The bench suite (test=bench, bench=boot|smoke|full on the command line): the kernel's side
 * of `make bench` (tools/bench). Each workload prints one "bench: KEY bytes=B ios=N ns=T"
 * line, the same as the Linux guest's lbench (tools/bench/lbench.c), and is framed by
 * bench_mark() calls so that the dom0 script can read the domain's CPU time at both ends.
 */
#ifndef MINIOS_TEST_BENCH_H
#define MINIOS_TEST_BENCH_H

#include <stdbool.h>
#include <stdint.h>

/* Seconds each disk/network workload runs (full: 3, smoke: 0.2). */
extern uint64_t bench_ns;

/* Tell dom0 "SEQ WHAT KEY" through data/bench-mark and wait for its data/bench-ack. */
void bench_mark(const char *what, const char *key);
/* Print the result line of workload KEY. */
void bench_report(const char *key, uint64_t bytes, uint64_t ios, uint64_t ns);

/* Every disk workload on the disk at nodename, keys "disk.BACKEND.*"; false on an error. */
bool bench_disk(const char *nodename, const char *backend);
/* Raw frames to and from dom0 on device/vif/0, and dom0's arping; false on an error. */
bool bench_net(void);
/* lwIP and lwiperf on the vifs, then the "tcp" mark (dom0 runs iperf); false on an error. */
bool bench_tcp(void);

#endif
