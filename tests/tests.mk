# SPDX-License-Identifier: BSD-2-Clause
# Test targets: make test (everything, see tests/run), testbuild, style, unit-tests, run.
include tests/unit/unit.mk

test:
	@tools/install-deps test
	@tests/run

testbuild:
	@tools/testbuild

style:
	@tools/check-style

# Boot the kernel under Xen (in QEMU unless this is a Xen host) with domain_config.
# Installs the build dependencies first, so this works on a fresh machine.
run:
	@tools/install-deps build run
	@$(MAKE) --no-print-directory all build/disk.img
	@# Leaving with Ctrl-] destroys the domain (status 2): the normal end of a run.
	@tools/xenrun --dom0 tools/dom0/try-daytime $(RUN_FLAGS) domain_config; rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 2 ] || exit $$rc

# The scratch disk domain_config gives the demo (which overwrites it with test patterns).
build/disk.img:
	@mkdir -p build
	truncate -s 16M $@
