/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * filetool: copies, checksums and lists files, e.g. on a 9p share (/share), through the C
 * library. Commands come from the command line (xl "extra"), separated by ";" words:
 *   cp SRC DST      copy, then print the CRC-32 of both and compare them
 *   sum FILE...     print "crc32 XXXXXXXX SIZE FILE" (zlib's CRC-32)
 *   ls DIR          print "SIZE NAME" for each entry
 * Exit status: 0, 1 when a command failed (the errno is printed), 2 when a copy differs.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUF_SIZE 65536

static uint32_t crc_table[256];
static char buf[BUF_SIZE];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;

        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc_update(uint32_t crc, const unsigned char *p, size_t len)
{
    crc = ~crc;
    while (len--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static int fail(const char *what, const char *path)
{
    printf("filetool: %s %s: %s\n", what, path, strerror(errno));
    return 1;
}

/* CRC-32 and size of the file at path: 0, or 1 after printing the error. */
static int checksum(const char *path, uint32_t *crc, long long *size)
{
    int fd = open(path, O_RDONLY);
    ssize_t n;

    if (fd < 0)
        return fail("open", path);
    *crc = 0;
    *size = 0;
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        *crc = crc_update(*crc, (unsigned char *)buf, n);
        *size += n;
    }
    if (n < 0) {
        fail("read", path);
        close(fd);
        return 1;
    }
    close(fd);
    return 0;
}

static int cmd_sum(int argc, char **argv)
{
    int rc = 0;

    for (int i = 0; i < argc; i++) {
        uint32_t crc;
        long long size;

        if (checksum(argv[i], &crc, &size)) {
            rc = 1;
            continue;
        }
        printf("crc32 %08lx %lld %s\n", (unsigned long)crc, size, argv[i]);
    }
    return rc;
}

/* Copy src to dst with write() until every byte is written. */
static int copy(const char *src, const char *dst)
{
    int in = open(src, O_RDONLY), out;
    ssize_t n = 0;

    if (in < 0)
        return fail("open", src);
    out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        close(in);
        return fail("create", dst);
    }
    while ((n = read(in, buf, sizeof(buf))) > 0) {
        for (ssize_t done = 0, w; done < n; done += w) {
            w = write(out, buf + done, n - done);
            if (w <= 0) {
                close(in);
                close(out);
                return fail("write", dst);
            }
        }
    }
    if (n < 0)
        fail("read", src);
    close(in);
    if (close(out) < 0)
        return fail("close", dst);
    return n < 0;
}

static int cmd_cp(int argc, char **argv)
{
    uint32_t crc_src, crc_dst;
    long long size_src, size_dst;

    if (argc != 2) {
        printf("filetool: usage: cp SRC DST\n");
        return 1;
    }
    if (copy(argv[0], argv[1]) || checksum(argv[0], &crc_src, &size_src) ||
        checksum(argv[1], &crc_dst, &size_dst))
        return 1;
    printf("cp %s %s: %lld bytes, crc32 %08lx -> %08lx: %s\n", argv[0], argv[1], size_dst,
           (unsigned long)crc_src, (unsigned long)crc_dst,
           crc_src == crc_dst && size_src == size_dst ? "same" : "DIFFERENT");
    return crc_src == crc_dst && size_src == size_dst ? 0 : 2;
}

static int cmd_ls(int argc, char **argv)
{
    char path[512];
    struct dirent *d;
    struct stat st;
    DIR *dir;

    if (argc != 1) {
        printf("filetool: usage: ls DIR\n");
        return 1;
    }
    dir = opendir(argv[0]);
    if (!dir)
        return fail("opendir", argv[0]);
    while ((d = readdir(dir))) {
        if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
            continue;
        snprintf(path, sizeof(path), "%s/%s", argv[0], d->d_name);
        if (stat(path, &st) < 0)
            printf("? %s (%s)\n", d->d_name, strerror(errno));
        else
            printf("%lld %s%s\n", (long long)st.st_size, d->d_name, S_ISDIR(st.st_mode) ? "/" : "");
    }
    closedir(dir);
    return 0;
}

static int run(int argc, char **argv)
{
    if (argc == 0)
        return 0;
    if (!strcmp(argv[0], "cp"))
        return cmd_cp(argc - 1, argv + 1);
    if (!strcmp(argv[0], "sum"))
        return cmd_sum(argc - 1, argv + 1);
    if (!strcmp(argv[0], "ls"))
        return cmd_ls(argc - 1, argv + 1);
    printf("filetool: unknown command '%s' (cp, sum, ls)\n", argv[0]);
    return 1;
}

int main(int argc, char **argv)
{
    int rc = 0, start = 1;

    crc_init();
    for (int i = 1; i <= argc; i++) {
        if (i == argc || !strcmp(argv[i], ";")) {
            int r = run(i - start, argv + start);

            rc = r > rc ? r : rc;
            start = i + 1;
        }
    }
    printf("filetool: exit %d\n", rc);
    return rc;
}
