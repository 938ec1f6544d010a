# SPDX-License-Identifier: BSD-2-Clause
# The one list of build options and their defaults. A MINIOS_CONFIG file overrides them
# with CONFIG_X=y|n lines (see tools/readconfig); the Makefile passes each to C as 0 or 1.

# Architecture: x86_64 (runs under Debian's Xen) or x86_32 (PAE, build-tested only).
MINIOS_TARGET_ARCH ?= x86_64

# Xen interface version the kernel is compiled against: the oldest we support by default;
# XEN_LATEST_INTERFACE_VERSION picks whatever the installed headers define.
XEN_INTERFACE_VERSION ?= 0x00030205

# Build the in-guest test suite instead of the demo application.
CONFIG_TEST ?= n

# Give free memory back to Xen and take it again, following memory/target (xl mem-set).
CONFIG_BALLOON ?= y

# Extra consoles (device/console/N, xl.cfg "channel"): consfront_* in include/console.h.
CONFIG_CONSFRONT ?= y

# Block frontend: virtual disks (device/vbd), include/blkfront.h.
CONFIG_BLKFRONT ?= y

# Network frontend: virtual NICs (device/vif), include/netfront.h.
CONFIG_NETFRONT ?= y

# Framebuffer frontend (device/vfb, xl.cfg "vfb"), include/fbfront.h.
CONFIG_FBFRONT ?= y

# Keyboard and pointer frontend (device/vkbd, comes with a vfb), include/kbdfront.h.
CONFIG_KBDFRONT ?= y

# Files shared from dom0 over Xen 9pfs (xl.cfg "p9", device/9pfs), include/p9fs.h.
CONFIG_9PFS ?= y

# lwIP TCP/IP over netfront (net/, include/net.h): the demo answers ping and serves daytime
# on TCP port 13. Needs CONFIG_NETFRONT. lwIP's sources are fetched into $(O)/lwip.
CONFIG_LWIP ?= n

# newlib as the C library, with the glue in libc/ (fd table, console fds, malloc, time, exit).
# Built from Debian's newlib-source by tools/build-newlib, cached under build/newlib.
CONFIG_LIBC ?= n

CONFIG_OPTIONS := TEST CONSFRONT BLKFRONT NETFRONT FBFRONT KBDFRONT BALLOON 9PFS LWIP LIBC
