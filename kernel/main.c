/* SPDX-License-Identifier: BSD-2-Clause */
/* start_kernel: the boot sequence, one init step per line, in the order they depend. */
#include <kernel.h>
#include <events.h>
#include <arch/setup.h>
#include <arch/traps.h>

void start_kernel(start_info_t *si) __noreturn;

void start_kernel(start_info_t *si)
{
    /* Copy start_info: everything below reads the copy. */
    init_start_info(si);
    /* Exception handlers first, so any later mistake is reported, not a silent crash. */
    init_traps();
    /* shared_info holds the event bits and the clock. */
    init_shared_info();
    /* From here printk reaches `xl console` through the PV console ring. */
    init_console();
    print_start_of_day();
    /* Event upcall and failsafe entry points; every port starts masked. */
    init_events();
    local_irq_enable();

    printk("Running %s\n", IS_ENABLED(CONFIG_TEST) ? "tests" : "application");
    app_main();
    poweroff();
}
