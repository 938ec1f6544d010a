# SPDX-License-Identifier: BSD-2-Clause
# Block frontend (include/blkfront.h): connection, I/O path, blocking helpers, ring maths.
src-$(CONFIG_BLKFRONT) += drivers/blkfront/blkfront.c
src-$(CONFIG_BLKFRONT) += drivers/blkfront/io.c
src-$(CONFIG_BLKFRONT) += drivers/blkfront/sync.c
src-$(CONFIG_BLKFRONT) += drivers/blkfront/blkring.c
src-$(CONFIG_BLKFRONT) += drivers/blkfront/bounce.c
