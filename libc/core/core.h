/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared between the kernel-side files of the libc glue (libc/core), not exported. */
#ifndef MINIOS_LIBC_CORE_H
#define MINIOS_LIBC_CORE_H

#include <fdtab.h>
#include <wait.h>

/* Descriptors 0-2: the PV console (core/console_fd.c). */
extern const struct fd_ops console_fd_ops;

/* A descriptor for an already filled f (open()): the descriptor, or -EMFILE. */
int fd_install_file(struct fd_file *f);

/* Where select()/poll() sleep; fd_notify() wakes it. */
struct wait_queue_head *fd_ready_queue(void);
/* Counts fd_notify() calls: poll() compares it to see that one came in between. */
unsigned long fd_notify_generation(void);

#define PATH_MAX_LEN 1024

/*
 * path made absolute (from "/"), without ".", "..", repeated or trailing "/", into out
 * (PATH_MAX_LEN = 1024 bytes): 0, -ENOENT (empty), -ENAMETOOLONG, -EFAULT (NULL).
 */
int vfs_normalise(const char *path, char *out);

#endif
