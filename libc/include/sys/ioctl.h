/* SPDX-License-Identifier: BSD-2-Clause */
/* ioctl() (newlib has no sys/ioctl.h): requests go to the descriptor's ops->ioctl. */
#ifndef MINIOS_SYS_IOCTL_H
#define MINIOS_SYS_IOCTL_H

/* Linux's request numbers. */
#define FIONREAD 0x541B
#define FIONBIO  0x5421

int ioctl(int fd, unsigned long request, ...);

#endif
