# SPDX-License-Identifier: BSD-2-Clause
# Test targets: make test (everything, see tests/run), testbuild, style, unit-tests, run.
include tests/unit/unit.mk

test:
	@tools/install-deps test
	@tests/run

testbuild:
	@tools/testbuild

# Our kernel next to a Linux PV guest in one runner boot (not part of make test: timings
# are noisy; make test runs tools/bench/bench --smoke). ~25 min on 2 idle cores.
# NET=1: only the TCP guests (iperf against lwiperf and Linux).
bench:
	@tools/install-deps build run
	@tools/bench/bench $(if $(NET),--net) $(BENCH_FLAGS)

style:
	@tools/check-style

# Boot the kernel under Xen (in QEMU unless this is a Xen host) with domain_config, or with
# make APP=dir run, the application with O/domain_config (see sdk/sdk.mk), ending with its
# exit status.
# Installs the build dependencies first, so this works on a fresh machine.
# RUN_TYPE=pvh boots the same image through its PVH entry: domain_config plus type = "pvh",
# written into build/ (so its build/ paths lose that prefix).
RUN_TYPE ?= pv
RUN_CONFIG := $(if $(APP),$(O)/domain_config,$(if $(filter pvh,$(RUN_TYPE)),build/domain_config-pvh,domain_config))
RUN_DEPS := $(if $(APP),$(O)/domain_config,build/disk.img $(filter build/%,$(RUN_CONFIG)))

run:
	@tools/install-deps build run
	@$(MAKE) --no-print-directory all $(RUN_DEPS)
ifeq ($(APP),)
	@# Leaving with Ctrl-] destroys the domain (status 2): the normal end of a run.
	@tools/xenrun --dom0 tools/dom0/try-daytime $(RUN_FLAGS) $(RUN_CONFIG); rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 2 ] || exit $$rc
else
	@# make's status is the application's exit status (libc's "exit status N").
	@tools/xenrun --exit-status $(RUN_FLAGS) $(RUN_CONFIG)
endif

build/domain_config-pvh: domain_config
	@mkdir -p build
	@{ sed -e 's|"build/|"|' -e 's|=build/|=|' $<; echo 'type = "pvh"'; } > $@

# The scratch disk domain_config gives the demo (which overwrites it with test patterns).
build/disk.img:
	@mkdir -p build
	truncate -s 16M $@
