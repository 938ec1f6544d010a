/* SPDX-License-Identifier: BSD-2-Clause */
/* 9P2000.L wire format: little-endian fields, counted strings, checked parsing. */
#include <errno.h>
#include <string.h>
#include "p9_wire.h"

/* Errors the server may send are Linux errno values: anything in 1..4095. */
#define P9_ERRNO_MAX 4095u

static uint8_t *room(struct p9_msg *m, size_t n)
{
    uint8_t *p;

    if (m->err || n > m->cap - m->pos) {
        m->err = true;
        return NULL;
    }
    p = m->buf + m->pos;
    m->pos += n;
    return p;
}

static void put_le(struct p9_msg *m, uint64_t v, unsigned int bytes)
{
    uint8_t *p = room(m, bytes);

    for (unsigned int i = 0; p && i < bytes; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

void p9_put_u8(struct p9_msg *m, uint8_t v)
{
    put_le(m, v, 1);
}

void p9_put_u16(struct p9_msg *m, uint16_t v)
{
    put_le(m, v, 2);
}

void p9_put_u32(struct p9_msg *m, uint32_t v)
{
    put_le(m, v, 4);
}

void p9_put_u64(struct p9_msg *m, uint64_t v)
{
    put_le(m, v, 8);
}

void p9_put_data(struct p9_msg *m, const void *data, size_t len)
{
    uint8_t *p = room(m, len);

    if (p && len)
        memcpy(p, data, len);
}

void p9_put_strn(struct p9_msg *m, const char *s, size_t len)
{
    if (len > 0xffff) {
        m->err = true;
        return;
    }
    p9_put_u16(m, (uint16_t)len);
    p9_put_data(m, s, len);
}

void p9_put_str(struct p9_msg *m, const char *s)
{
    p9_put_strn(m, s, strlen(s));
}

void p9_begin(struct p9_msg *m, void *buf, size_t cap, uint8_t type, uint16_t tag)
{
    m->buf = buf;
    m->cap = cap;
    m->pos = 0;
    m->err = false;
    p9_put_u32(m, 0);
    p9_put_u8(m, type);
    p9_put_u16(m, tag);
}

size_t p9_finish(struct p9_msg *m)
{
    if (m->err || m->pos > 0xffffffffu)
        return 0;
    for (unsigned int i = 0; i < 4; i++)
        m->buf[i] = (uint8_t)(m->pos >> (8 * i));
    return m->pos;
}

static uint64_t get_le(struct p9_msg *m, unsigned int bytes)
{
    const uint8_t *p = room(m, bytes);
    uint64_t v = 0;

    for (unsigned int i = 0; p && i < bytes; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

uint8_t p9_get_u8(struct p9_msg *m)
{
    return (uint8_t)get_le(m, 1);
}

uint16_t p9_get_u16(struct p9_msg *m)
{
    return (uint16_t)get_le(m, 2);
}

uint32_t p9_get_u32(struct p9_msg *m)
{
    return (uint32_t)get_le(m, 4);
}

uint64_t p9_get_u64(struct p9_msg *m)
{
    return get_le(m, 8);
}

void p9_get_qid(struct p9_msg *m, struct p9_qid *q)
{
    q->type = p9_get_u8(m);
    q->version = p9_get_u32(m);
    q->path = p9_get_u64(m);
}

const uint8_t *p9_get_data(struct p9_msg *m, size_t len)
{
    return room(m, len);
}

int p9_get_name(struct p9_msg *m, char *out)
{
    uint16_t len = p9_get_u16(m);
    const uint8_t *p;

    if (len > P9_NAME_MAX)
        m->err = true;
    p = p9_get_data(m, len);
    if (!p || memchr(p, '/', len) || memchr(p, '\0', len)) {
        m->err = true;
        return -EPROTO;
    }
    memcpy(out, p, len);
    out[len] = '\0';
    return 0;
}

bool p9_done(const struct p9_msg *m)
{
    return !m->err && m->pos == m->cap;
}

uint32_t p9_hdr_size(const uint8_t *hdr)
{
    return (uint32_t)hdr[0] | (uint32_t)hdr[1] << 8 | (uint32_t)hdr[2] << 16 |
           (uint32_t)hdr[3] << 24;
}

uint32_t p9_hdr_checked_size(const uint8_t *hdr, uint32_t max)
{
    uint32_t size = p9_hdr_size(hdr);

    return size >= P9_HDR_SIZE && size <= max ? size : 0;
}

int p9_parse_reply(struct p9_msg *m, void *buf, size_t len, uint16_t tag, uint8_t want)
{
    uint8_t type;

    m->buf = buf;
    m->cap = len;
    m->pos = 0;
    m->err = false;
    if (p9_get_u32(m) != len)
        return -EPROTO;
    type = p9_get_u8(m);
    if (p9_get_u16(m) != tag || m->err)
        return -EPROTO;
    if (type == P9_RLERROR) {
        uint32_t ecode = p9_get_u32(m);

        if (!p9_done(m) || ecode == 0 || ecode > P9_ERRNO_MAX)
            return -EPROTO;
        return -(int)ecode;
    }
    return type == want ? 0 : -EPROTO;
}
