/* SPDX-License-Identifier: BSD-2-Clause */
/* The entry of an application built on libminios.a (make APP=dir): its main(). */
#include <kernel.h>

/* Defined by the application; not in a header, so it may also be `int main(void)`. */
int main(int argc, char *argv[]);

int app_main(void)
{
    static char name[] = "app";
    char *argv[] = {name, NULL};

    return main(1, argv);
}
