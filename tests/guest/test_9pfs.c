/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 9pfs through the kernel API (include/p9fs.h) against dom0's QEMU backend serving host
 * directories (tests/boot/9pfs.cfg): "/share" writable, "/ro" read-only. Files the host put
 * there are read; files written here are checked by the host after the run.
 */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <p9fs.h>
#include <string.h>
#include <sched.h>
#include <time.h>
#include <wait.h>
#include "test.h"

#define MIB (1024u * 1024u)

/* The bytes of every file this suite writes: the host-check computes the same. */
static uint8_t wpat(uint64_t i)
{
    return (uint8_t)(i % 251);
}

/* The bytes of the host's host-1m1 file (tests/boot/9pfs.cfg setup). */
static uint8_t hpat(uint64_t i)
{
    return (uint8_t)(i * 31 + 7);
}

static int write_file(const char *path, const void *buf, size_t len)
{
    struct p9fs_file *f;
    long n;
    int rc = p9fs_open(path, P9FS_O_WRONLY | P9FS_O_CREAT | P9FS_O_TRUNC, 0644, &f);

    if (rc)
        return rc;
    n = len ? p9fs_pwrite(f, buf, len, 0) : 0;
    rc = p9fs_close(f);
    return n < 0 ? (int)n : (size_t)n != len ? -EIO : rc;
}

/* Read up to size bytes of path into buf: the count, or -errno. */
static long read_file(const char *path, void *buf, size_t size)
{
    struct p9fs_file *f;
    long n;
    int rc = p9fs_open(path, P9FS_O_RDONLY, 0, &f);

    if (rc)
        return rc;
    n = p9fs_pread(f, buf, size, 0);
    p9fs_close(f);
    return n;
}

static void check_shares(void)
{
    unsigned int n = p9fs_share_count();
    bool share = false, ro = false;

    for (unsigned int i = 0; i < n; i++) {
        share |= !strcmp(p9fs_share_tag(i), "share");
        ro |= !strcmp(p9fs_share_tag(i), "ro");
    }
    test_check("p9_shares", share && ro, "%u shares, share %d ro %d", n, share, ro);
}

static void check_host_files(void)
{
    static const char text[] = "hello from the host\n";
    size_t big = MIB + 1, bad = 0;
    uint8_t *buf = malloc(big + 16);
    char small[64];
    long n = read_file("/share/host.txt", small, sizeof(small));

    test_check("p9_read_host_text", n == (long)strlen(text) && !memcmp(small, text, (size_t)n),
               "read %ld", n);
    if (!buf) {
        test_report("p9_read_host_1m1", TEST_ERROR, "no memory");
        return;
    }
    n = read_file("/share/host-1m1", buf, big + 16);
    for (size_t i = 0; n == (long)big && i < big; i++)
        bad += buf[i] != hpat(i);
    test_check("p9_read_host_1m1", n == (long)big && !bad, "read %ld, %zu bad bytes", n, bad);
    free(buf);
}

static void check_missing(void)
{
    struct p9fs_file *f;
    struct p9fs_stat st;
    int a = p9fs_open("/share/no-such-file", P9FS_O_RDONLY, 0, &f);
    int b = p9fs_stat("/share/no/such/dir", &st);
    int c = p9fs_open("/nosuchshare/x", P9FS_O_RDONLY, 0, &f);
    int d = p9fs_unlink("/share/no-such-file");

    test_check("p9_missing_enoent", a == -ENOENT && b == -ENOENT && c == -ENOENT && d == -ENOENT,
               "open %d stat %d share %d unlink %d", a, b, c, d);
}

static void write_small_files(void)
{
    int a, b, c;
    struct p9fs_stat st;

    a = p9fs_mkdir("/share/out", 0755);
    test_check("p9_mkdir", a == 0, "rc %d", a);
    a = write_file("/share/out/empty", "", 0);
    b = p9fs_stat("/share/out/empty", &st);
    test_check("p9_write_0", a == 0 && b == 0 && st.size == 0, "write %d stat %d size %llu", a, b,
               (unsigned long long)st.size);
    a = write_file("/share/out/one", "x", 1);
    test_check("p9_write_1", a == 0, "rc %d", a);
    a = write_file("/share/out/name with spaces.txt", "spaces ok\n", 10);
    c = p9fs_stat("/share/out/name with spaces.txt", &st);
    test_check("p9_name_spaces", a == 0 && c == 0 && st.size == 10, "write %d stat %d", a, c);
}

/*
 * Write len bytes of wpat in pieces of piece bytes, read back and compare (every piece, or
 * with sample only the first, middle and last: the host checks every byte), check the size.
 */
static void write_big(const char *name, const char *path, size_t len, size_t piece, bool sample)
{
    uint8_t *buf = malloc(piece);
    struct p9fs_file *f;
    struct p9fs_stat st = {0};
    size_t bad = 0;
    long n = 0;
    uint64_t t0 = NOW(), t1, t2;
    int rc = buf ? p9fs_open(path, P9FS_O_RDWR | P9FS_O_CREAT | P9FS_O_TRUNC, 0644, &f) : -ENOMEM;

    for (size_t off = 0; !rc && off < len; off += piece) {
        size_t k = MIN(piece, len - off);

        for (size_t i = 0; i < k; i++)
            buf[i] = wpat(off + i);
        n = p9fs_pwrite(f, buf, k, off);
        rc = n == (long)k ? 0 : n < 0 ? (int)n : -EIO;
    }
    t1 = NOW();
    for (size_t off = 0; !rc && off < len; off += piece) {
        size_t k = MIN(piece, len - off);

        if (sample && off && off != len / 2 / piece * piece && off + k < len)
            continue;
        n = p9fs_pread(f, buf, k, off);
        rc = n == (long)k ? 0 : n < 0 ? (int)n : -EIO;
        for (size_t i = 0; !rc && i < k; i++)
            bad += buf[i] != wpat(off + i);
    }
    t2 = NOW();
    if (!rc)
        rc = p9fs_fstat(f, &st);
    if (buf && !rc)
        rc = p9fs_close(f);
    test_check(name, !rc && !bad && st.size == len,
               "rc %d, %zu bad, size %llu, write %llu ms, read %llu ms", rc, bad,
               (unsigned long long)st.size, (unsigned long long)(t1 - t0) / 1000000,
               (unsigned long long)(t2 - t1) / 1000000);
    free(buf);
}

static void check_offsets(void)
{
    struct p9fs_file *f;
    char buf[16] = {0};
    long w1 = -1, w2 = -1, r = -1;
    int rc = p9fs_open("/share/out/offsets", P9FS_O_RDWR | P9FS_O_CREAT, 0644, &f);

    if (!rc) {
        w1 = p9fs_pwrite(f, "0123456789", 10, 0);
        w2 = p9fs_pwrite(f, "AB", 2, 3);
        r = p9fs_pread(f, buf, sizeof(buf), 2);
        p9fs_close(f);
    }
    test_check("p9_pread_pwrite",
               !rc && w1 == 10 && w2 == 2 && r == 8 && !memcmp(buf, "2AB56789", 8),
               "open %d write %ld %ld read %ld '%.8s'", rc, w1, w2, r, buf);
}

static void check_truncate_fsync(void)
{
    struct p9fs_file *f;
    struct p9fs_stat a = {0}, b = {0};
    char buf[8];
    long n = -1;
    int rc = write_file("/share/out/trunc", "abcdefgh", 8), t1 = -1, t2 = -1, s = -1;

    if (!rc)
        rc = p9fs_open("/share/out/trunc", P9FS_O_RDWR, 0, &f);
    if (!rc) {
        t1 = p9fs_ftruncate(f, 3);
        p9fs_fstat(f, &a);
        s = p9fs_fsync(f);
        p9fs_close(f);
    }
    t2 = p9fs_truncate("/share/out/trunc", 5);
    p9fs_stat("/share/out/trunc", &b);
    n = read_file("/share/out/trunc", buf, sizeof(buf));
    test_check("p9_truncate",
               !rc && !t1 && !t2 && a.size == 3 && b.size == 5 && n == 5 &&
                   !memcmp(buf, "abc\0\0", 5),
               "rc %d ftruncate %d truncate %d sizes %llu %llu read %ld", rc, t1, t2,
               (unsigned long long)a.size, (unsigned long long)b.size, n);
    test_check("p9_fsync", s == 0, "rc %d", s);
}

/* The entries of dir other than "." and "..", as "a|b|" in server order, and their count. */
static int list_dir(const char *dir, char *out, size_t size)
{
    struct p9fs_file *f;
    struct p9fs_dirent d;
    int rc = p9fs_open(dir, P9FS_O_RDONLY | P9FS_O_DIRECTORY, 0, &f), n = 0;

    out[0] = '\0';
    if (rc)
        return rc;
    while ((rc = p9fs_readdir(f, &d)) == 1) {
        if (!strcmp(d.name, ".") || !strcmp(d.name, ".."))
            continue;
        n++;
        if (strlen(out) + strlen(d.name) + 2 <= size) {
            strcat(out, d.name);
            strcat(out, "|");
        }
    }
    p9fs_close(f);
    return rc < 0 ? rc : n;
}

static void check_dirs(void)
{
    char names[256];
    int a, b, c, d, e, n;
    struct p9fs_stat st;

    a = p9fs_mkdir("/share/out/sub", 0755);
    b = write_file("/share/out/sub/f1", "1", 1);
    c = write_file("/share/out/sub/f2", "2", 1);
    n = list_dir("/share/out/sub", names, sizeof(names));
    test_check("p9_readdir",
               !a && !b && !c && n == 2 && (!strcmp(names, "f1|f2|") || !strcmp(names, "f2|f1|")),
               "mkdir %d writes %d %d, %d entries '%s'", a, b, c, n, names);
    a = p9fs_rmdir("/share/out/sub");
    b = p9fs_unlink("/share/out/sub/f1");
    c = p9fs_unlink("/share/out/sub/f2");
    d = p9fs_rmdir("/share/out/sub");
    e = p9fs_stat("/share/out/sub", &st);
    test_check("p9_rmdir", a == -ENOTEMPTY && !b && !c && !d && e == -ENOENT,
               "non-empty %d unlinks %d %d rmdir %d stat %d", a, b, c, d, e);
    a = write_file("/share/out/old name", "moved\n", 6);
    b = p9fs_rename("/share/out/old name", "/share/out/renamed");
    c = p9fs_stat("/share/out/old name", &st);
    d = p9fs_stat("/share/out/renamed", &st);
    e = p9fs_rename("/share/out/renamed", "/ro/renamed");
    test_check("p9_rename", !a && !b && c == -ENOENT && !d && st.size == 6 && e == -EXDEV,
               "write %d rename %d old %d new %d cross-share %d", a, b, c, d, e);
    a = write_file("/share/out/gone", "x", 1);
    b = p9fs_unlink("/share/out/gone");
    c = p9fs_stat("/share/out/gone", &st);
    test_check("p9_unlink", !a && !b && c == -ENOENT, "write %d unlink %d stat %d", a, b, c);
}

static void check_errors(void)
{
    struct p9fs_file *f;
    struct p9fs_stat st = {0};
    int a = p9fs_open("/share/host.txt", P9FS_O_WRONLY | P9FS_O_CREAT | P9FS_O_EXCL, 0644, &f);
    int b = p9fs_open("/share/out", P9FS_O_WRONLY, 0, &f);
    int c = p9fs_open("/share/host.txt", P9FS_O_RDONLY | P9FS_O_DIRECTORY, 0, &f);
    int d = p9fs_mkdir("/share/out", 0755);
    int e = p9fs_stat("/share", &st);

    test_check("p9_errors",
               a == -EEXIST && b == -EISDIR && c == -ENOTDIR && d == -EEXIST && !e &&
                   (st.mode & P9FS_S_IFMT) == P9FS_S_IFDIR,
               "excl %d dir-write %d notdir %d mkdir %d root stat %d mode %o", a, b, c, d, e,
               st.mode);
}

static bool refused(int rc)
{
    return rc == -EROFS || rc == -EACCES;
}

static void check_readonly(void)
{
    struct p9fs_file *f;
    char buf[32];
    long n = read_file("/ro/ro.txt", buf, sizeof(buf));
    int a = p9fs_open("/ro/new", P9FS_O_WRONLY | P9FS_O_CREAT, 0644, &f);
    int b = p9fs_unlink("/ro/ro.txt");
    int c = p9fs_mkdir("/ro/dir", 0755);
    int d = p9fs_open("/ro/ro.txt", P9FS_O_WRONLY, 0, &f);

    test_check("p9_readonly",
               n == 10 && !memcmp(buf, "read only\n", 10) && refused(a) && refused(b) &&
                   refused(c) && refused(d),
               "read %ld create %d unlink %d mkdir %d open-w %d", n, a, b, c, d);
}

struct worker {
    char path[48];
    int rc;
    bool done;
};

static DEFINE_WAIT_QUEUE(workers_wq);

/* One of several threads using the share at once (each call takes its own ring). */
static void worker_fn(void *arg)
{
    struct worker *w = arg;
    size_t len = 256 * 1024;
    uint8_t *buf = malloc(len);
    long n;

    w->rc = buf ? 0 : -ENOMEM;
    for (size_t i = 0; buf && i < len; i++)
        buf[i] = wpat(i + w->path[strlen(w->path) - 1]);
    if (!w->rc)
        w->rc = write_file(w->path, buf, len);
    if (!w->rc) {
        memset(buf, 0, len);
        n = read_file(w->path, buf, len);
        w->rc = n == (long)len ? 0 : -EIO;
        for (size_t i = 0; !w->rc && i < len; i++)
            if (buf[i] != wpat(i + w->path[strlen(w->path) - 1]))
                w->rc = -EILSEQ;
    }
    if (!w->rc)
        w->rc = p9fs_unlink(w->path);
    free(buf);
    w->done = true;
    wake_up(&workers_wq);
}

static void check_parallel(void)
{
    struct worker w[4];
    int bad = 0;

    for (unsigned int i = 0; i < ARRAY_SIZE(w); i++) {
        snprintf(w[i].path, sizeof(w[i].path), "/share/out/par%u", i);
        w[i].done = false;
        if (!create_thread("p9-worker", worker_fn, &w[i])) {
            w[i].rc = -ENOMEM;
            w[i].done = true;
        }
    }
    for (unsigned int i = 0; i < ARRAY_SIZE(w); i++) {
        wait_event(workers_wq, w[i].done);
        bad += w[i].rc != 0;
    }
    test_check("p9_parallel", !bad, "%d of %zu threads failed (first rc %d %d %d %d)", bad,
               ARRAY_SIZE(w), w[0].rc, w[1].rc, w[2].rc, w[3].rc);
}

void suite_9pfs(void)
{
    if (!IS_ENABLED(CONFIG_9PFS)) {
        test_report("p9_shares", TEST_SKIP, "CONFIG_9PFS=n");
        return;
    }
    check_shares();
    check_host_files();
    check_missing();
    write_small_files();
    write_big("p9_write_1m1", "/share/out/big-1m1", MIB + 1, 100000, false);
    check_offsets();
    check_truncate_fsync();
    check_dirs();
    check_errors();
    check_readonly();
    check_parallel();
}

/* Apart from the rest (tests/boot/9pfs-big.cfg): slow under emulation on a busy machine. */
void suite_9pfs_big(void)
{
    if (!IS_ENABLED(CONFIG_9PFS)) {
        test_report("p9_write_64m", TEST_SKIP, "CONFIG_9PFS=n");
        return;
    }
    write_big("p9_write_64m", "/share/big-64m", 64 * MIB, MIB, true);
}

/*
 * One share only (tests/boot/9pfs-one.cfg): asking again for the shares, or opening paths
 * on it again, must neither send a request nor connect the device a second time. With one
 * share the count of shares once equalled the "not connected yet" mark, and every lookup
 * reconnected it (its Tversion then timed out and the share was closed under the first
 * connection).
 */
void suite_9pfs_one(void)
{
    struct p9fs_stats a, b;
    unsigned int n1, n2;
    char buf[64];
    long r1, r2;

    if (!IS_ENABLED(CONFIG_9PFS)) {
        test_report("p9_one_share", TEST_SKIP, "CONFIG_9PFS=n");
        return;
    }
    n1 = p9fs_share_count();
    p9fs_get_stats(&a);
    n2 = p9fs_share_count();
    p9fs_get_stats(&b);
    test_check("p9_one_share", n1 == 1 && n2 == 1 && b.requests == a.requests,
               "counts %u then %u, %llu requests to count again", n1, n2,
               (unsigned long long)(b.requests - a.requests));
    r1 = read_file("/share/host.txt", buf, sizeof(buf));
    r2 = read_file("/share/host.txt", buf, sizeof(buf));
    test_check("p9_one_share_reopen",
               r1 == 20 && r2 == 20 && !memcmp(buf, "hello from the host\n", 20),
               "read %ld then %ld", r1, r2);
}
