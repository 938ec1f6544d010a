/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 9pfs control path: find device/9pfs/N, agree on rings with the backend (versions,
 * max-rings, max-ring-page-order), connect through the shared xenbus handshake, then
 * Tversion + Tattach. Shares are connected once, on first use, and stay connected.
 */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <string.h>
#include "p9_priv.h"

#define P9_MAX_SHARES 8u

static struct p9_share *shares[P9_MAX_SHARES];
static unsigned int nshares;
/*
 * Whether connect_all ran, apart from its result: the result is a share count, so no value
 * of it can stand for "not tried yet" (1 once did, and a lone share was connected again on
 * every lookup, which took the backend's rings away from the first connection).
 */
static bool init_done;
static int init_rc;
static struct mutex init_lock = {NULL, WAIT_QUEUE_HEAD_INIT(init_lock.wq)};

/* A tag is a path component: 1..P9FS_TAG_MAX of [A-Za-z0-9._-], not "." or "..". */
static bool tag_valid(const char *t)
{
    size_t n = strlen(t);

    if (n == 0 || n > P9FS_TAG_MAX || !strcmp(t, ".") || !strcmp(t, ".."))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* The backend's offer: version "1" among its versions, how many rings, how large. */
static int negotiate(struct p9_share *s)
{
    char versions[32], path[XENBUS_PATH_MAX + 16];
    unsigned long long rings, order;
    int rc;

    snprintf(path, sizeof(path), "%s/versions", s->xb.backend);
    rc = xenbus_read_buf(XBT_NIL, path, versions, sizeof(versions));
    if (rc < 0)
        return rc;
    /* A comma-separated list: look for the entry "1". */
    for (char *v = versions; v; v = strchr(v, ',') ? strchr(v, ',') + 1 : NULL)
        if (v[0] == '1' && (v[1] == ',' || v[1] == '\0'))
            goto version_ok;
    return -EPROTO;
version_ok:
    rc = xenbus_read_unsigned(XBT_NIL, s->xb.backend, "max-rings", &rings);
    if (!rc)
        rc = xenbus_read_unsigned(XBT_NIL, s->xb.backend, "max-ring-page-order", &order);
    if (rc)
        return rc;
    if (rings < 1 || order < P9_MIN_RING_ORDER)
        return -EPROTO;
    s->nrings = rings < P9_MAX_RINGS ? (unsigned int)rings : P9_MAX_RINGS;
    s->order = order < P9_RING_ORDER ? (unsigned int)order : P9_RING_ORDER;
    return 0;
}

static int publish(struct p9_share *s)
{
    struct xenbus_key keys[2 + 2 * P9_MAX_RINGS];
    char names[2 * P9_MAX_RINGS][24];
    unsigned int n = 0;

    keys[n++] = (struct xenbus_key){"version", "1", 0};
    keys[n++] = (struct xenbus_key){"num-rings", NULL, s->nrings};
    for (unsigned int i = 0; i < s->nrings; i++) {
        snprintf(names[2 * i], sizeof(names[0]), "ring-ref%u", i);
        keys[n++] = (struct xenbus_key){names[2 * i], NULL, s->rings[i].intf_ref};
        snprintf(names[2 * i + 1], sizeof(names[0]), "event-channel-%u", i);
        keys[n++] = (struct xenbus_key){names[2 * i + 1], NULL, s->rings[i].port};
    }
    return xenbus_frontend_connect(&s->xb, keys, n, P9_CONNECT_TIMEOUT);
}

static int share_connect(struct p9_share *s, const char *node)
{
    char path[XENBUS_PATH_MAX + 8];
    int rc = xenbus_frontend_start(&s->xb, node, P9_CONNECT_TIMEOUT);

    if (rc)
        return rc;
    snprintf(path, sizeof(path), "%s/tag", node);
    rc = xenbus_read_buf(XBT_NIL, path, s->tag, sizeof(s->tag));
    if (rc == -ERANGE || (rc >= 0 && !tag_valid(s->tag)))
        return -EINVAL;
    if (rc < 0)
        return rc;
    rc = negotiate(s);
    for (unsigned int i = 0; !rc && i < s->nrings; i++)
        rc = p9_ring_setup(s, i);
    if (rc)
        return rc;
    s->msize = s->rings[0].size;
    sema_init(&s->free_rings, (int)s->nrings);
    rc = publish(s);
    if (!rc)
        rc = p9_version(s);
    if (!rc)
        rc = p9_fid_alloc(s, &s->root_fid);
    if (!rc)
        rc = p9_attach(s, s->root_fid);
    return rc;
}

static void share_drop(struct p9_share *s)
{
    if (s->nrings) /* the backend saw us: let it let go of the rings */
        xenbus_frontend_close(&s->xb, P9_CONNECT_TIMEOUT);
    for (unsigned int i = 0; i < s->nrings; i++)
        if (s->rings[i].share)
            p9_ring_free(&s->rings[i]);
    free(s);
}

static int connect_all(void)
{
    char **ids, node[XENBUS_PATH_MAX];
    int n = xenbus_directory(XBT_NIL, "device/9pfs", &ids);

    if (n == -ENOENT)
        return 0;
    if (n < 0)
        return n;
    for (int i = 0; i < n && nshares < P9_MAX_SHARES; i++) {
        struct p9_share *s = calloc(1, sizeof(*s));
        int rc = s ? 0 : -ENOMEM;

        snprintf(node, sizeof(node), "device/9pfs/%s", ids[i]);
        if (!rc)
            rc = share_connect(s, node);
        for (unsigned int j = 0; !rc && j < nshares; j++)
            if (!strcmp(shares[j]->tag, s->tag))
                rc = -EEXIST;
        if (rc) {
            printk("9pfs: %s: %s, not mounted\n", node, strerror_name(-rc));
            if (s)
                share_drop(s);
            continue;
        }
        printk("9pfs: %s: /%s, %u rings of %u KiB, msize %u\n", node, s->tag, s->nrings,
               (unsigned int)((PAGE_SIZE << s->order) / 1024), (unsigned int)s->msize);
        shares[nshares++] = s;
    }
    free(ids);
    return (int)nshares;
}

int p9_shares_init(void)
{
    mutex_lock(&init_lock);
    if (!init_done) {
        init_rc = connect_all();
        init_done = true;
    }
    mutex_unlock(&init_lock);
    return init_rc;
}

struct p9_share *p9_share_lookup(const char *path, const char **rest)
{
    const char *end;
    size_t len;

    if (p9_shares_init() < 0 || path[0] != '/')
        return NULL;
    path++;
    end = strchr(path, '/');
    len = end ? (size_t)(end - path) : strlen(path);
    for (unsigned int i = 0; i < nshares; i++) {
        if (strlen(shares[i]->tag) == len && !strncmp(shares[i]->tag, path, len)) {
            *rest = path + len;
            return shares[i];
        }
    }
    return NULL;
}

unsigned int p9fs_share_count(void)
{
    int n = p9_shares_init();

    return n > 0 ? (unsigned int)n : 0;
}

const char *p9fs_share_tag(unsigned int i)
{
    return i < p9fs_share_count() ? shares[i]->tag : NULL;
}
