# SPDX-License-Identifier: BSD-2-Clause
# Top-level build: the kernel (make), tests (make test), every config (make testbuild), and
# the runner (make run). Out-of-tree builds with O=dir; options from Config.mk/MINIOS_CONFIG.

.DEFAULT_GOAL := all
# make APP=dir: that application on the kernel (sdk/app.mk), by default in build/apps/NAME
# and with the options in dir/minios.config if there is one.
ifneq ($(APP),)
O ?= build/apps/$(notdir $(abspath $(APP)))
MINIOS_CONFIG ?= $(wildcard $(APP)/minios.config)
endif
O ?= build
override O := $(patsubst %/,%,$(O))

# Options: defaults in Config.mk, overridden by a checked MINIOS_CONFIG file if given.
ifneq ($(MINIOS_CONFIG),)
$(shell mkdir -p $(O))
CONFIG_ERRORS := $(shell sh tools/readconfig $(MINIOS_CONFIG) \
	"$$(sed -n 's/^CONFIG_OPTIONS *:= *//p' Config.mk)" > $(O)/config.mk 2>$(O)/config.err || \
	cat $(O)/config.err)
ifneq ($(CONFIG_ERRORS),)
$(error bad MINIOS_CONFIG: $(CONFIG_ERRORS))
endif
include $(O)/config.mk
endif
include Config.mk

ARCH := $(MINIOS_TARGET_ARCH)
ifeq ($(filter x86_64 x86_32,$(ARCH)),)
$(error MINIOS_TARGET_ARCH must be x86_64 or x86_32, not '$(ARCH)')
endif
ifeq ($(XEN_INTERFACE_VERSION),XEN_LATEST_INTERFACE_VERSION)
XEN_IFV := __XEN_LATEST_INTERFACE_VERSION__
else
XEN_IFV := $(XEN_INTERFACE_VERSION)
endif

# Quiet by default: "make V=1" shows full command lines, "make -s" nothing.
ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
Q := @
quiet = @:
else ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-7s %s\n'
endif

CC ?= gcc
LD ?= ld
AR ?= ar
OBJCOPY ?= objcopy
NM ?= nm
GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
XEN_HEADERS ?= /usr/include/xen
# Where tools/fetch-lwip keeps the downloaded lwIP source package, shared by every O=.
LWIP_DL ?= $(CURDIR)/build/dl

arch-cflags-x86_64 := -m64 -mno-red-zone -mcmodel=small
arch-cflags-x86_32 := -m32 -march=i686
arch-ldemul-x86_64 := elf_x86_64
arch-ldemul-x86_32 := elf_i386

CPPFLAGS := -nostdinc -isystem $(GCC_INCLUDE) -Iinclude -Iinclude/x86 -I$(O)/include \
	-D__XEN_INTERFACE_VERSION__=$(XEN_IFV) -D__MINIOS_ARCH_$(ARCH)__ \
	$(foreach o,$(CONFIG_OPTIONS),-DCONFIG_$(o)=$(if $(filter y,$(CONFIG_$(o))),1,0))
# Stack protection: canaries (one global, set at boot: kernel/stack_protector.c) and
# probes that make every large frame touch the guard page below a stack.
CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-builtin-printf \
	-fstack-protector-strong -mstack-protector-guard=global -fstack-clash-protection \
	-fno-pic -fno-pie -fno-common -fno-omit-frame-pointer -fno-strict-aliasing \
	-mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes -Wmissing-prototypes \
	$(arch-cflags-$(ARCH))
# Application code (the demo, the test suite, and libraries and programs linked on top) is
# ordinary C with SSE: APP_CFLAGS, for the files listed in app-src and for anyone building
# code to link with the kernel. The kernel itself stays -mno-sse, so the only vector state
# is the application's: switches keep MXCSR and the x87 control word per thread, upcalls
# save and restore the rest (arch/x86/x86_*.S). Still no red zone (upcalls and exceptions
# land on the current stack) and no AVX (its state is not saved).
app-sse-x86_64 := -msse -msse2
app-sse-x86_32 := -msse -msse2 -mfpmath=sse
APP_CFLAGS := $(filter-out -mno-sse -mno-sse2 -mno-mmx,$(CFLAGS)) $(app-sse-$(ARCH))
ASFLAGS := -D__ASSEMBLY__ $(arch-cflags-$(ARCH))
LDFLAGS := -nostdlib -m $(arch-ldemul-$(ARCH)) -z max-page-size=4096 -z noexecstack \
	--no-warn-rwx-segments
LIBGCC := $(shell $(CC) $(arch-cflags-$(ARCH)) -print-libgcc-file-name)

# Each directory lists its sources as src-y / src-$(CONFIG_X).
src-y :=
app-src :=
.DEFAULT_GOAL := all
# A failed step (a link) must not leave a half-written target that looks up to date.
.DELETE_ON_ERROR:
include arch/x86/arch.mk
include kernel/kernel.mk
include lib/lib.mk
-include mm/mm.mk
-include drivers/drivers.mk
-include net/net.mk
include libc/libc.mk

OBJS := $(patsubst %.S,$(O)/%.o,$(patsubst %.c,$(O)/%.o,$(src-y))) $(EXTRA_OBJS)
INTREE_APP_OBJS := $(patsubst %.c,$(O)/%.o,$(filter %.c,$(app-src)))
# (The libc suites are application code too, but built against newlib: libc/libc.mk.)
$(filter-out $(LIBC_OBJS),$(INTREE_APP_OBJS)): CFLAGS := $(APP_CFLAGS)
KERNEL := $(O)/mini-os
LDSCRIPT := arch/x86/minios-$(ARCH).lds

.PHONY: all clean test testbuild run unit-tests style boot-tests bench install-sdk
all: $(KERNEL) $(KERNEL).gz

# Rebuild everything when flags change (an in-tree build switched to another config).
FLAGS_STAMP := $(O)/.flags
FLAGS_NOW := $(CC) $(CPPFLAGS) $(CFLAGS) $(APP_CFLAGS) $(ASFLAGS)
ifneq ($(shell cat $(FLAGS_STAMP) 2>/dev/null),$(FLAGS_NOW))
$(shell mkdir -p $(O) && echo '$(FLAGS_NOW)' > $(FLAGS_STAMP))
endif

$(O)/include/xen:
	@mkdir -p $(O)/include
	@test -d $(XEN_HEADERS) || { echo "Xen headers not found at $(XEN_HEADERS): apt-get install libxen-dev" >&2; exit 1; }
	$(Q)ln -sfn $(XEN_HEADERS) $@

$(O)/%.o: %.c $(FLAGS_STAMP) | $(O)/include/xen $(if $(filter y,$(CONFIG_LWIP)),$(LWIP_STAMP))
	@mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(O)/%.o: %.S $(FLAGS_STAMP) | $(O)/include/xen
	@mkdir -p $(dir $@)
	$(quiet) AS $@
	$(Q)$(CC) $(CPPFLAGS) $(ASFLAGS) -MMD -MP -c $< -o $@

# The kernel with its own application (the demo or the test suite), or with APP's.
# With CONFIG_LIBC the kernel-side objects go in as one object (libc/libc.mk), newlib after.
include sdk/sdk.mk
ifeq ($(APP),)
IMAGE := $(KERNEL)
image-inputs-n := $(OBJS) $(INTREE_APP_OBJS)
image-inputs-y = $(O)/image-libc.o $(filter $(LIBC_OBJS),$(OBJS) $(INTREE_APP_OBJS))
IMAGE_INPUTS := $(image-inputs-$(CONFIG_LIBC))
IMAGE_LIBS := --start-group $(libc-libs-y) $(LIBGCC) --end-group
IMAGE_LDSCRIPT := $(LDSCRIPT)
IMAGE_LDFLAGS := $(LDFLAGS)
IMAGE_ASFLAGS := $(ASFLAGS)
include sdk/link.mk
endif

clean:
	rm -rf $(O)

-include $(OBJS:.o=.d) $(INTREE_APP_OBJS:.o=.d) $(LIB_OBJS:.o=.d)
-include tests/tests.mk
