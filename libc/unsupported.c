/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What one process in a PV domain cannot do: each of these fails with -1 and errno ENOSYS
 * (never a silent success), and the README lists them. A few harmless identity calls
 * answer as root in "/".
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc.h"

int libc_enosys(void)
{
    errno = ENOSYS;
    return -1;
}

pid_t fork(void)
{
    return libc_enosys();
}

int execve(const char *path, char *const argv[], char *const envp[])
{
    return libc_enosys();
}

pid_t wait(int *status)
{
    return libc_enosys();
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    return libc_enosys();
}

int link(const char *old, const char *new)
{
    return libc_enosys();
}

int symlink(const char *target, const char *path)
{
    return libc_enosys();
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
    return libc_enosys();
}

int chmod(const char *path, mode_t mode)
{
    return libc_enosys();
}

int chown(const char *path, uid_t owner, gid_t group)
{
    return libc_enosys();
}

int mkfifo(const char *path, mode_t mode)
{
    return libc_enosys();
}

int chdir(const char *path)
{
    /* The working directory is always "/": changing to it is the one thing that works. */
    if (path && !strcmp(path, "/"))
        return 0;
    return libc_enosys();
}

char *getcwd(char *buf, size_t size)
{
    if (!buf || size < 2) {
        errno = buf ? ERANGE : EINVAL;
        return NULL;
    }
    strcpy(buf, "/");
    return buf;
}

uid_t getuid(void)
{
    return 0;
}

uid_t geteuid(void)
{
    return 0;
}

gid_t getgid(void)
{
    return 0;
}

gid_t getegid(void)
{
    return 0;
}

mode_t umask(mode_t mask)
{
    return 022;
}

long sysconf(int name)
{
    switch (name) {
    case _SC_PAGESIZE:
        return 4096;
    case _SC_CLK_TCK:
        return CLOCKS_PER_SEC;
    case _SC_OPEN_MAX:
        return FD_MAX;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN:
        return 1;
    default:
        errno = EINVAL;
        return -1;
    }
}

int getpagesize(void)
{
    return 4096;
}
