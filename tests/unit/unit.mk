# SPDX-License-Identifier: BSD-2-Clause
# Host unit tests for the kernel's pure C files, run with the check framework (Debian: check).
#
# Included by the top Makefile, or standalone from the repo root:
#     make -f tests/unit/unit.mk unit-tests [O=build] [UNIT_TESTS="fmt string"]
# Targets: unit-tests (build and run all, print "unit: N passed, N failed", fail if any
# failed), unit-build (build only), unit-clean. One binary: build/tests/unit/NAME [CASE].
#
# Adding a test NAME: write tests/unit/test_NAME.c (defines Suite *unit_suite(void), see
# unit.h) and register it below with the kernel sources it exercises:
#     UNIT_TESTS += NAME
#     UNIT_SRCS_NAME := lib/foo.c mm/bar.c
# The sources are built freestanding like the kernel, their global symbols get a kt_ prefix
# (foo() is called as kt_foo(); see unit.h for why), and anything they call but do not
# define (printk, ...) resolves against the test file, which can stub it. Sources listed
# under tests/unit/ are shims built the same way, e.g. to reach static inline functions.

# --- registered tests -------------------------------------------------------------------------
UNIT_TESTS += fmt
UNIT_SRCS_fmt := lib/vsnprintf.c lib/string.c
UNIT_TESTS += string
UNIT_SRCS_string := lib/string.c
UNIT_TESTS += strtol
UNIT_SRCS_strtol := lib/strtol.c
UNIT_TESTS += ctype
UNIT_SRCS_ctype := tests/unit/ctype_shim.c
UNIT_TESTS += errname
UNIT_SRCS_errname := lib/errname.c
UNIT_TESTS += xenbus_wire
UNIT_SRCS_xenbus_wire := kernel/xenbus_wire.c lib/byte_ring.c lib/string.c lib/strtol.c lib/vsnprintf.c
UNIT_TESTS += buddy
UNIT_SRCS_buddy := mm/buddy.c lib/string.c
UNIT_TESTS += balloon_plan
UNIT_SRCS_balloon_plan := mm/balloon_plan.c lib/string.c
UNIT_TESTS += byte_ring
UNIT_SRCS_byte_ring := lib/byte_ring.c lib/string.c
UNIT_TESTS += blkring
UNIT_SRCS_blkring := drivers/blkfront/blkring.c
UNIT_TESTS += netfront
UNIT_SRCS_netfront := drivers/netfront/netfront_proto.c
UNIT_TESTS += ring_index
UNIT_SRCS_ring_index := lib/ring_index.c
UNIT_TESTS += pvh
UNIT_SRCS_pvh := arch/x86/pvh/memmap.c arch/x86/pvh/pagetable.c
UNIT_TESTS += p9wire
UNIT_SRCS_p9wire := drivers/9pfs/p9_wire.c lib/string.c
UNIT_TESTS += netcfg
UNIT_SRCS_netcfg := net/ipcfg.c net/time_fmt.c lib/vsnprintf.c lib/string.c
UNIT_TESTS += tx_csum
UNIT_SRCS_tx_csum := net/tx_csum.c
UNIT_TESTS += libc_path
UNIT_SRCS_libc_path := libc/core/path.c lib/string.c
UNIT_TESTS += inet
UNIT_SRCS_inet := libc/inet.c libc/netdb.c
# ----------------------------------------------------------------------------------------------
# Sources written against the standard C headers (the libc's pure parts, which the guest
# builds against newlib's) are built as hosted C with the host's headers, then renamed kt_
# like the rest, so a test can compare them with glibc's functions of the same name.
UNIT_HOSTED := libc/inet.c libc/netdb.c

O ?= build
UNIT_DIR := tests/unit
UNIT_OUT := $(O)/tests/unit

HOSTCC ?= gcc
HOSTLD ?= ld
HOSTNM ?= nm
HOSTOBJCOPY ?= objcopy
PKG_CONFIG ?= pkg-config

# Sanitizers cover kernel code and tests alike; UNIT_SANITIZE= turns them off.
UNIT_SANITIZE ?= -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer

# Extra preprocessor flags for kernel sources. A file that needs the Xen headers or CONFIG_X
# macros can get the kernel's own: the top Makefile sets UNIT_KCPPFLAGS = $(CPPFLAGS).
UNIT_KCPPFLAGS ?= -Iinclude/x86 -I$(UNIT_OUT)/include
# The Xen public headers (libxen-dev) as <xen/...>, without the rest of /usr/include.
UNIT_XEN_HEADERS ?= /usr/include/xen

# Kernel side: the kernel's freestanding flags, plus -fno-builtin so the compiler does not
# swap our memcpy or strlen for its own idea of them. Recursive '=' everywhere so merely
# including this file runs no shell commands.
UNIT_KCFLAGS = -std=gnu11 -O2 -g -ffreestanding -fno-builtin -fno-stack-protector -fno-pic \
	-fno-strict-aliasing -fno-common -nostdinc \
	-isystem $(shell $(HOSTCC) -print-file-name=include) -Iinclude $(UNIT_KCPPFLAGS) \
	-Wall -Wextra -Werror -Wno-unused-parameter -MMD -MP $(UNIT_SANITIZE)
# Host side: ordinary hosted C; the fmt test hands glibc truncating formats on purpose.
UNIT_HCFLAGS = -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-format-truncation -MMD -MP \
	-DUNIT_SRCROOT='"$(CURDIR)"' $(shell $(PKG_CONFIG) --cflags check) $(UNIT_SANITIZE)
# -no-pie because the kernel objects are built -fno-pic, as in the kernel.
UNIT_LDFLAGS = -no-pie $(UNIT_SANITIZE)
UNIT_LDLIBS = $(shell $(PKG_CONFIG) --libs check)

UNIT_BINS := $(addprefix $(UNIT_OUT)/,$(UNIT_TESTS))
unit-obj = $(if $(filter $(1),$(UNIT_HOSTED)),$(UNIT_OUT)/hobj/$(1:.c=.o),$(UNIT_OUT)/kobj/$(1:.c=.o))
UNIT_KOBJS := $(sort $(foreach t,$(UNIT_TESTS),$(filter %.o,$(foreach s,$(UNIT_SRCS_$(t)),\
	$(if $(filter $(s),$(UNIT_HOSTED)),,$(call unit-obj,$(s)))))))
UNIT_HSOBJS := $(UNIT_HOSTED:%.c=$(UNIT_OUT)/hobj/%.o)
UNIT_HOBJS := $(UNIT_OUT)/host/unit_main.o $(UNIT_TESTS:%=$(UNIT_OUT)/host/test_%.o)

.PHONY: unit-tests unit-build unit-clean

unit-tests: unit-build
	@sh $(UNIT_DIR)/run-unit $(UNIT_OUT)/results.txt $(UNIT_BINS)

unit-build: $(UNIT_BINS)

unit-clean:
	rm -rf $(UNIT_OUT)

# Static pattern rules, so a top-level "$(O)/%.o: %.c" kernel rule can never claim these.
$(UNIT_OUT)/include/xen:
	@mkdir -p $(@D)
	ln -sfn $(UNIT_XEN_HEADERS) $@

$(UNIT_KOBJS): $(UNIT_OUT)/kobj/%.o: %.c | $(UNIT_OUT)/include/xen
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_KCFLAGS) -c $< -o $@

$(UNIT_HSOBJS): $(UNIT_OUT)/hobj/%.o: %.c
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_HCFLAGS) -c $< -o $@

$(UNIT_HOBJS): $(UNIT_OUT)/host/%.o: $(UNIT_DIR)/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_HCFLAGS) -c $< -o $@

# One relocatable object per test, every symbol it defines renamed to kt_<name>.
$(UNIT_TESTS:%=$(UNIT_OUT)/%.kt.o): $(UNIT_OUT)/%.kt.o:
	@mkdir -p $(@D)
	$(HOSTLD) -r -o $@.tmp $^
	$(HOSTNM) --defined-only -g $@.tmp | awk 'NF == 3 { print $$3, "kt_" $$3 }' > $@.syms
	$(HOSTOBJCOPY) --redefine-syms=$@.syms $@.tmp $@
	@rm -f $@.tmp

$(UNIT_BINS): $(UNIT_OUT)/%: $(UNIT_OUT)/host/test_%.o $(UNIT_OUT)/host/unit_main.o \
		$(UNIT_OUT)/%.kt.o
	$(HOSTCC) $(UNIT_LDFLAGS) -o $@ $^ $(UNIT_LDLIBS)

# Each test's kernel object depends on exactly its own sources.
$(foreach t,$(UNIT_TESTS),$(eval $(UNIT_OUT)/$(t).kt.o: $(foreach s,$(UNIT_SRCS_$(t)),$(call unit-obj,$(s)))))

-include $(UNIT_KOBJS:.o=.d) $(UNIT_HOBJS:.o=.d) $(UNIT_HSOBJS:.o=.d)
