# SPDX-License-Identifier: BSD-2-Clause
# Framebuffer (include/fbfront.h) and keyboard/pointer (include/kbdfront.h) frontends.
src-$(CONFIG_FBFRONT) += drivers/fbfront/fbfront.c
src-$(CONFIG_KBDFRONT) += drivers/fbfront/kbdfront.c
ifneq ($(filter y,$(CONFIG_FBFRONT) $(CONFIG_KBDFRONT)),)
src-y += drivers/fbfront/pvchan.c
endif
