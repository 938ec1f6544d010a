# SPDX-License-Identifier: BSD-2-Clause
# Raw disks as byte-addressed files (include/blkfile.h), on blkfront's public API.
src-$(CONFIG_BLKFRONT) += drivers/blkfile/blkfile.c
