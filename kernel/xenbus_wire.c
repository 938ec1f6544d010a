/* SPDX-License-Identifier: BSD-2-Clause */
/* The xenstore wire codec (pure: no kernel state, host unit-tested in tests/unit/). */
#include <compiler.h>
#include <errno.h>
#include <fmt.h>
#include <string.h>
#include <xenbus_wire.h>

int xs_payload_len(const struct xs_seg *segs, unsigned int n)
{
    size_t total = 0;

    for (unsigned int i = 0; i < n; i++) {
        /* Checked per segment so a huge len cannot wrap the sum. */
        if (segs[i].len > XS_PAYLOAD_MAX || total + segs[i].len > XS_PAYLOAD_MAX)
            return -E2BIG;
        total += segs[i].len;
    }
    return (int)total;
}

void xs_hdr_pack(void *buf, const struct xs_hdr *h)
{
    uint32_t w[4] = {h->type, h->req_id, h->tx_id, h->len};

    memcpy(buf, w, XS_HDR_SIZE);
}

int xs_hdr_unpack(const void *buf, struct xs_hdr *h)
{
    uint32_t w[4];

    memcpy(w, buf, XS_HDR_SIZE);
    h->type = w[0];
    h->req_id = w[1];
    h->tx_id = w[2];
    h->len = w[3];
    return h->len > XS_PAYLOAD_MAX ? -EBADMSG : 0;
}

int xs_encode(void *buf, size_t size, uint32_t type, uint32_t req_id, uint32_t tx_id,
              const struct xs_seg *segs, unsigned int n)
{
    struct xs_hdr h = {.type = type, .req_id = req_id, .tx_id = tx_id};
    int len = xs_payload_len(segs, n);
    char *p = buf;

    if (len < 0)
        return len;
    if (size < XS_HDR_SIZE + (size_t)len)
        return -ENOSPC;
    h.len = len;
    xs_hdr_pack(p, &h);
    p += XS_HDR_SIZE;
    for (unsigned int i = 0; i < n; i++) {
        memcpy(p, segs[i].data, segs[i].len);
        p += segs[i].len;
    }
    return XS_HDR_SIZE + len;
}

/* The XSD_ERRORS table of io/xs_wire.h, with our errno values (which equal Linux's). */
static const struct {
    int err;
    const char *name;
} xs_errors[] = {
    {EINVAL, "EINVAL"},       {EACCES, "EACCES"},   {EEXIST, "EEXIST"}, {EISDIR, "EISDIR"},
    {ENOENT, "ENOENT"},       {ENOMEM, "ENOMEM"},   {ENOSPC, "ENOSPC"}, {EIO, "EIO"},
    {ENOTEMPTY, "ENOTEMPTY"}, {ENOSYS, "ENOSYS"},   {EROFS, "EROFS"},   {EBUSY, "EBUSY"},
    {EAGAIN, "EAGAIN"},       {EISCONN, "EISCONN"}, {E2BIG, "E2BIG"},   {EPERM, "EPERM"},
};

int xs_error_parse(const char *payload, size_t len)
{
    /* xenstored sends the name with its NUL; tolerate a peer that leaves it off. */
    if (len > 0 && payload[len - 1] == '\0')
        len--;
    for (size_t i = 0; i < sizeof(xs_errors) / sizeof(xs_errors[0]); i++)
        if (strlen(xs_errors[i].name) == len && memcmp(xs_errors[i].name, payload, len) == 0)
            return -xs_errors[i].err;
    return -EIO;
}

const char *xs_error_name(int err)
{
    if (err < 0)
        err = -err;
    for (size_t i = 0; i < sizeof(xs_errors) / sizeof(xs_errors[0]); i++)
        if (xs_errors[i].err == err)
            return xs_errors[i].name;
    return NULL;
}

int xs_count_strings(const char *payload, size_t len)
{
    int count = 0;

    if (len > XS_PAYLOAD_MAX)
        return -EBADMSG;
    if (len > 0 && payload[len - 1] != '\0')
        return -EBADMSG;
    for (size_t i = 0; i < len; i++)
        if (payload[i] == '\0')
            count++;
    return count;
}

size_t xs_dir_block_size(unsigned int count, size_t len)
{
    return (count + 1) * sizeof(char *) + len;
}

int xs_dir_pack(const char *payload, size_t len, void *block, size_t size)
{
    int count = xs_count_strings(payload, len);
    char **names = block;
    char *strings;

    if (count < 0)
        return count;
    if (size < xs_dir_block_size(count, len))
        return -ENOSPC;
    strings = (char *)(names + count + 1);
    memcpy(strings, payload, len);
    for (int i = 0; i < count; i++) {
        names[i] = strings;
        strings += strlen(strings) + 1;
    }
    names[count] = NULL;
    return count;
}

int xs_watch_event_parse(const char *payload, size_t len, const char **path, const char **token)
{
    int count = xs_count_strings(payload, len);

    /* Exactly path and token; newer daemons could append more, which we ignore. */
    if (count < 2)
        return -EBADMSG;
    *path = payload;
    *token = payload + strlen(payload) + 1;
    return 0;
}

int xs_parse_u32(const char *payload, size_t len, uint32_t *out)
{
    char buf[12];
    unsigned long long v;

    if (len > 0 && payload[len - 1] == '\0')
        len--;
    if (len == 0 || len >= sizeof(buf) || memchr(payload, '\0', len))
        return -EBADMSG;
    memcpy(buf, payload, len);
    buf[len] = '\0';
    if (str_to_ull(buf, 10, &v) || v > UINT32_MAX)
        return -EBADMSG;
    *out = (uint32_t)v;
    return 0;
}

static int valid_access(char c)
{
    return c == XS_PERM_NONE || c == XS_PERM_READ || c == XS_PERM_WRITE || c == XS_PERM_BOTH;
}

int xs_perm_parse(const char *s, struct xs_perm *p)
{
    unsigned long long domid;

    if (!valid_access(s[0]) || s[1] < '0' || s[1] > '9')
        return -EINVAL;
    if (str_to_ull(s + 1, 10, &domid) || domid > UINT16_MAX)
        return -EINVAL;
    p->access = s[0];
    p->domid = (uint16_t)domid;
    return 0;
}

int xs_perm_format(char *buf, size_t size, const struct xs_perm *p)
{
    if (!valid_access(p->access))
        return -EINVAL;
    return snprintf(buf, size, "%c%u", p->access, (unsigned int)p->domid);
}
