# SPDX-License-Identifier: BSD-2-Clause
# Top-level build: the kernel (make), tests (make test), every config (make testbuild), and
# the runner (make run). Out-of-tree builds with O=dir; options from Config.mk/MINIOS_CONFIG.

.DEFAULT_GOAL := all
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
CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-builtin-printf -fno-stack-protector \
	-fno-pic -fno-pie -fno-common -fno-omit-frame-pointer -fno-strict-aliasing \
	-mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes -Wmissing-prototypes \
	$(arch-cflags-$(ARCH))
ASFLAGS := -D__ASSEMBLY__ $(arch-cflags-$(ARCH))
LDFLAGS := -nostdlib -m $(arch-ldemul-$(ARCH)) -z max-page-size=4096 -z noexecstack \
	--no-warn-rwx-segments
LIBGCC := $(shell $(CC) $(arch-cflags-$(ARCH)) -print-libgcc-file-name)

# Each directory lists its sources as src-y / src-$(CONFIG_X).
src-y :=
include arch/x86/arch.mk
include kernel/kernel.mk
include lib/lib.mk
-include mm/mm.mk
-include drivers/drivers.mk
-include net/net.mk

OBJS := $(patsubst %.S,$(O)/%.o,$(patsubst %.c,$(O)/%.o,$(src-y))) $(EXTRA_OBJS)
KERNEL := $(O)/mini-os
LDSCRIPT := arch/x86/minios-$(ARCH).lds

.PHONY: all clean test testbuild run unit-tests style boot-tests
all: $(KERNEL) $(KERNEL).gz

# Rebuild everything when flags change (an in-tree build switched to another config).
FLAGS_STAMP := $(O)/.flags
FLAGS_NOW := $(CC) $(CPPFLAGS) $(CFLAGS) $(ASFLAGS)
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

# Two-pass link: the first image gives the addresses for the symbol table the fault
# handler prints; the table lives after .text, so adding it moves no function.
$(O)/mini-os-pass1: $(OBJS) $(O)/ksyms-empty.o $(LDSCRIPT)
	$(quiet) LD $@
	$(Q)$(LD) $(LDFLAGS) -T $(LDSCRIPT) $(OBJS) $(O)/ksyms-empty.o $(LIBGCC) -o $@

$(O)/ksyms-empty.S:
	@mkdir -p $(dir $@)
	$(Q)sh tools/mksyms /dev/null > $@

$(O)/ksyms.S: $(O)/mini-os-pass1 tools/mksyms
	$(quiet) SYMS $@
	$(Q)$(NM) -n $< | sh tools/mksyms - > $@

$(O)/ksyms-empty.o $(O)/ksyms.o: $(O)/%.o: $(O)/%.S
	$(Q)$(CC) $(CPPFLAGS) $(ASFLAGS) -c $< -o $@

$(KERNEL)-debug: $(OBJS) $(O)/ksyms.o $(LDSCRIPT)
	$(quiet) LD $@
	$(Q)$(LD) $(LDFLAGS) -T $(LDSCRIPT) $(OBJS) $(O)/ksyms.o $(LIBGCC) -o $@
	@$(NM) -n $(O)/mini-os-pass1 | grep -i ' t ' > $(O)/syms1.txt
	@$(NM) -n $@ | grep -i ' t ' > $(O)/syms2.txt
	@cmp -s $(O)/syms1.txt $(O)/syms2.txt || { echo "symbol table moved .text" >&2; exit 1; }

$(KERNEL): $(KERNEL)-debug
	$(quiet) STRIP $@
	$(Q)$(OBJCOPY) --strip-debug $< $@

$(KERNEL).gz: $(KERNEL)
	$(quiet) GZIP $@
	$(Q)gzip -9 -n -c $< > $@

clean:
	rm -rf $(O)

-include $(OBJS:.o=.d)
-include tests/tests.mk
