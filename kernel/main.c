/* SPDX-License-Identifier: BSD-2-Clause */
/* start_kernel: the boot sequence, one init step per line, in the order they depend. */
#include <kernel.h>
#include <console.h>
#include <balloon.h>
#include <events.h>
#include <gnttab.h>
#include <mm.h>
#include <sched.h>
#include <time.h>
#include <xenbus.h>
#include <shutdown.h>
#include <arch/setup.h>
#include <arch/traps.h>

/* The stack canary changes while start_kernel runs: its own frame must not carry one. */
void start_kernel(start_info_t *si) __noreturn __attribute__((no_stack_protector));

/* NOW() as soon as start_kernel can read the clock, and when the application starts. */
static uint64_t boot_ns, app_ns;

uint64_t boot_start_ns(void)
{
    return boot_ns;
}

uint64_t app_start_ns(void)
{
    return app_ns;
}

/* The application runs in its own thread; when it returns, the domain powers off. */
static void app_thread(void *arg)
{
    int rc;

    app_ns = NOW();
    printk("boot: start_kernel at %llu ns, application at %llu ns (+%llu us)\n",
           (unsigned long long)boot_ns, (unsigned long long)app_ns,
           (unsigned long long)(app_ns - boot_ns) / 1000);
    rc = app_main();

    printk("Application returned %d\n", rc);
    poweroff();
}

void start_kernel(start_info_t *si)
{
    /* Copy start_info: everything below reads the copy. */
    init_start_info(si);
    /* Exception handlers first, so any later mistake is reported, not a silent crash. */
    init_traps();
    /* shared_info holds the event bits and the clock. */
    init_shared_info();
    /* The stack-protector canary, from the TSC and Xen's clocks (needs shared_info). */
    init_stack_protector();
    /* The first moment the PV clock (in shared_info) can be read. */
    boot_ns = NOW();
    /* From here printk reaches `xl console` through the PV console ring. */
    init_console();
    print_start_of_day();
    /* Map all memory; page allocator and heap; page 0 unmapped, text read-only. */
    init_mm();
    /* Event upcall and failsafe entry points; every port starts masked. */
    init_events();
    /* PV clock and the timer VIRQ that ends the idle thread's sleep. */
    init_time();
    /* Thread bookkeeping; the boot stack becomes the idle thread below. */
    init_sched();
    /* Console input: typed bytes reach console_read_line (needs events). */
    init_console_input();
    /* Grant table frames, mapped with map_frames (needs the page allocator). */
    init_gnttab();
    /* Store ring and its reply thread; requests work once threads run. */
    init_xenbus();
    /* Thread watching control/shutdown, so `xl shutdown` and `xl reboot` work. */
    init_shutdown_watch();
    /* CONFIG_BALLOON: a thread following memory/target (xl mem-set); else a no-op. */
    init_balloon();
    local_irq_enable();

    printk("Running %s\n", IS_ENABLED(CONFIG_TEST) ? "tests" : "application");
    if (!create_thread("main", app_thread, NULL))
        panic("cannot create the application thread");
    run_idle_thread();
}
