/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Starting a C program on the libc (CONFIG_LIBC): from the kernel's application thread,
 * libc_start_main(main) builds argc/argv/environ from the kernel command line (xl "extra"),
 * runs main and calls exit() with its result (which powers the domain off).
 */
#ifndef MINIOS_LIBC_START_H
#define MINIOS_LIBC_START_H

/*
 * Words of the command line separated by blanks ("double quotes" group a word): NAME=VALUE
 * words before a "--" word go to *envp, the others to *argvp after argv[0] = "mini-os".
 * Both arrays are static and NULL-terminated (at most 64 words). Returns argc.
 */
int libc_parse_cmdline(const char *cmdline, char ***argvp, char ***envp);

void libc_start_main(int (*main)(int argc, char **argv)) __attribute__((noreturn));

#endif
