# SPDX-License-Identifier: BSD-2-Clause
# The PV console: the primary console (printk, input) always; extra consoles with CONSFRONT.
src-y += drivers/console/console.c
src-y += drivers/console/input.c
src-$(CONFIG_CONSFRONT) += drivers/console/consfront.c
