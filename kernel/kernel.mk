# SPDX-License-Identifier: BSD-2-Clause
# Portable kernel core, and the application linked on top: the demo or the test suite.
src-y += kernel/main.c
src-y += kernel/printk.c
src-y += kernel/events.c
src-y += kernel/shutdown.c
src-y += kernel/stack_protector.c
src-y += kernel/symbols.c
src-y += kernel/time.c
src-y += kernel/sched.c
src-y += kernel/wait.c
src-y += kernel/xenbus_wire.c
src-y += kernel/xenbus.c
src-y += kernel/xenbus_ops.c
src-y += kernel/xenbus_frontend.c
src-y += kernel/xenbus_hotplug.c
src-y += kernel/gnttab.c
src-y += kernel/shutdown_watch.c
src-$(CONFIG_BALLOON) += kernel/balloon_watch.c

# The demo: a thread per enabled frontend, each in kernel/demo/NAME.c.
demo-y := kernel/demo/main.c
demo-$(CONFIG_CONSFRONT) += kernel/demo/console.c
demo-$(CONFIG_BLKFRONT) += kernel/demo/blkfront.c
demo-$(CONFIG_NETFRONT) += kernel/demo/netfront.c
demo-$(CONFIG_LWIP) += kernel/demo/net.c
demo-$(CONFIG_FBFRONT) += kernel/demo/fbfront.c
demo-$(CONFIG_KBDFRONT) += kernel/demo/kbdfront.c

# The application of the kernel image: the demo, or the test suite with CONFIG_TEST;
# app-src is compiled with APP_CFLAGS (SSE). The libc suites (tests/guest/libc, built
# against newlib) or, without CONFIG_LIBC, a stub that reports them skipped.
guest-libc-y := $(wildcard tests/guest/libc/*.c)
guest-libc-n := tests/guest/libc_skip.c
app-n := $(demo-y)
app-y := $(filter-out tests/guest/libc_skip.c,$(wildcard tests/guest/*.c)) \
	$(guest-libc-$(CONFIG_LIBC))
app-src += $(app-$(CONFIG_TEST))

# Only in libminios.a (sdk/sdk.mk): app_main() calling the application's main().
lib-src-y := kernel/app_main.c
