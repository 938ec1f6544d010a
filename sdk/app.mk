# SPDX-License-Identifier: BSD-2-Clause
# Build an application into a bootable image: compile the C files of the directory APP (and
# what its optional APP/app.mk adds) into O/app/, then link them with libminios.a, in which
# only the public API is global. Used by the kernel tree (make APP=dir, see sdk/sdk.mk) and
# by the installed SDK (DESTDIR/share/minios/minios.mk) alike; the includer sets:
#   MINIOS_CPPFLAGS     include directories and defines for application code
#   MINIOS_CFLAGS       code generation flags for application code
#   MINIOS_LIB          libminios.a;  MINIOS_LIBS: libraries after it (libc, libm, libgcc)
#   MINIOS_LDSCRIPT, MINIOS_LDFLAGS, MINIOS_ASFLAGS, MKSYMS (tools/mksyms)
#   MINIOS_DEPS         made before any application object (e.g. the xen/ include link)
#   MINIOS_OPTIONS      the kernel's options, CONFIG_X=y|n words
#
# APP/app.mk may add sources (app-srcs, relative to APP or absolute), flags (app-cppflags,
# app-cflags), libraries (app-libs) and order-only prerequisites of every object (app-deps,
# e.g. a stamp after fetching sources, made by its own rules). APP_DIR (APP, absolute) and
# APP_BUILD (O/app, absolute) are set before it is read.
SDK_MK_DIR := $(dir $(lastword $(MAKEFILE_LIST)))
ifeq ($(wildcard $(APP)/.),)
$(error APP=$(APP) is not a directory)
endif
APP_DIR := $(abspath $(APP))
APP_NAME := $(notdir $(APP_DIR))
APP_BUILD := $(abspath $(O))/app
Q ?= @
quiet ?= @printf '  %-7s %s\n'

# The options the application asks for in APP/minios.config must be this kernel's.
app-want := $(shell sed -n 's/^\(CONFIG_[A-Z0-9_]*=[yn]\)[[:space:]]*$$/\1/p' \
	$(wildcard $(APP_DIR)/minios.config))
ifneq ($(filter-out $(MINIOS_OPTIONS),$(app-want)),)
$(error APP=$(APP) needs $(filter-out $(MINIOS_OPTIONS),$(app-want)) (its minios.config))
endif

app-srcs := $(wildcard $(APP_DIR)/*.c)
app-cppflags :=
app-cflags :=
app-libs :=
app-deps :=
-include $(APP_DIR)/app.mk

app-srcs := $(foreach s,$(app-srcs),$(if $(filter /%,$(s)),$(s),$(APP_DIR)/$(s)))
ifeq ($(strip $(app-srcs)),)
$(error APP=$(APP): no C sources (*.c, or app-srcs in app.mk))
endif
# Objects are named after their source's file name: two sources may not share one.
app-dup := $(strip $(foreach n,$(sort $(notdir $(app-srcs))),\
	$(if $(word 2,$(filter %/$(n),$(app-srcs))),$(n))))
ifneq ($(app-dup),)
$(error APP=$(APP): several sources named $(app-dup))
endif
app-obj = $(APP_BUILD)/$(basename $(notdir $(1))).o
APP_OBJS := $(foreach s,$(app-srcs),$(call app-obj,$(s)))
APP_FLAGS := $(MINIOS_CPPFLAGS) $(app-cppflags) $(MINIOS_CFLAGS) $(app-cflags)

# Recompile the application when its flags change.
APP_STAMP := $(APP_BUILD)/.flags
ifneq ($(shell cat $(APP_STAMP) 2>/dev/null),$(CC) $(APP_FLAGS))
$(shell mkdir -p $(APP_BUILD) && echo '$(CC) $(APP_FLAGS)' > $(APP_STAMP))
endif

define app-compile
$(call app-obj,$(1)): $(1) $(APP_STAMP) | $(MINIOS_DEPS) $(app-deps)
	@mkdir -p $$(dir $$@)
	$$(quiet) CC $$@
	$$(Q)$$(CC) $$(APP_FLAGS) -MMD -MP -c $$< -o $$@
endef
$(foreach s,$(app-srcs),$(eval $(call app-compile,$(s))))
-include $(APP_OBJS:.o=.d)

IMAGE := $(O)/mini-os
IMAGE_INPUTS := $(APP_OBJS) $(MINIOS_LIB)
IMAGE_LINK := $(APP_OBJS) --whole-archive $(MINIOS_LIB) --no-whole-archive
IMAGE_LIBS := --start-group $(app-libs) $(MINIOS_LIBS) --end-group
IMAGE_LDSCRIPT := $(MINIOS_LDSCRIPT)
IMAGE_LDFLAGS := $(MINIOS_LDFLAGS)
IMAGE_ASFLAGS := $(MINIOS_ASFLAGS)
include $(SDK_MK_DIR)link.mk
