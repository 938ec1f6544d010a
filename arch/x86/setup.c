/* SPDX-License-Identifier: BSD-2-Clause */
/* Start of day on x86, both modes: keep start_info and print the start-of-day dump. */
#include <kernel.h>
#include <hypervisor.h>
#include <string.h>
#include <arch/setup.h>

start_info_t start_info;
shared_info_t *shared_info;
unsigned long *phys_to_machine_mapping;

void init_start_info(const start_info_t *si)
{
    memcpy(&start_info, si, sizeof(start_info));
    start_info.cmd_line[sizeof(start_info.cmd_line) - 1] = '\0';
    phys_to_machine_mapping = (unsigned long *)start_info.mfn_list;
}

const char *kernel_cmdline(void)
{
    return (const char *)start_info.cmd_line;
}

static void print_xen_version(void)
{
    xen_extraversion_t extra;
    int version = HYPERVISOR_xen_version(XENVER_version, NULL);

    if (HYPERVISOR_xen_version(XENVER_extraversion, extra))
        extra[0] = '\0';
    extra[sizeof(extra) - 1] = '\0';
    printk("Xen version %d.%d%s\n", version >> 16, version & 0xffff, extra);
}

void print_start_of_day(void)
{
    printk("Xen Mini-OS (" ARCH_NAME ") booting\n");
    print_xen_version();
    arch_print_start_info();
}
