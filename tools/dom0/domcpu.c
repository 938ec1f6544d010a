/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenrun-domcpu DOMID: print the domain's CPU time in seconds (ns resolution) and its state
 * as `xl list` shows it (r b p s c d, "-" when unset), for make bench's readings in dom0. `xl list` gives the same figure (Xen's sum of the vCPUs' running
 * time) to 0.1 s only, and takes seconds under emulation; this takes milliseconds.
 * Exit status 1 if there is no such domain. Built static into the dom0 image (mkdom0).
 */
#include <stdio.h>
#include <stdlib.h>
#include <xenctrl.h>

int main(int argc, char **argv)
{
    xc_interface *xch;
    xc_dominfo_t info;
    uint32_t domid;

    if (argc != 2) {
        fprintf(stderr, "usage: xenrun-domcpu DOMID\n");
        return 2;
    }
    domid = strtoul(argv[1], NULL, 10);
    xch = xc_interface_open(NULL, NULL, 0);
    /* getinfo returns the first domain at or above domid: check it is that one */
    if (!xch || xc_domain_getinfo(xch, domid, 1, &info) != 1 || info.domid != domid)
        return 1;
    printf("%.6f %c%c%c%c%c%c\n", info.cpu_time / 1e9, info.running ? 'r' : '-',
           info.blocked ? 'b' : '-', info.paused ? 'p' : '-', info.shutdown ? 's' : '-',
           info.crashed ? 'c' : '-', info.dying ? 'd' : '-');
    xc_interface_close(xch);
    return 0;
}
