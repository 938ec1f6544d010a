# SPDX-License-Identifier: BSD-2-Clause
# CONFIG_LIBC: newlib (built by tools/build-newlib, cached in NEWLIB_CACHE) and its glue.
# libc/core/*.c are kernel code (kernel headers); libc/NAME.c are compiled against newlib's
# headers with LIBC_CPPFLAGS/LIBC_CFLAGS, which applications use too: objects listed in
# LIBC_APP_OBJS (set before this file is included) get those flags and newlib's names.

NEWLIB_CACHE ?= build/newlib
# newlib is application code: SSE allowed on x86_64 (its ABI passes doubles in XMM).
newlib-cflags-x86_64 := -m64 -mno-red-zone -mcmodel=small
# The host compiler says __linux__, which makes newlib's i386 headers expect Linux's 64-bit
# file calls (__LARGE64_FILES); this is not Linux.
newlib-cflags-x86_32 := -m32 -march=i686 -U__linux__ -U__linux -Ulinux -U__gnu_linux__
NEWLIB_CFLAGS := $(newlib-cflags-$(ARCH)) -fno-pic -fno-pie -ffreestanding \
	-fno-stack-protector -fno-omit-frame-pointer -D__DYNAMIC_REENT__ -DMISSING_SYSCALL_NAMES
NEWLIB := $(O)/newlib

LIBC_CPPFLAGS := -nostdinc -isystem libc/include -isystem $(NEWLIB)/include \
	-isystem $(GCC_INCLUDE) -idirafter include -idirafter include/x86 -idirafter $(O)/include -I$(O)/libc \
	-D__XEN_INTERFACE_VERSION__=$(XEN_IFV) -D__MINIOS_ARCH_$(ARCH)__ \
	$(foreach o,$(CONFIG_OPTIONS),-DCONFIG_$(o)=$(if $(filter y,$(CONFIG_$(o))),1,0))
LIBC_CFLAGS := -std=gnu11 -O2 -g $(NEWLIB_CFLAGS) -fno-common -fno-strict-aliasing \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes -Wmissing-prototypes

libc-core := libc/core/fdtab.c libc/core/fileio.c libc/core/vfs.c libc/core/path.c libc/core/poll.c \
	libc/core/console_fd.c libc/core/kglue.c libc/core/pipe.c libc/core/mounts.c
libc-newlib := $(filter-out libc/core/%,$(wildcard libc/*.c))
# Sockets as descriptors: the kernel half on lwIP (libc/socket.c is the newlib half).
libc-sock := libc/core/socket.c libc/core/sockio.c libc/core/sockopt.c

ifeq ($(CONFIG_LIBC),y)
src-y += $(libc-core) $(libc-newlib)
src-$(CONFIG_LWIP) += $(libc-sock)
# newlib's libraries, linked after the kernel (also sdk/sdk.mk's MINIOS_LIBS).
libc-libs-y := $(NEWLIB)/lib/libm.a $(NEWLIB)/lib/libc.a
LIBC_OBJS = $(patsubst %.c,$(O)/%.o,$(libc-newlib) $(wildcard tests/guest/libc/*.c)) \
	$(LIBC_APP_OBJS)

# Always asked; the symlink (and so everything compiled against it) changes only when
# tools/build-newlib picks another cache entry (tarball, flags or script changed).
$(O)/newlib.stamp: FORCE | $(O)/include/xen
	@dir=$$(tools/build-newlib $(ARCH) $(NEWLIB_CACHE) "$(NEWLIB_CFLAGS)") || exit 1; \
	case $$dir in /*) ;; *) dir=$$PWD/$$dir ;; esac; \
	if [ "$$(readlink $(NEWLIB))" != "$$dir" ] || [ ! -f $@ ]; then \
		ln -sfn "$$dir" $(NEWLIB) && touch $@; fi
$(libc-libs-y): $(O)/newlib.stamp

# The kernel's own versions of C library names (snprintf, strlen, strtol, ...) stay the
# kernel's: kernel-side objects are linked into one relocatable object in which those
# names are made local, so newlib-side code and newlib get newlib's. malloc and friends
# stay global: they are the libc's heap (libc/malloc.c). kernel-libc.o is the kernel alone
# (for libminios.a); image-libc.o adds the in-tree application's kernel-side objects.
LIBC_SHARED_SYMS := malloc free calloc realloc memalign
define libc-localize
	$(quiet) LD $@
	$(Q)$(LD) -r -m $(arch-ldemul-$(ARCH)) -z noexecstack -o $@.tmp $(filter %.o,$^)
	$(Q)$(NM) -g --defined-only $(libc-libs-y) 2>/dev/null | awk 'NF == 3 {print $$3}' | \
		sort -u > $@.libc
	$(Q)$(NM) -g --defined-only $@.tmp | awk 'NF == 3 {print $$3}' | sort -u | \
		comm -12 - $@.libc | grep -vxF $(addprefix -e ,$(LIBC_SHARED_SYMS)) > $@.local || true
	$(Q)$(OBJCOPY) --localize-symbols=$@.local $@.tmp $@
	$(Q)rm -f $@.tmp $@.libc
endef
# (Second expansion: OBJS and INTREE_APP_OBJS are only complete after this file.)
.SECONDEXPANSION:
$(O)/kernel-libc.o: $$(filter-out $$(LIBC_OBJS),$$(OBJS)) $(libc-libs-y)
	$(libc-localize)
$(O)/image-libc.o: $$(filter-out $$(LIBC_OBJS),$$(OBJS) $$(INTREE_APP_OBJS)) $(libc-libs-y)
	$(libc-localize)

$(LIBC_OBJS): CPPFLAGS := $(LIBC_CPPFLAGS)
$(LIBC_OBJS): CFLAGS := $(LIBC_CFLAGS)
$(LIBC_OBJS): $(O)/newlib.stamp $(O)/libc/kerrno.h
endif

# Kernel errno values as a table for libc/errno.c, taken from include/errno.h.
$(O)/libc/kerrno.h: include/errno.h
	@mkdir -p $(dir $@)
	$(Q)sed -n 's/^#define \(E[A-Z0-9]*\) *\([0-9][0-9]*\)$$/KERRNO(\1, \2)/p' $< > $@

.PHONY: FORCE
FORCE:
