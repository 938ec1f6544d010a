/* SPDX-License-Identifier: BSD-2-Clause */
/* drivers/9pfs/p9_wire.c: request layout, and responses from an untrusted server. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

/* Mirrors of drivers/9pfs/p9_wire.h (tests never include the kernel's headers). */
struct p9_msg {
    uint8_t *buf;
    size_t cap, pos;
    bool err;
};
struct p9_qid {
    uint8_t type;
    uint32_t version;
    uint64_t path;
};
void kt_p9_begin(struct p9_msg *m, void *buf, size_t cap, uint8_t type, uint16_t tag);
size_t kt_p9_finish(struct p9_msg *m);
void kt_p9_put_u32(struct p9_msg *m, uint32_t v);
void kt_p9_put_u64(struct p9_msg *m, uint64_t v);
void kt_p9_put_str(struct p9_msg *m, const char *s);
void kt_p9_put_data(struct p9_msg *m, const void *data, size_t len);
int kt_p9_parse_reply(struct p9_msg *m, void *buf, size_t len, uint16_t tag, uint8_t want);
uint32_t kt_p9_get_u32(struct p9_msg *m);
uint64_t kt_p9_get_u64(struct p9_msg *m);
void kt_p9_get_qid(struct p9_msg *m, struct p9_qid *q);
const uint8_t *kt_p9_get_data(struct p9_msg *m, size_t len);
int kt_p9_get_name(struct p9_msg *m, char *out);
bool kt_p9_done(const struct p9_msg *m);
uint32_t kt_p9_hdr_checked_size(const uint8_t *hdr, uint32_t max);

/* Tversion msize 8192 "9P2000.L" with NOTAG, byte for byte. */
START_TEST(test_build_version)
{
    static const uint8_t want[] = {21, 0, 0,   0,   100, 0xff, 0xff, 0,   0x20, 0,  0,
                                   8,  0, '9', 'P', '2', '0',  '0',  '0', '.',  'L'};
    uint8_t buf[64];
    struct p9_msg m;

    kt_p9_begin(&m, buf, sizeof(buf), 100, 0xffff);
    kt_p9_put_u32(&m, 8192);
    kt_p9_put_str(&m, "9P2000.L");
    ck_assert_uint_eq(kt_p9_finish(&m), sizeof(want));
    ck_assert_mem_eq(buf, want, sizeof(want));
}
END_TEST

/* A request that does not fit is refused (size 0), nothing written past the buffer. */
START_TEST(test_build_overflow)
{
    uint8_t buf[16] = {0}, data[32] = {0};
    struct p9_msg m;

    kt_p9_begin(&m, buf, 12, 118, 1);
    kt_p9_put_u64(&m, 1);
    ck_assert_uint_eq(kt_p9_finish(&m), 0);
    kt_p9_begin(&m, buf, 12, 118, 1);
    kt_p9_put_data(&m, data, sizeof(data));
    ck_assert_uint_eq(kt_p9_finish(&m), 0);
    ck_assert_uint_eq(buf[12], 0);
}
END_TEST

static size_t reply(uint8_t *buf, uint32_t size, uint8_t type, uint16_t tag)
{
    buf[0] = (uint8_t)size;
    buf[1] = (uint8_t)(size >> 8);
    buf[2] = buf[3] = 0;
    buf[4] = type;
    buf[5] = (uint8_t)tag;
    buf[6] = (uint8_t)(tag >> 8);
    return 7;
}

START_TEST(test_parse_header)
{
    uint8_t buf[32] = {0};
    struct p9_msg m;

    reply(buf, 7, 121, 3); /* Rclunk */
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 7, 3, 121), 0);
    ck_assert(kt_p9_done(&m));
    /* Wrong tag, wrong type, size field not the message's length. */
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 7, 4, 121), -EPROTO);
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 7, 3, 119), -EPROTO);
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 8, 3, 121), -EPROTO);
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 5, 3, 121), -EPROTO);
}
END_TEST

/* Rlerror gives the server's errno; zero, huge or trailing bytes are protocol errors. */
START_TEST(test_parse_rlerror)
{
    uint8_t buf[32] = {0};
    struct p9_msg m;

    reply(buf, 11, 7, 0);
    buf[7] = 30; /* EROFS */
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 11, 0, 121), -30);
    buf[7] = 0;
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 11, 0, 121), -EPROTO);
    buf[7] = 0xff;
    buf[8] = 0xff;
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 11, 0, 121), -EPROTO);
    reply(buf, 12, 7, 0);
    buf[7] = 2;
    buf[8] = 0;
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 12, 0, 121), -EPROTO);
}
END_TEST

/* Fields past the end read as zero and mark the message bad; data past it is NULL. */
START_TEST(test_parse_truncated)
{
    uint8_t buf[32] = {0};
    struct p9_msg m;
    struct p9_qid q;

    reply(buf, 11, 117, 1); /* Rread with count 100 but no data */
    buf[7] = 100;
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 11, 1, 117), 0);
    ck_assert_uint_eq(kt_p9_get_u32(&m), 100);
    ck_assert_ptr_null(kt_p9_get_data(&m, 100));
    ck_assert(!kt_p9_done(&m));
    reply(buf, 10, 105, 1); /* Rattach with a 3-byte qid */
    ck_assert_int_eq(kt_p9_parse_reply(&m, buf, 10, 1, 105), 0);
    kt_p9_get_qid(&m, &q);
    ck_assert(!kt_p9_done(&m));
    ck_assert_uint_eq(kt_p9_get_u64(&m), 0);
}
END_TEST

/* The size a response header claims decides how much is read from the ring: bounded. */
START_TEST(test_header_size)
{
    uint8_t hdr[7] = {0};

    reply(hdr, 7, 121, 0);
    ck_assert_uint_eq(kt_p9_hdr_checked_size(hdr, 8192), 7);
    reply(hdr, 8192, 117, 0);
    ck_assert_uint_eq(kt_p9_hdr_checked_size(hdr, 8192), 8192);
    reply(hdr, 8193, 117, 0);
    ck_assert_uint_eq(kt_p9_hdr_checked_size(hdr, 8192), 0);
    reply(hdr, 6, 117, 0);
    ck_assert_uint_eq(kt_p9_hdr_checked_size(hdr, 8192), 0);
    hdr[3] = 0x80; /* 2 GiB + 6 */
    ck_assert_uint_eq(kt_p9_hdr_checked_size(hdr, 8192), 0);
}
END_TEST

static int name(const uint8_t *s, size_t n, char *out)
{
    uint8_t buf[300];
    struct p9_msg m = {buf, n + 2, 0, false};

    buf[0] = (uint8_t)n;
    buf[1] = (uint8_t)(n >> 8);
    memcpy(buf + 2, s, MIN(n, sizeof(buf) - 2));
    return kt_p9_get_name(&m, out);
}

/* Names from the server: no '/', no NUL, not over 255 bytes, not past the message. */
START_TEST(test_names)
{
    static uint8_t longname[256];
    char out[256];

    ck_assert_int_eq(name((const uint8_t *)"a b.txt", 7, out), 0);
    ck_assert_str_eq(out, "a b.txt");
    ck_assert_int_eq(name((const uint8_t *)"a/b", 3, out), -EPROTO);
    ck_assert_int_eq(name((const uint8_t *)"a\0b", 3, out), -EPROTO);
    memset(longname, 'x', sizeof(longname));
    ck_assert_int_eq(name(longname, 255, out), 0);
    ck_assert_uint_eq(strlen(out), 255);
    ck_assert_int_eq(name(longname, 256, out), -EPROTO);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("p9wire");

    UNIT_ADD(s, test_build_version);
    UNIT_ADD(s, test_build_overflow);
    UNIT_ADD(s, test_parse_header);
    UNIT_ADD(s, test_parse_rlerror);
    UNIT_ADD(s, test_parse_truncated);
    UNIT_ADD(s, test_header_size);
    UNIT_ADD(s, test_names);
    return s;
}
