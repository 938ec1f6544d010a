# SPDX-License-Identifier: BSD-2-Clause
# Portable kernel core, and the application linked on top: the demo or the test suite.
src-y += kernel/main.c
src-y += kernel/console.c
src-y += kernel/events.c
src-y += kernel/shutdown.c
src-y += kernel/symbols.c
src-y += kernel/time.c
src-y += kernel/sched.c
src-y += kernel/wait.c
src-y += kernel/xenbus_wire.c
src-y += kernel/xenbus.c
src-y += kernel/xenbus_ops.c
src-y += kernel/xenbus_frontend.c
src-y += kernel/gnttab.c
src-y += kernel/shutdown_watch.c

app-n := kernel/app.c
app-y := tests/guest/main.c tests/guest/test_boot.c tests/guest/test_sched.c \
	tests/guest/test_events.c tests/guest/test_time.c
app-y += tests/guest/test_xenbus.c tests/guest/test_gnttab.c tests/guest/test_xenbus_frontend.c
app-y += tests/guest/test_mm.c
src-y += $(app-$(CONFIG_TEST))
