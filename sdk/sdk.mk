# SPDX-License-Identifier: BSD-2-Clause
# The kernel as a library for applications: O/libminios.a holds one relocatable object of
# every kernel object in which only the export list (tools/mkexports: the API named in
# include/, and what the libc leaves undefined) stays global, so an application may define
# any other name. `make APP=dir` links the application in dir with it (sdk/app.mk);
# `make install-sdk DESTDIR=dir` installs headers, library, linker script and make fragments
# for building applications without this tree.
SDK_LIBC := $(if $(filter y,$(CONFIG_LIBC)),y,n)
# With CONFIG_LIBC: the kernel whose libc-named symbols libc/libc.mk already made local
# (kernel-libc.o) and the libc glue compiled against newlib; the libraries (libc-libs-y)
# are newlib's.
lib-objs-n := $(OBJS)
lib-objs-y := $(O)/kernel-libc.o $(patsubst %.c,$(O)/%.o,$(libc-newlib))
LIB_OBJS := $(lib-objs-$(SDK_LIBC)) $(patsubst %.c,$(O)/%.o,$(lib-src-y))
LIB_LIBS := $(libc-libs-y)
# The API: names in these headers (with the libc: newlib's and the glue's headers too).
api-dirs-n := include
api-dirs-y := include libc/include $(NEWLIB)/include
API_DIRS := $(api-dirs-$(SDK_LIBC))

$(O)/minios-all.o: $(LIB_OBJS)
	$(quiet) LD $@
	$(Q)$(LD) -r -m $(arch-ldemul-$(ARCH)) -z noexecstack $(LIB_OBJS) -o $@

$(O)/minios.exports: $(O)/minios-all.o tools/mkexports $(wildcard include/*.h include/*/*.h \
		include/*/*/*.h libc/include/*.h libc/include/*/*.h) $(LIB_LIBS)
	$(quiet) EXPORTS $@
	$(Q)NM=$(NM) CC=$(CC) sh tools/mkexports $< "$(API_DIRS)" $(LIB_LIBS) > $@.tmp
	$(Q)mv $@.tmp $@

$(O)/libminios.a: $(O)/minios-all.o $(O)/minios.exports
	$(quiet) AR $@
	$(Q)$(OBJCOPY) --keep-global-symbols=$(O)/minios.exports --keep-global-symbol=_start \
		$< $(O)/minios.o
	$(Q)rm -f $@ && $(AR) rcD $@ $(O)/minios.o

# Application code: the kernel's include paths and options, its ABI (no red zone: events
# arrive on the thread's stack; -fno-pic: linked at a fixed address), but SSE allowed and
# warnings not fatal, since applications include third-party code built unmodified. With
# the libc: newlib's headers first and its flags (libc/libc.mk), the kernel's after them.
app-cppflags-n = $(CPPFLAGS)
app-cppflags-y = $(filter-out -I$(O)/libc,$(LIBC_CPPFLAGS))
app-cflags-n := -ffreestanding -fno-stack-protector -fno-pic -fno-pie -fno-omit-frame-pointer \
	$(arch-cflags-$(ARCH)) $(app-sse-$(ARCH))
app-cflags-y := $(NEWLIB_CFLAGS)
MINIOS_CPPFLAGS = $(app-cppflags-$(SDK_LIBC))
MINIOS_CFLAGS := -std=gnu11 -O2 -g -fno-common -Wall $(app-cflags-$(SDK_LIBC))
MINIOS_LIBS := $(LIB_LIBS) $(LIBGCC)
MINIOS_LIB := $(O)/libminios.a
MINIOS_LDSCRIPT := $(LDSCRIPT)
MINIOS_LDFLAGS := $(LDFLAGS)
MINIOS_ASFLAGS := $(ASFLAGS)
MKSYMS := tools/mksyms
MINIOS_DEPS := $(O)/include/xen $(if $(LIB_LIBS),$(O)/newlib.stamp)
MINIOS_OPTIONS := $(foreach o,$(CONFIG_OPTIONS),CONFIG_$(o)=$(CONFIG_$(o)))
# Where applications keep downloaded sources (apps/lua), shared by every build tree.
MINIOS_DL ?= $(abspath build/dl)

ifneq ($(APP),)
include sdk/app.mk

# make APP=dir run boots this: dir/domain_config, or sdk/domain_config.in, with @KERNEL@,
# @APP@ (the application directory), @O@ and @NAME@ filled in as absolute paths.
APP_RUN_CONFIG := $(firstword $(wildcard $(APP)/domain_config) sdk/domain_config.in)
$(O)/domain_config: $(APP_RUN_CONFIG) $(FLAGS_STAMP)
	$(quiet) GEN $@
	$(Q)sed -e 's|@KERNEL@|$(abspath $(O))/mini-os.gz|g' -e 's|@APP@|$(APP_DIR)|g' \
		-e 's|@O@|$(abspath $(O))|g' -e 's|@NAME@|$(APP_NAME)|g' $< > $@
endif

# The SDK for one architecture: DESTDIR/{include,lib,share/minios}; see sdk/minios.mk.in.
# Its include order is the tree's: with the libc, newlib's headers (include/newlib) and the
# glue's (include/libc) before the kernel's.
sdk-inc-n := -isystem $$(MINIOS_GCC_INCLUDE) -I$$(MINIOS_SDK)/include \
	-I$$(MINIOS_SDK)/include/x86
sdk-inc-y := -isystem $$(MINIOS_SDK)/include/libc -isystem $$(MINIOS_SDK)/include/newlib \
	-isystem $$(MINIOS_GCC_INCLUDE) -idirafter $$(MINIOS_SDK)/include \
	-idirafter $$(MINIOS_SDK)/include/x86
SDK_CPPFLAGS := -nostdinc $(sdk-inc-$(SDK_LIBC)) $(filter -D%,$(CPPFLAGS))
SDK_SUBST := -e 's|@ARCH@|$(ARCH)|' -e 's|@CPPFLAGS@|$(SDK_CPPFLAGS)|' \
	-e 's|@CFLAGS@|$(MINIOS_CFLAGS)|' -e 's|@LDFLAGS@|$(MINIOS_LDFLAGS)|' \
	-e 's|@ASFLAGS@|$(MINIOS_ASFLAGS)|' -e 's|@ARCHFLAGS@|$(arch-cflags-$(ARCH))|' \
	-e 's|@OPTIONS@|$(MINIOS_OPTIONS)|' \
	-e 's|@LIBS@|$(addprefix $$(MINIOS_SDK)/lib/,$(notdir $(LIB_LIBS)))|'

install-sdk: $(O)/libminios.a
	@test -n "$(DESTDIR)" || { echo "usage: make install-sdk DESTDIR=dir" >&2; exit 1; }
	$(quiet) INSTALL $(DESTDIR)
	$(Q)mkdir -p $(DESTDIR)/include/x86/arch $(DESTDIR)/lib $(DESTDIR)/share/minios
	$(Q)cp include/*.h $(DESTDIR)/include/
	$(Q)cp include/x86/arch/*.h $(DESTDIR)/include/x86/arch/
	$(Q)ln -sfn $(XEN_HEADERS) $(DESTDIR)/include/xen
	$(Q)$(if $(LIB_LIBS),rm -rf $(DESTDIR)/include/libc $(DESTDIR)/include/newlib && \
		cp -r libc/include $(DESTDIR)/include/libc && \
		cp -rL $(NEWLIB)/include $(DESTDIR)/include/newlib,:)
	$(Q)cp $(O)/libminios.a $(LIB_LIBS) $(DESTDIR)/lib/
	$(Q)cp $(LDSCRIPT) $(DESTDIR)/lib/minios.lds
	$(Q)cp sdk/app.mk sdk/link.mk $(DESTDIR)/share/minios/
	$(Q)cp tools/mksyms $(DESTDIR)/share/minios/mksyms
	$(Q)sed $(SDK_SUBST) sdk/minios.mk.in > $(DESTDIR)/share/minios/minios.mk
