/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the newlib-side files of the libc glue (libc/NAME.c): errno and type conversions. */
#ifndef MINIOS_LIBC_LIBC_H
#define MINIOS_LIBC_LIBC_H

#include <sys/stat.h>
#include "kernapi.h"

/* newlib's O_* open flags to FD_O_* and back (errno.c has the errno tables). */
int libc_flags_to_fd(int oflags);
int libc_flags_from_fd(int fdflags);
void libc_stat_from_fd(struct stat *st, const struct fd_stat *k);

/* Set errno to ENOSYS and return -1: for calls this kernel does not support. */
int libc_enosys(void);

#endif
