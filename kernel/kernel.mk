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

app-n := kernel/app.c
app-y := tests/guest/main.c tests/guest/test_boot.c tests/guest/test_sched.c \
	tests/guest/test_events.c
src-y += $(app-$(CONFIG_TEST))
