/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Files of a 9p share and a raw disk through the libc (tests/boot/libc-9p.cfg): open,
 * read/write, pread/pwrite, lseek, ftruncate, fsync, stat/fstat, unlink, rename, mkdir,
 * rmdir, opendir/readdir, stdio, errno from the server; /dev/xvda in bytes. The host
 * checks the files and the disk afterwards.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../test.h"
#include "libc_tests.h"
#include "../../../libc/kernapi.h"

#define DIR_ "/share/libc"

static void check_rw(void)
{
    char buf[32] = {0};
    struct stat st = {0};
    int fd = open(DIR_ "/a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    ssize_t w = write(fd, "hello libc\n", 11);
    off_t end = lseek(fd, 0, SEEK_END), set = lseek(fd, 6, SEEK_SET);
    ssize_t r = read(fd, buf, 4), pw = pwrite(fd, "HELLO", 5, 0), pr = pread(fd, buf + 8, 5, 0);
    int fs = fstat(fd, &st), sy = fsync(fd), c = close(fd);

    test_check("libc9p_read_write",
               fd >= 0 && w == 11 && end == 11 && set == 6 && r == 4 && !memcmp(buf, "libc", 4) &&
                   pw == 5 && pr == 5 && !memcmp(buf + 8, "HELLO", 5) && !fs && st.st_size == 11 &&
                   S_ISREG(st.st_mode) && !sy && !c,
               "fd %d w %zd end %ld set %ld r %zd pw %zd pr %zd fstat %d size %ld fsync %d", fd, w,
               (long)end, (long)set, r, pw, pr, fs, (long)st.st_size, sy);
}

static void check_truncate_append(void)
{
    struct stat st = {0};
    int fd = open(DIR_ "/t.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    ssize_t w = write(fd, "0123456789", 10);
    int t = ftruncate(fd, 4);
    int c = close(fd);
    int fa = open(DIR_ "/t.txt", O_WRONLY | O_APPEND);
    ssize_t wa = write(fa, "xy", 2);
    int s;

    close(fa);
    s = stat(DIR_ "/t.txt", &st);
    test_check("libc9p_ftruncate_append",
               fd >= 0 && w == 10 && !t && !c && wa == 2 && !s && st.st_size == 6,
               "w %zd trunc %d append %zd stat %d size %ld", w, t, wa, s, (long)st.st_size);
}

static void check_names_dirs(void)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int n = 0, fd = open(DIR_ "/old name.txt", O_CREAT | O_WRONLY, 0644);
    int a, b, c, m, r1, r2;

    close(fd);
    a = rename(DIR_ "/old name.txt", DIR_ "/new name.txt");
    b = stat(DIR_ "/old name.txt", &st) == -1 && errno == ENOENT;
    m = mkdir(DIR_ "/sub", 0755);
    r1 = rmdir(DIR_ "/sub");
    r2 = stat(DIR_ "/sub", &st) == -1 && errno == ENOENT;
    fd = open(DIR_ "/gone", O_CREAT | O_WRONLY, 0644);
    close(fd);
    c = unlink(DIR_ "/gone");
    d = opendir(DIR_);
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    test_check("libc9p_dirs", !a && b && !m && !r1 && r2 && !c && n == 3,
               "rename %d old-gone %d mkdir %d rmdir %d gone %d unlink %d entries %d (want 3)", a,
               b, m, r1, r2, c, n);
}

static void check_errors(void)
{
    int a = open("/share/no-such-file", O_RDONLY), ea = errno;
    int b = open("/ro/new", O_CREAT | O_WRONLY, 0644), eb = errno;

    test_check("libc9p_errno", a == -1 && ea == ENOENT && b == -1 && (eb == EROFS || eb == EACCES),
               "missing %d errno %d, read-only %d errno %d", a, ea, b, eb);
}

static void check_stdio(void)
{
    FILE *f = fopen(DIR_ "/stdio.txt", "w");
    char line[64] = "";
    int p = f ? fprintf(f, "line %d\n", 42) : -1, c = f ? fclose(f) : -1;

    f = fopen("/share/host.txt", "r");
    if (f) {
        fgets(line, sizeof(line), f);
        fclose(f);
    }
    test_check("libc9p_stdio", p == 8 && !c && !strcmp(line, "hello from the host\n"),
               "fprintf %d fclose %d read '%s'", p, c, line);
}

/* The raw disk: the host checks "raw disk\n" at offset 1000 afterwards. */
static void check_raw_disk(void)
{
    char buf[16] = {0};
    int fd = open("/dev/xvda", O_RDWR);
    off_t end = lseek(fd, 0, SEEK_END), pos = lseek(fd, 1000, SEEK_SET);
    ssize_t w = write(fd, "raw disk\n", 9), r = pread(fd, buf, 9, 1000);
    int c = close(fd);

    test_check("libc9p_raw_disk",
               fd >= 0 && end == 4 << 20 && pos == 1000 && w == 9 && r == 9 &&
                   !memcmp(buf, "raw disk\n", 9) && !c,
               "fd %d size %ld write %zd read %zd close %d", fd, (long)end, w, r, c);
}

/* The test application does not start through libc_start_main: mount as it would. */
void suite_libc_9p(void)
{
    kprocess_mount_files();
    if (mkdir(DIR_, 0755)) {
        test_report("libc9p_mkdir", TEST_FAIL, "errno %d", errno);
        return;
    }
    check_rw();
    check_truncate_append();
    check_names_dirs();
    check_errors();
    check_stdio();
    check_raw_disk();
}
