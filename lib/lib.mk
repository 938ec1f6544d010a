# SPDX-License-Identifier: BSD-2-Clause
# Freestanding library code shared by the kernel and the host unit tests.
src-y += lib/string.c
src-y += lib/strtol.c
src-y += lib/vsnprintf.c
src-y += lib/errname.c
src-y += lib/byte_ring.c
src-y += lib/ring_index.c
