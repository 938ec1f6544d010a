/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The entry of an application built on libminios.a (make APP=dir): its main(). With the
 * libc, libc_start_main gives it argc/argv/environ from the command line and exit()s with
 * its result; without, main gets only argv[0] and the kernel powers off when it returns.
 */
#include <kernel.h>
#include <libc_start.h>

/* Defined by the application; not in a header, so it may also be `int main(void)`. */
int main(int argc, char *argv[]);

int app_main(void)
{
    static char name[] = "app";
    char *argv[] = {name, NULL};

    if (IS_ENABLED(CONFIG_LIBC))
        libc_start_main(main);
    return main(1, argv);
}
