/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The file systems an application finds before main(): each 9pfs share at /<tag> and each
 * disk at /dev/xvdX (and /dev/vbd/N). A share or disk that cannot be mounted is reported by
 * name; the application still starts, and opening its paths then fails with ENOENT.
 */
#include <kernel.h>
#include <blkfile.h>
#include <p9fs.h>
#include "../kernapi.h"

void kprocess_mount_files(void)
{
    int rc;

    if (IS_ENABLED(CONFIG_9PFS)) {
        rc = p9fs_mount_all();
        if (rc < 0)
            printk("libc: 9pfs shares not mounted: %s (%s)\n", strerror_name(rc),
                   strerror_desc(rc));
    }
    if (IS_ENABLED(CONFIG_BLKFRONT)) {
        rc = blkfile_mount_all();
        if (rc < 0)
            printk("libc: disks not mounted as files: %s (%s)\n", strerror_name(rc),
                   strerror_desc(rc));
    }
}
