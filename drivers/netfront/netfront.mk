# SPDX-License-Identifier: BSD-2-Clause
# The network frontend (include/netfront.h).
src-$(CONFIG_NETFRONT) += drivers/netfront/netfront.c
src-$(CONFIG_NETFRONT) += drivers/netfront/netfront_rx.c
src-$(CONFIG_NETFRONT) += drivers/netfront/netfront_tx.c
src-$(CONFIG_NETFRONT) += drivers/netfront/netfront_proto.c
