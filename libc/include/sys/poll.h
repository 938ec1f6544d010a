/* SPDX-License-Identifier: BSD-2-Clause */
/* Some programs include <sys/poll.h>: the same as <poll.h>. */
#include <poll.h>
