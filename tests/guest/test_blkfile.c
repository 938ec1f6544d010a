/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw disks as files (include/blkfile.h, tests/boot/blkfile.cfg): xvda is read-only with
 * bytes the host wrote, xvdb writable; unaligned reads and writes, the ends of the disk,
 * names, and the bytes the host checks after the run.
 */
#include <kernel.h>
#include <blkfile.h>
#include <mm.h>
#include <string.h>
#include "test.h"

/* The read-only disk's bytes (the boot test's setup writes the same). */
static uint8_t hpat(uint64_t i)
{
    return (uint8_t)(i * 13 + 5);
}

static void check_names(void)
{
    long a = blkfile_vdev("/dev/xvda"), b = blkfile_vdev("xvdb"), c = blkfile_vdev("51712");
    long d = blkfile_vdev("/dev/vbd/51728"), e = blkfile_vdev("/dev/xvdz");
    long f = blkfile_vdev("/dev/sda");

    test_check("blkfile_names",
               a == 51712 && b == 51728 && c == 51712 && d == 51728 && e == -ENOENT && f == -ENOENT,
               "%ld %ld %ld %ld %ld %ld", a, b, c, d, e, f);
}

static void check_read(void)
{
    struct blkfile *bf;
    uint8_t *buf = malloc(300000);
    long n1 = -1, n2 = -1, n3 = -1;
    size_t bad = 0;
    uint64_t size = 0;
    int rc = buf ? blkfile_open("/dev/xvda", false, &bf) : -ENOMEM;
    int w = 0;

    if (!rc) {
        size = blkfile_size(bf);
        n1 = blkfile_pread(bf, buf, 300000, 1234567); /* unaligned, several bounce loads */
        for (long i = 0; i < n1; i++)
            bad += buf[i] != hpat(1234567 + (uint64_t)i);
        n2 = blkfile_pread(bf, buf, 100, size - 10); /* short at the end */
        n3 = blkfile_pread(bf, buf, 100, size);      /* at the end */
        w = (int)blkfile_pwrite(bf, "x", 1, 0);
        blkfile_close(bf);
    }
    test_check("blkfile_read_unaligned", !rc && n1 == 300000 && !bad, "rc %d read %ld, %zu bad", rc,
               n1, bad);
    test_check("blkfile_read_end", n2 == 10 && n3 == 0 && size == 4u << 20, "size %llu, %ld %ld",
               (unsigned long long)size, n2, n3);
    rc = blkfile_open("/dev/xvda", true, &bf);
    test_check("blkfile_readonly", rc == -EROFS && w == -EBADF, "open-w %d write %d", rc, w);
    rc = blkfile_open("/dev/xvdd", false, &bf);
    test_check("blkfile_missing", rc == -ENOENT || rc == -ETIMEDOUT, "rc %d", rc);
    free(buf);
}

/* Writes the host checks: "head" at 1, "mid..." across a 128 KiB bounce edge, "tail" at
 * the last 4 bytes; the bytes around them stay zero. */
static void check_write(void)
{
    static const char mid[] = "across the bounce buffer edge";
    struct blkfile *bf;
    char back[64] = {0};
    uint64_t size = 0;
    long a = -1, b = -1, c = -1, d = -1, r = -1;
    int rc = blkfile_open("/dev/xvdb", true, &bf);

    if (!rc) {
        size = blkfile_size(bf);
        a = blkfile_pwrite(bf, "head", 4, 1);
        b = blkfile_pwrite(bf, mid, sizeof(mid) - 1, 128 * 1024 - 7);
        c = blkfile_pwrite(bf, "tail!", 5, size - 4);
        d = blkfile_pwrite(bf, "x", 1, size);
        r = blkfile_pread(bf, back, sizeof(mid) - 1, 128 * 1024 - 7);
        rc = blkfile_close(bf);
    }
    test_check("blkfile_write_unaligned",
               !rc && a == 4 && b == (long)sizeof(mid) - 1 && c == 4 && d == -ENOSPC && r == b &&
                   !memcmp(back, mid, (size_t)b),
               "rc %d writes %ld %ld %ld %ld read %ld", rc, a, b, c, d, r);
}

void suite_blkfile(void)
{
    if (!IS_ENABLED(CONFIG_BLKFRONT)) {
        test_report("blkfile_names", TEST_SKIP, "CONFIG_BLKFRONT=n");
        return;
    }
    check_names();
    check_read();
    check_write();
}
