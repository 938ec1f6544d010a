/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Files through the libc, on a small in-memory file system mounted with fs_mount() exactly
 * as the 9p frontend mounts a share: open/read/write/lseek/fstat/ftruncate, stdio FILEs,
 * stat/unlink/rename/mkdir/rmdir, readdir, path normalisation, errno from the file system
 * (in kernel numbers, translated) and EXDEV across mounts.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fdtab.h>
#include "../test.h"
#include "libc_tests.h"

#define MEM_FILES 8

struct mem_node {
    char name[32]; /* "" = free slot */
    bool dir;
    char *data;
    size_t size;
};

static struct mem_node nodes[MEM_FILES];

static int kerr(int newlib_errno)
{
    return -errno_to_kernel(newlib_errno);
}

static struct mem_node *find(const char *path)
{
    for (int i = 0; i < MEM_FILES; i++)
        if (nodes[i].name[0] && !strcmp(nodes[i].name, path))
            return &nodes[i];
    return NULL;
}

static struct mem_node *free_node(void)
{
    for (int i = 0; i < MEM_FILES; i++)
        if (!nodes[i].name[0])
            return &nodes[i];
    return NULL;
}

static long mem_pread(struct fd_file *f, void *buf, size_t len, uint64_t off)
{
    struct mem_node *n = f->priv;

    if (off >= n->size)
        return 0;
    len = len < n->size - off ? len : n->size - off;
    memcpy(buf, n->data + off, len);
    return len;
}

static int mem_truncate(struct fd_file *f, uint64_t len)
{
    struct mem_node *n = f->priv;
    char *p = realloc(n->data, len ? len : 1);

    if (!p)
        return kerr(ENOMEM);
    if (len > n->size)
        memset(p + n->size, 0, len - n->size);
    n->data = p;
    n->size = len;
    return 0;
}

static long mem_pwrite(struct fd_file *f, const void *buf, size_t len, uint64_t off)
{
    struct mem_node *n = f->priv;

    if (off + len > n->size && mem_truncate(f, off + len))
        return kerr(ENOSPC);
    memcpy(n->data + off, buf, len);
    return len;
}

static int mem_fstat(struct fd_file *f, struct fd_stat *st)
{
    struct mem_node *n = f->priv;

    st->mode = n ? FD_S_IFREG | 0644 : FD_S_IFDIR | 0755;
    st->size = n ? n->size : 0;
    st->nlink = 1;
    return 0;
}

/* The root directory (priv NULL): f->offset is the next slot to look at. */
static int mem_readdir(struct fd_file *f, struct fd_dirent *ent)
{
    while (f->offset < MEM_FILES) {
        struct mem_node *n = &nodes[f->offset++];

        if (n->name[0]) {
            strcpy(ent->name, n->name);
            ent->type = n->dir ? FD_DT_DIR : FD_DT_REG;
            ent->ino = f->offset;
            return 1;
        }
    }
    return 0;
}

static const struct fd_ops mem_file_ops = {
    .name = "memfs",
    .pread = mem_pread,
    .pwrite = mem_pwrite,
    .fstat = mem_fstat,
    .ftruncate = mem_truncate,
    .readdir = mem_readdir,
};

static int mem_open(void *fs, const char *path, int flags, uint32_t mode, struct fd_file *f)
{
    struct mem_node *n = find(path);

    f->ops = &mem_file_ops;
    if (!path[0]) {
        f->priv = NULL; /* the root directory */
        return (flags & FD_O_ACCMODE) == FD_O_RDONLY ? 0 : kerr(EISDIR);
    }
    if (n && (flags & FD_O_CREAT) && (flags & FD_O_EXCL))
        return kerr(EEXIST);
    if (!n && !(flags & FD_O_CREAT))
        return kerr(ENOENT);
    if (!n) {
        n = free_node();
        if (!n || strlen(path) >= sizeof(n->name))
            return kerr(ENOSPC);
        strcpy(n->name, path);
        n->size = 0;
    }
    f->priv = n;
    if (flags & FD_O_TRUNC)
        n->size = 0;
    return 0;
}

static int mem_stat(void *fs, const char *path, struct fd_stat *st)
{
    struct mem_node *n = path[0] ? find(path) : NULL;
    struct fd_file f = {.priv = n};

    if (path[0] && !n)
        return kerr(ENOENT);
    if (n && n->dir) {
        st->mode = FD_S_IFDIR | 0755;
        return 0;
    }
    return mem_fstat(&f, st);
}

static int mem_unlink(void *fs, const char *path)
{
    struct mem_node *n = find(path);

    if (!n)
        return kerr(ENOENT);
    free(n->data);
    memset(n, 0, sizeof(*n));
    return 0;
}

static int mem_rename(void *fs, const char *from, const char *to)
{
    struct mem_node *n = find(from);

    if (!n)
        return kerr(ENOENT);
    if (find(to))
        mem_unlink(fs, to);
    strcpy(n->name, to);
    return 0;
}

static int mem_mkdir(void *fs, const char *path, uint32_t mode)
{
    struct mem_node *n = free_node();

    if (find(path))
        return kerr(EEXIST);
    if (!n)
        return kerr(ENOSPC);
    strcpy(n->name, path);
    n->dir = true;
    return 0;
}

/* Every directory is "not empty", so the test sees a translated ENOTEMPTY. */
static int mem_rmdir(void *fs, const char *path)
{
    return find(path) ? kerr(ENOTEMPTY) : kerr(ENOENT);
}

static const struct fs_ops mem_fs = {
    .open = mem_open,
    .stat = mem_stat,
    .unlink = mem_unlink,
    .rename = mem_rename,
    .mkdir = mem_mkdir,
    .rmdir = mem_rmdir,
};

static void test_stdio_file(void)
{
    char line[64] = "";
    FILE *f = fopen("/mem/a.txt", "w");
    long pos;
    bool ok;

    if (!test_check("libc_fopen_write", f != NULL, "errno %d", errno))
        return;
    fprintf(f, "first %d\nsecond %.1f\n", 1, 2.5);
    fclose(f);
    f = fopen("/mem//./b/../a.txt", "r");
    ok = f && fgets(line, sizeof(line), f) && !strcmp(line, "first 1\n");
    ok = ok && fgets(line, sizeof(line), f) && !strcmp(line, "second 2.5\n");
    ok = ok && !fgets(line, sizeof(line), f) && feof(f);
    test_check("libc_fopen_read_back", ok, "last line '%s'", line);
    if (f) {
        fseek(f, 6, SEEK_SET);
        pos = ftell(f);
        ok = fgets(line, sizeof(line), f) && !strcmp(line, "1\n") && pos == 6;
        test_check("libc_fseek_ftell", ok, "pos %ld line '%s'", pos, line);
        fclose(f);
    }
}

static void test_fd_file(void)
{
    struct stat st;
    char buf[16] = "";
    int fd = open("/mem/b.bin", O_RDWR | O_CREAT | O_EXCL, 0644);
    bool ok;

    ok = fd >= 0 && write(fd, "0123456789", 10) == 10 && lseek(fd, 2, SEEK_SET) == 2 &&
         read(fd, buf, 3) == 3 && !memcmp(buf, "234", 3) && pread(fd, buf, 2, 8) == 2 &&
         !memcmp(buf, "89", 2) && lseek(fd, -1, SEEK_END) == 9 && fstat(fd, &st) == 0 &&
         st.st_size == 10 && S_ISREG(st.st_mode);
    test_check("libc_file_rw_seek", ok, "fd %d errno %d", fd, errno);
    test_check("libc_poll_regular_file",
               poll(&(struct pollfd){.fd = fd, .events = POLLIN | POLLOUT}, 1, 0) == 1,
               "a regular file is always ready");
    ok = ftruncate(fd, 4) == 0 && fstat(fd, &st) == 0 && st.st_size == 4 && close(fd) == 0;
    test_check("libc_ftruncate", ok, "size %ld", (long)st.st_size);
    fd = open("/mem/b.bin", O_WRONLY | O_APPEND);
    ok = fd >= 0 && write(fd, "xy", 2) == 2 && close(fd) == 0 && stat("/mem/b.bin", &st) == 0 &&
         st.st_size == 6;
    test_check("libc_o_append", ok, "size %ld", (long)st.st_size);
    errno = 0;
    fd = open("/mem/b.bin", O_RDWR | O_CREAT | O_EXCL, 0644);
    test_check("libc_open_eexist", fd == -1 && errno == EEXIST, "fd %d errno %d", fd, errno);
}

static void test_names(void)
{
    struct dirent *e;
    DIR *d;
    int seen = 0, rc;

    test_check("libc_rename",
               rename("/mem/b.bin", "/mem/c.bin") == 0 && access("/mem/c.bin", F_OK) == 0 &&
                   stat("/mem/b.bin", &(struct stat){0}) == -1 && errno == ENOENT,
               "errno %d", errno);
    test_check("libc_mkdir", mkdir("/mem/sub", 0755) == 0, "errno %d", errno);
    errno = 0;
    rc = rmdir("/mem/sub");
    test_check("libc_errno_translated", rc == -1 && errno == ENOTEMPTY, "rc %d errno %d", rc,
               errno);
    d = opendir("/mem");
    while (d && (e = readdir(d)))
        seen |= (!strcmp(e->d_name, "a.txt") && e->d_type == DT_REG) |
                (!strcmp(e->d_name, "c.bin")) << 1 |
                (!strcmp(e->d_name, "sub") && e->d_type == DT_DIR) << 2;
    if (d) {
        rewinddir(d);
        seen |= (readdir(d) != NULL) << 3;
        closedir(d);
    }
    test_check("libc_readdir", seen == 15, "seen %#x", seen);
    errno = 0;
    rc = rename("/mem/c.bin", "/mem2/c.bin");
    test_check("libc_rename_exdev", rc == -1 && errno == EXDEV, "rc %d errno %d", rc, errno);
    test_check("libc_unlink",
               unlink("/mem/c.bin") == 0 && unlink("/mem/c.bin") == -1 && errno == ENOENT,
               "errno %d", errno);
    errno = 0;
    rc = unlink("/nowhere/x");
    test_check("libc_unlink_no_mount", rc == -1 && errno == ENOENT, "rc %d errno %d", rc, errno);
}

void test_libc_files(void)
{
    int rc = fs_mount("/mem", &mem_fs, NULL);

    if (!test_check("libc_fs_mount",
                    rc == 0 && fs_mount("/mem2", &mem_fs, NULL) == 0 &&
                        fs_mount("/mem/", &mem_fs, NULL) == -17,
                    "rc %d", rc))
        return;
    test_stdio_file();
    test_fd_file();
    test_names();
    test_check("libc_fs_umount",
               fs_umount("/mem") == 0 && fs_umount("/mem2") == 0 &&
                   open("/mem/a.txt", O_RDONLY) == -1,
               "still mounted");
}
