# SPDX-License-Identifier: BSD-2-Clause
# The kernel as a library for applications: O/libminios.a holds one relocatable object of
# every kernel object in which only the export list (tools/mkexports: the API named in
# include/, and what the libc leaves undefined) stays global, so an application may define
# any other name. `make APP=dir` links the application in dir with it (sdk/app.mk);
# `make install-sdk DESTDIR=dir` installs headers, library, linker script and make fragments
# for building applications without this tree.
LIB_OBJS := $(OBJS) $(patsubst %.c,$(O)/%.o,$(lib-src-y))

# Libraries linked after the kernel whose undefined symbols the kernel must export.
MINIOS_LIBS := $(libc-libs-y) $(LIBGCC)

$(O)/minios-all.o: $(LIB_OBJS)
	$(quiet) LD $@
	$(Q)$(LD) -r -m $(arch-ldemul-$(ARCH)) -z noexecstack $(LIB_OBJS) -o $@

$(O)/minios.exports: $(O)/minios-all.o tools/mkexports $(wildcard include/*.h include/*/*.h \
		include/*/*/*.h) $(libc-libs-y)
	$(quiet) EXPORTS $@
	$(Q)NM=$(NM) CC=$(CC) sh tools/mkexports $< include $(libc-libs-y) > $@.tmp
	$(Q)mv $@.tmp $@

$(O)/libminios.a: $(O)/minios-all.o $(O)/minios.exports
	$(quiet) AR $@
	$(Q)$(OBJCOPY) --keep-global-symbols=$(O)/minios.exports --keep-global-symbol=_start \
		$< $(O)/minios.o
	$(Q)rm -f $@ && $(AR) rcD $@ $(O)/minios.o

# Application code: the kernel's include paths and options, its ABI (no red zone: events
# arrive on the thread's stack; -fno-pic: linked at a fixed address), but SSE allowed and
# warnings not fatal, since applications include third-party code built unmodified.
MINIOS_CPPFLAGS = $(CPPFLAGS)
MINIOS_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-stack-protector -fno-pic -fno-pie \
	-fno-common -fno-omit-frame-pointer -Wall $(arch-cflags-$(ARCH)) $(app-sse-$(ARCH))
MINIOS_LIB := $(O)/libminios.a
MINIOS_LDSCRIPT := $(LDSCRIPT)
MINIOS_LDFLAGS := $(LDFLAGS)
MINIOS_ASFLAGS := $(ASFLAGS)
MKSYMS := tools/mksyms
MINIOS_DEPS := $(O)/include/xen
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
SDK_SUBST := -e 's|@ARCH@|$(ARCH)|' -e 's|@DEFINES@|$(filter -D%,$(CPPFLAGS))|' \
	-e 's|@CFLAGS@|$(MINIOS_CFLAGS)|' -e 's|@LDFLAGS@|$(MINIOS_LDFLAGS)|' \
	-e 's|@ASFLAGS@|$(MINIOS_ASFLAGS)|' -e 's|@ARCHFLAGS@|$(arch-cflags-$(ARCH))|' \
	-e 's|@OPTIONS@|$(MINIOS_OPTIONS)|' \
	-e 's|@LIBS@|$(addprefix $$(MINIOS_SDK)/lib/,$(notdir $(libc-libs-y)))|'

install-sdk: $(O)/libminios.a
	@test -n "$(DESTDIR)" || { echo "usage: make install-sdk DESTDIR=dir" >&2; exit 1; }
	$(quiet) INSTALL $(DESTDIR)
	$(Q)mkdir -p $(DESTDIR)/include/x86/arch $(DESTDIR)/lib $(DESTDIR)/share/minios
	$(Q)cp include/*.h $(DESTDIR)/include/
	$(Q)cp include/x86/arch/*.h $(DESTDIR)/include/x86/arch/
	$(Q)ln -sfn $(XEN_HEADERS) $(DESTDIR)/include/xen
	$(Q)cp $(O)/libminios.a $(libc-libs-y) $(DESTDIR)/lib/
	$(Q)cp $(LDSCRIPT) $(DESTDIR)/lib/minios.lds
	$(Q)cp sdk/app.mk sdk/link.mk $(DESTDIR)/share/minios/
	$(Q)cp tools/mksyms $(DESTDIR)/share/minios/mksyms
	$(Q)sed $(SDK_SUBST) sdk/minios.mk.in > $(DESTDIR)/share/minios/minios.mk
