# SPDX-License-Identifier: BSD-2-Clause
# Raw disks as byte-addressed files (include/blkfile.h), on blkfront's public API.
src-$(CONFIG_BLKFRONT) += drivers/blkfile/blkfile.c
# With the libc: /dev/xvdX and /dev/vbd/N in its file table (libc/core/mounts.c).
ifeq ($(CONFIG_LIBC),y)
src-$(CONFIG_BLKFRONT) += drivers/blkfile/blkfile_fd.c
endif
