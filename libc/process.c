/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one process: argc/argv/environ from the kernel command line (xl "extra"), exit() and
 * _exit() powering the domain off with the status printed as "exit status N", abort() and
 * fatal signals crashing it with a backtrace.
 *
 * Command line: words separated by blanks, "double quotes" group a word. NAME=VALUE words
 * before a "--" word go to the environment, everything else to argv after argv[0].
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libc_start.h>
#include "libc.h"

#define MAX_ARGS 64

extern char **environ;

static bool is_assignment(const char *w)
{
    const char *eq = strchr(w, '=');

    if (!eq || eq == w || (w[0] >= '0' && w[0] <= '9'))
        return false;
    for (const char *p = w; p < eq; p++)
        if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9')))
            return false;
    return true;
}

/* Split line (modified in place) into words: the count, at most max. */
static int split_words(char *line, char **words, int max)
{
    int n = 0;
    char *in = line, *out = line;

    while (*in && n < max) {
        bool quoted = false;

        while (*in == ' ' || *in == '\t')
            in++;
        if (!*in)
            break;
        words[n++] = out;
        for (; *in && (quoted || (*in != ' ' && *in != '\t')); in++) {
            if (*in == '"')
                quoted = !quoted;
            else
                *out++ = *in;
        }
        if (*in)
            in++;
        *out++ = '\0';
    }
    return n;
}

int libc_parse_cmdline(const char *cmdline, char ***argvp, char ***envp)
{
    static char *argv[MAX_ARGS + 2], *env[MAX_ARGS + 1];
    static char line[1024];
    char *words[MAX_ARGS];
    int argc = 1, nenv = 0, n;
    bool options = true;

    strncpy(line, cmdline, sizeof(line) - 1);
    n = split_words(line, words, MAX_ARGS);
    argv[0] = "mini-os";
    for (int i = 0; i < n; i++) {
        if (options && !strcmp(words[i], "--"))
            options = false;
        else if (options && is_assignment(words[i]))
            env[nenv++] = words[i];
        else
            argv[argc++] = words[i];
    }
    argv[argc] = NULL;
    env[nenv] = NULL;
    *argvp = argv;
    *envp = env;
    return argc;
}

void libc_start_main(int (*main)(int argc, char **argv))
{
    char **argv;
    int argc = libc_parse_cmdline(kprocess_cmdline(), &argv, &environ);

    kprocess_mount_files();
    exit(main(argc, argv));
}

void _exit(int status)
{
    kprocess_exit(status);
}

void abort(void)
{
    kprocess_abort("abort() called");
}

pid_t getpid(void)
{
    return 1;
}

/* Only this process exists; a signal without a handler ends it like abort(). */
int kill(pid_t pid, int sig)
{
    if (pid != 1 && pid != 0 && pid != -1) {
        errno = ESRCH;
        return -1;
    }
    if (sig == 0)
        return 0;
    if (sig < 0 || sig >= NSIG) {
        errno = EINVAL;
        return -1;
    }
    kprocess_abort(sig == SIGABRT ? "abort() called" : "killed by a signal");
}
