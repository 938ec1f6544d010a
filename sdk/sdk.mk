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
	-fno-common -fno-omit-frame-pointer -Wall $(arch-cflags-$(ARCH))
MINIOS_LIB := $(O)/libminios.a
MINIOS_LDSCRIPT := $(LDSCRIPT)
MINIOS_LDFLAGS := $(LDFLAGS)
MINIOS_ASFLAGS := $(ASFLAGS)
MKSYMS := tools/mksyms
MINIOS_DEPS := $(O)/include/xen

ifneq ($(APP),)
include sdk/app.mk
endif
