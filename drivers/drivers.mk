# SPDX-License-Identifier: BSD-2-Clause
# Device frontends: each drivers/NAME/NAME.mk adds its sources under its own CONFIG_ option.
include $(wildcard drivers/*/*.mk)
