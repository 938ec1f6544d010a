/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * filetool: copies, checksums and lists files on 9p shares (/<tag>, include/p9fs.h), using
 * the kernel API alone, so it runs with or without the libc. Commands come from the kernel
 * command line (xl "extra"), separated by ";" words:
 *   cp SRC DST      copy, then print the CRC-32 of both and compare them
 *   sum FILE...     print "crc32 XXXXXXXX SIZE FILE" (zlib's CRC-32)
 *   ls DIR          print "SIZE NAME" for each entry ("NAME/" for a directory)
 * Exit status: 0, 1 when a command failed (the errno is printed), 2 when a copy differs.
 */
#include <errno.h>
#include <fmt.h>
#include <kernel.h>
#include <p9fs.h>
#include <stdint.h>
#include <string.h>

/* From the kernel's include/errno.h, which the libc's <errno.h> hides when CONFIG_LIBC. */
const char *strerror_name(int err);

#define BUF_SIZE  65536
#define MAX_WORDS 32

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

static int fail(const char *what, const char *path, int err)
{
    printk("filetool: %s %s: %s\n", what, path, strerror_name(err));
    return 1;
}

/* CRC-32 and size of the file at path: 0, or 1 after printing the error. */
static int checksum(const char *path, uint32_t *crc, uint64_t *size)
{
    struct p9fs_file *f;
    long n;
    int rc = p9fs_open(path, P9FS_O_RDONLY, 0, &f);

    if (rc < 0)
        return fail("open", path, rc);
    *crc = 0;
    *size = 0;
    while ((n = p9fs_pread(f, buf, sizeof(buf), *size)) > 0) {
        *crc = crc_update(*crc, (unsigned char *)buf, n);
        *size += n;
    }
    p9fs_close(f);
    return n < 0 ? fail("read", path, n) : 0;
}

static int cmd_sum(int argc, char **argv)
{
    int rc = 0;

    for (int i = 0; i < argc; i++) {
        uint32_t crc;
        uint64_t size;

        if (checksum(argv[i], &crc, &size)) {
            rc = 1;
            continue;
        }
        printk("crc32 %08x %llu %s\n", crc, (unsigned long long)size, argv[i]);
    }
    return rc;
}

/* Copy src to dst, writing until every byte read is written. */
static int copy(const char *src, const char *dst)
{
    struct p9fs_file *in, *out;
    uint64_t off = 0;
    long n;
    int rc = p9fs_open(src, P9FS_O_RDONLY, 0, &in);

    if (rc < 0)
        return fail("open", src, rc);
    rc = p9fs_open(dst, P9FS_O_WRONLY | P9FS_O_CREAT | P9FS_O_TRUNC, 0644, &out);
    if (rc < 0) {
        p9fs_close(in);
        return fail("create", dst, rc);
    }
    while ((n = p9fs_pread(in, buf, sizeof(buf), off)) > 0) {
        for (long done = 0, w; done < n; done += w) {
            w = p9fs_pwrite(out, buf + done, n - done, off + done);
            if (w <= 0) {
                rc = fail("write", dst, w < 0 ? w : -EIO);
                goto out;
            }
        }
        off += n;
    }
    rc = n < 0 ? fail("read", src, n) : 0;
out:
    p9fs_close(in);
    p9fs_close(out);
    return rc;
}

static int cmd_cp(int argc, char **argv)
{
    uint32_t crc_src, crc_dst;
    uint64_t size_src, size_dst;
    bool same;

    if (argc != 2) {
        printk("filetool: usage: cp SRC DST\n");
        return 1;
    }
    if (copy(argv[0], argv[1]) || checksum(argv[0], &crc_src, &size_src) ||
        checksum(argv[1], &crc_dst, &size_dst))
        return 1;
    same = crc_src == crc_dst && size_src == size_dst;
    printk("cp %s %s: %llu bytes, crc32 %08x -> %08x: %s\n", argv[0], argv[1],
           (unsigned long long)size_dst, crc_src, crc_dst, same ? "same" : "DIFFERENT");
    return same ? 0 : 2;
}

static int cmd_ls(int argc, char **argv)
{
    static char path[P9FS_NAME_MAX + 256];
    struct p9fs_dirent d;
    struct p9fs_stat st;
    struct p9fs_file *dir;
    int rc;

    if (argc != 1) {
        printk("filetool: usage: ls DIR\n");
        return 1;
    }
    rc = p9fs_open(argv[0], P9FS_O_RDONLY | P9FS_O_DIRECTORY, 0, &dir);
    if (rc < 0)
        return fail("opendir", argv[0], rc);
    while ((rc = p9fs_readdir(dir, &d)) > 0) {
        if (!strcmp(d.name, ".") || !strcmp(d.name, ".."))
            continue;
        snprintf(path, sizeof(path), "%s/%s", argv[0], d.name);
        rc = p9fs_stat(path, &st);
        if (rc < 0)
            printk("? %s (%s)\n", d.name, strerror_name(rc));
        else
            printk("%llu %s%s\n", (unsigned long long)st.size, d.name,
                   (st.mode & P9FS_S_IFMT) == P9FS_S_IFDIR ? "/" : "");
    }
    p9fs_close(dir);
    return rc < 0 ? fail("readdir", argv[0], rc) : 0;
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
    printk("filetool: unknown command '%s' (cp, sum, ls)\n", argv[0]);
    return 1;
}

/* Split the command line (copied) into words separated by blanks: their count. */
static int split(char *line, char **words)
{
    int n = 0;

    for (char *p = line; *p && n < MAX_WORDS;) {
        while (*p == ' ' || *p == '\t')
            *p++ = '\0';
        if (!*p)
            break;
        words[n++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
    }
    return n;
}

int main(void)
{
    static char line[1024];
    char *words[MAX_WORDS];
    int rc = 0, start = 0, n;

    crc_init();
    strlcpy(line, kernel_cmdline(), sizeof(line));
    n = split(line, words);
    for (int i = 0; i <= n; i++) {
        if (i == n || !strcmp(words[i], ";")) {
            int r = run(i - start, words + start);

            rc = r > rc ? r : rc;
            start = i + 1;
        }
    }
    printk("filetool: exit %d\n", rc);
    return rc;
}
