/* SPDX-License-Identifier: BSD-2-Clause */
/* Leaving the domain: clean shutdown with a reason, and panic for the unrecoverable. */
#include <kernel.h>
#include <hypervisor.h>
#include <shutdown.h>
#include <arch/traps.h>

void kernel_shutdown(unsigned int reason)
{
    struct sched_shutdown op = {.reason = reason};

    printk_flush();
    for (;;)
        HYPERVISOR_sched_op(SCHEDOP_shutdown, &op);
}

/* A clean power-off closes the drivers first; a crash does not trust their state. */
void poweroff(void)
{
    run_shutdown_hooks(SHUTDOWN_poweroff);
    printk("Powering off\n");
    kernel_shutdown(SHUTDOWN_poweroff);
}

void crash(void)
{
    printk("Crashing the domain\n");
    kernel_shutdown(SHUTDOWN_crash);
}

void panic(const char *fmt, ...)
{
    va_list ap;

    printk("\n*** PANIC: ");
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n");
    backtrace((unsigned long)__builtin_frame_address(0), (unsigned long)&&here);
here:
    crash();
}
