# SPDX-License-Identifier: BSD-2-Clause
# Link a bootable image: IMAGE-debug, IMAGE (stripped) and IMAGE.gz from IMAGE_INPUTS
# (objects and archives, in order) with IMAGE_LIBS after them, for the kernel, an
# application (sdk/app.mk) and the installed SDK alike. The includer sets IMAGE, IMAGE_INPUTS,
# IMAGE_LIBS, IMAGE_LDSCRIPT, IMAGE_LDFLAGS, IMAGE_ASFLAGS and MKSYMS (tools/mksyms), and may
# set IMAGE_LINK (the inputs as given to ld, e.g. with --whole-archive; default IMAGE_INPUTS).
#
# Two passes: the first image gives the addresses for the symbol table the fault handler
# prints; the table lives after .text, so adding it moves no function.
IMAGE_DIR := $(dir $(IMAGE))
IMAGE_LINK ?= $(IMAGE_INPUTS)
IMAGE_LIB_FILES := $(filter %.a %.o,$(IMAGE_LIBS))

$(IMAGE)-pass1: $(IMAGE_INPUTS) $(IMAGE_LIB_FILES) $(IMAGE_DIR)ksyms-empty.o $(IMAGE_LDSCRIPT)
	$(quiet) LD $@
	$(Q)$(LD) $(IMAGE_LDFLAGS) -T $(IMAGE_LDSCRIPT) $(IMAGE_LINK) \
		$(IMAGE_DIR)ksyms-empty.o $(IMAGE_LIBS) -o $@

$(IMAGE_DIR)ksyms-empty.S: $(MKSYMS)
	@mkdir -p $(dir $@)
	$(Q)sh $(MKSYMS) /dev/null > $@

$(IMAGE_DIR)ksyms.S: $(IMAGE)-pass1 $(MKSYMS)
	$(quiet) SYMS $@
	$(Q)$(NM) -n $< | sh $(MKSYMS) - > $@

$(IMAGE_DIR)ksyms-empty.o $(IMAGE_DIR)ksyms.o: $(IMAGE_DIR)%.o: $(IMAGE_DIR)%.S
	$(Q)$(CC) $(IMAGE_ASFLAGS) -c $< -o $@

$(IMAGE)-debug: $(IMAGE_INPUTS) $(IMAGE_LIB_FILES) $(IMAGE_DIR)ksyms.o $(IMAGE_LDSCRIPT)
	$(quiet) LD $@
	$(Q)$(LD) $(IMAGE_LDFLAGS) -T $(IMAGE_LDSCRIPT) $(IMAGE_LINK) \
		$(IMAGE_DIR)ksyms.o $(IMAGE_LIBS) -o $@
	@$(NM) -n $(IMAGE)-pass1 | grep -i ' t ' > $(IMAGE_DIR)syms1.txt
	@$(NM) -n $@ | grep -i ' t ' > $(IMAGE_DIR)syms2.txt
	@cmp -s $(IMAGE_DIR)syms1.txt $(IMAGE_DIR)syms2.txt || \
		{ echo "symbol table moved .text" >&2; exit 1; }

$(IMAGE): $(IMAGE)-debug
	$(quiet) STRIP $@
	$(Q)$(OBJCOPY) --strip-debug $< $@

$(IMAGE).gz: $(IMAGE)
	$(quiet) GZIP $@
	$(Q)gzip -9 -n -c $< > $@
