/* SPDX-License-Identifier: BSD-2-Clause */
/* Xenbus requests: read, write, directory, rm, mkdir, permissions, transactions, helpers. */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <string.h>
#include <xenbus.h>
#include <xen/io/xs_wire.h>

/* A whole path with its NUL, as one segment. */
#define PATH_SEG(path) ((struct xs_seg){(path), strlen(path) + 1})

/* Path "dir/node" (or just node) as NUL-terminated segments; returns how many. */
static unsigned int join_path(struct xs_seg *segs, const char *dir, const char *node)
{
    if (!dir) {
        segs[0] = PATH_SEG(node);
        return 1;
    }
    segs[0] = (struct xs_seg){dir, strlen(dir)};
    segs[1] = (struct xs_seg){"/", 1};
    segs[2] = PATH_SEG(node);
    return 3;
}

static int read_path(xenbus_transaction_t t, const struct xs_seg *segs, unsigned int n,
                     char **value, size_t *len)
{
    uint32_t l;
    int rc = xenbus_request(XS_READ, t, segs, n, value, &l);

    if (!rc && len)
        *len = l;
    return rc;
}

int xenbus_read(xenbus_transaction_t t, const char *path, char **value, size_t *len)
{
    struct xs_seg seg = PATH_SEG(path);

    return read_path(t, &seg, 1, value, len);
}

int xenbus_read_buf(xenbus_transaction_t t, const char *path, char *buf, size_t size)
{
    char *value;
    size_t len;
    int rc = xenbus_read(t, path, &value, &len);

    if (rc)
        return rc;
    if (len >= size) {
        rc = -ERANGE;
    } else {
        memcpy(buf, value, len + 1);
        rc = (int)len;
    }
    free(value);
    return rc;
}

/* Write: the path with its NUL, then the value without one (xenstore takes the rest). */
static int write_path(xenbus_transaction_t t, struct xs_seg *segs, unsigned int n,
                      const char *value, size_t len)
{
    segs[n] = (struct xs_seg){value, len};
    return xenbus_request(XS_WRITE, t, segs, n + 1, NULL, NULL);
}

int xenbus_write(xenbus_transaction_t t, const char *path, const char *value)
{
    struct xs_seg segs[2] = {PATH_SEG(path)};

    return write_path(t, segs, 1, value, strlen(value));
}

int xenbus_mkdir(xenbus_transaction_t t, const char *path)
{
    struct xs_seg seg = PATH_SEG(path);

    return xenbus_request(XS_MKDIR, t, &seg, 1, NULL, NULL);
}

int xenbus_rm(xenbus_transaction_t t, const char *path)
{
    struct xs_seg seg = PATH_SEG(path);

    return xenbus_request(XS_RM, t, &seg, 1, NULL, NULL);
}

int xenbus_directory(xenbus_transaction_t t, const char *path, char ***names)
{
    struct xs_seg seg = PATH_SEG(path);
    char *body;
    uint32_t len;
    void *block;
    int count, rc = xenbus_request(XS_DIRECTORY, t, &seg, 1, &body, &len);

    if (rc)
        return rc;
    count = xs_count_strings(body, len);
    if (count < 0) {
        free(body);
        return count;
    }
    block = malloc(xs_dir_block_size(count, len));
    rc = block ? xs_dir_pack(body, len, block, xs_dir_block_size(count, len)) : -ENOMEM;
    free(body);
    if (rc >= 0)
        *names = block;
    return rc;
}

int xenbus_get_perms(xenbus_transaction_t t, const char *path, struct xs_perm *perms,
                     unsigned int max)
{
    struct xs_seg seg = PATH_SEG(path);
    char *body, *p;
    uint32_t len;
    int count, rc = xenbus_request(XS_GET_PERMS, t, &seg, 1, &body, &len);

    if (rc)
        return rc;
    count = xs_count_strings(body, len);
    if (count > (int)max)
        count = max;
    p = body;
    for (int i = 0; i < count && !rc; i++) {
        rc = xs_perm_parse(p, &perms[i]) ? -EBADMSG : 0;
        p += strlen(p) + 1;
    }
    free(body);
    return count < 0 ? count : rc ? rc : count;
}

/* More would not be a permission list a guest ever needs; it also bounds the stack use. */
#define MAX_PERMS 32

int xenbus_set_perms(xenbus_transaction_t t, const char *path, const struct xs_perm *perms,
                     unsigned int n)
{
    /* "r65535" and its NUL. */
    char strings[MAX_PERMS][8];
    struct xs_seg segs[MAX_PERMS + 1];

    if (n == 0 || n > MAX_PERMS)
        return -EINVAL;
    segs[0] = PATH_SEG(path);
    for (unsigned int i = 0; i < n; i++) {
        int len = xs_perm_format(strings[i], sizeof(strings[i]), &perms[i]);

        if (len < 0)
            return len;
        segs[i + 1] = (struct xs_seg){strings[i], (size_t)len + 1};
    }
    return xenbus_request(XS_SET_PERMS, t, segs, n + 1, NULL, NULL);
}

int xenbus_printf(xenbus_transaction_t t, const char *dir, const char *node, const char *fmt, ...)
{
    struct xs_seg segs[4];
    unsigned int n = join_path(segs, dir, node);
    char small[128], *value = small;
    va_list ap;
    int len, rc;

    va_start(ap, fmt);
    len = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (len < 0 || len > XS_PAYLOAD_MAX)
        return -E2BIG;
    if ((size_t)len >= sizeof(small)) {
        value = malloc(len + 1);
        if (!value)
            return -ENOMEM;
        va_start(ap, fmt);
        vsnprintf(value, len + 1, fmt, ap);
        va_end(ap);
    }
    rc = write_path(t, segs, n, value, len);
    if (value != small)
        free(value);
    return rc;
}

/* Read dir/node as a string for the integer helpers: 0 and a malloc'd value, or -errno. */
static int read_node(xenbus_transaction_t t, const char *dir, const char *node, char **value)
{
    struct xs_seg segs[3];
    unsigned int n = join_path(segs, dir, node);

    return read_path(t, segs, n, value, NULL);
}

int xenbus_read_integer(xenbus_transaction_t t, const char *dir, const char *node, long long *value)
{
    char *s;
    int rc = read_node(t, dir, node, &s);

    if (rc)
        return rc;
    rc = str_to_ll(s, 0, value);
    free(s);
    return rc;
}

int xenbus_read_unsigned(xenbus_transaction_t t, const char *dir, const char *node,
                         unsigned long long *value)
{
    char *s;
    int rc = read_node(t, dir, node, &s);

    if (rc)
        return rc;
    rc = str_to_ull(s, 0, value);
    free(s);
    return rc;
}

int xenbus_transaction_start(xenbus_transaction_t *t)
{
    /* The payload is an empty string: just its NUL. */
    struct xs_seg seg = {"", 1};
    char *body;
    uint32_t len;
    int rc = xenbus_request(XS_TRANSACTION_START, XBT_NIL, &seg, 1, &body, &len);

    if (rc)
        return rc;
    rc = xs_parse_u32(body, len, t);
    free(body);
    return rc;
}

int xenbus_transaction_end(xenbus_transaction_t t, bool abort)
{
    struct xs_seg seg = {abort ? "F" : "T", 2};

    return xenbus_request(XS_TRANSACTION_END, t, &seg, 1, NULL, NULL);
}

int xenbus_transaction_run(int (*fn)(xenbus_transaction_t t, void *arg), void *arg)
{
    int rc = -EAGAIN;

    for (int i = 0; i < XENBUS_TRANSACTION_RETRIES && rc == -EAGAIN; i++) {
        xenbus_transaction_t t;

        rc = xenbus_transaction_start(&t);
        if (rc)
            return rc;
        rc = fn(t, arg);
        if (rc) {
            /* fn's own error wins over whatever the abort says. */
            xenbus_transaction_end(t, true);
            continue;
        }
        rc = xenbus_transaction_end(t, false);
    }
    return rc;
}
