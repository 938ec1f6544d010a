# SPDX-License-Identifier: BSD-2-Clause
# 9pfs frontend (include/p9fs.h): wire format, rings (data path), connection (control
# path), 9P2000.L calls, and the file API on paths.
src-$(CONFIG_9PFS) += drivers/9pfs/p9_wire.c
src-$(CONFIG_9PFS) += drivers/9pfs/p9_ring.c
src-$(CONFIG_9PFS) += drivers/9pfs/p9_front.c
src-$(CONFIG_9PFS) += drivers/9pfs/p9_ops.c
src-$(CONFIG_9PFS) += drivers/9pfs/p9fs.c
src-$(CONFIG_9PFS) += drivers/9pfs/p9fs_path.c
# With the libc: each share mounted at /<tag> in its file table (libc/core/mounts.c).
ifeq ($(CONFIG_LIBC),y)
src-$(CONFIG_9PFS) += drivers/9pfs/p9fs_fd.c
endif
