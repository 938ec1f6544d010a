/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 9P2000.L wire format: building requests and parsing responses with bounds checks. Pure
 * code (no Xen, no threads), unit-tested on the host. A response is untrusted: every read
 * past its end sets err instead of touching memory beyond it.
 */
#ifndef MINIOS_P9_WIRE_H
#define MINIOS_P9_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Message types used here (T = request, R = T + 1). */
enum {
    P9_RLERROR = 7,
    P9_TSTATFS = 8,
    P9_TLOPEN = 12,
    P9_TLCREATE = 14,
    P9_TRENAME = 20,
    P9_TGETATTR = 24,
    P9_TSETATTR = 26,
    P9_TREADDIR = 40,
    P9_TFSYNC = 50,
    P9_TMKDIR = 72,
    P9_TRENAMEAT = 74,
    P9_TUNLINKAT = 76,
    P9_TVERSION = 100,
    P9_TATTACH = 104,
    P9_TWALK = 110,
    P9_TREAD = 116,
    P9_TWRITE = 118,
    P9_TCLUNK = 120,
    P9_TREMOVE = 122,
};

#define P9_HDR_SIZE  7u /* size[4] type[1] tag[2] */
#define P9_NOTAG     0xffffu
#define P9_NOFID     0xffffffffu
#define P9_MAXWELEM  16u  /* names in one Twalk */
#define P9_NAME_MAX  255u /* longest file name we send or accept */
#define P9_QID_SIZE  13u
#define P9_IOHDR_MAX 24u /* Twrite's header before the data; Rread's is smaller */

struct p9_qid {
    uint8_t type;
    uint32_t version;
    uint64_t path;
};

struct p9_msg {
    uint8_t *buf;
    size_t cap; /* building: room in buf; parsing: the message's size */
    size_t pos;
    bool err; /* overflow while building, or a field beyond the end while parsing */
};

/* Start a message of type and tag in buf (cap bytes); p9_finish sets its size field. */
void p9_begin(struct p9_msg *m, void *buf, size_t cap, uint8_t type, uint16_t tag);
/* The message's length, or 0 if it did not fit. */
size_t p9_finish(struct p9_msg *m);
void p9_put_u8(struct p9_msg *m, uint8_t v);
void p9_put_u16(struct p9_msg *m, uint16_t v);
void p9_put_u32(struct p9_msg *m, uint32_t v);
void p9_put_u64(struct p9_msg *m, uint64_t v);
/* A string: len[2] then the bytes (no NUL); err if longer than 65535. */
void p9_put_str(struct p9_msg *m, const char *s);
void p9_put_strn(struct p9_msg *m, const char *s, size_t len);
void p9_put_data(struct p9_msg *m, const void *data, size_t len);

/*
 * Check a complete response of len bytes in buf against the request: its size field must
 * be len, its tag tag, its type want (then 0 and m positioned after the header) or Rlerror
 * (then -ecode, the server's errno; -EPROTO for an ecode no errno has). -EPROTO for
 * anything else.
 */
int p9_parse_reply(struct p9_msg *m, void *buf, size_t len, uint16_t tag, uint8_t want);
/* The size field of a header (its first 4 bytes, little-endian). */
uint32_t p9_hdr_size(const uint8_t *hdr);
/*
 * The size of the response whose header is hdr, if it can be one: at least a header, at
 * most max bytes (the message size agreed and the ring's room). 0 if it cannot.
 */
uint32_t p9_hdr_checked_size(const uint8_t *hdr, uint32_t max);

uint8_t p9_get_u8(struct p9_msg *m);
uint16_t p9_get_u16(struct p9_msg *m);
uint32_t p9_get_u32(struct p9_msg *m);
uint64_t p9_get_u64(struct p9_msg *m);
void p9_get_qid(struct p9_msg *m, struct p9_qid *q);
/* len bytes in place, or NULL (and err) if the message is shorter. */
const uint8_t *p9_get_data(struct p9_msg *m, size_t len);
/*
 * A file name into out (size >= P9_NAME_MAX + 1), NUL-terminated: 0, or -EPROTO (and err)
 * for a truncated one, one longer than P9_NAME_MAX, or one holding '/' or NUL.
 */
int p9_get_name(struct p9_msg *m, char *out);
/* Whether the whole message was consumed without error (trailing bytes are an error). */
bool p9_done(const struct p9_msg *m);

#endif
