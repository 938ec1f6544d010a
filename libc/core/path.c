/* SPDX-License-Identifier: BSD-2-Clause */
/* Path normalisation for the mount table (pure: also unit-tested on the host). */
#include <errno.h>
#include <string.h>
#include "core.h"

/*
 * Normalise path into out (size PATH_MAX_LEN): absolute, no "." or "..", no repeated or
 * trailing "/". ".." at the root stays at the root, as POSIX says. 0 or -errno.
 */
int vfs_normalise(const char *path, char *out)
{
    size_t len = 0;

    if (!path)
        return -EFAULT;
    if (!*path)
        return -ENOENT;
    while (*path) {
        const char *end = strchr(path, '/');
        size_t n = end ? (size_t)(end - path) : strlen(path);

        if (n == 0 || (n == 1 && path[0] == '.')) {
            /* nothing: "//" or "/./" */
        } else if (n == 2 && path[0] == '.' && path[1] == '.') {
            while (len > 0 && out[--len] != '/')
                ; /* drop the last component and its "/" */
        } else {
            if (len + 1 + n >= PATH_MAX_LEN)
                return -ENAMETOOLONG;
            out[len] = '/';
            memcpy(out + len + 1, path, n);
            len += 1 + n;
        }
        path += n;
        if (*path == '/')
            path++;
    }
    if (len == 0)
        out[len++] = '/';
    out[len] = '\0';
    return 0;
}
