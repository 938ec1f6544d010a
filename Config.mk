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

# Give memory back to Xen and take it again, following memory/target (xl mem-set).
CONFIG_BALLOON ?= n

# Device frontends (drivers/): each brings its driver and, in the demo app, its thread.
CONFIG_CONSFRONT ?= n
CONFIG_BLKFRONT ?= n
CONFIG_NETFRONT ?= n
CONFIG_FBFRONT ?= n
CONFIG_KBDFRONT ?= n

CONFIG_OPTIONS := TEST BALLOON CONSFRONT BLKFRONT NETFRONT FBFRONT KBDFRONT
