/* SPDX-License-Identifier: BSD-2-Clause */
/* kernel/xenbus_wire.c: xenstore message codec, error strings, replies, perms and rings. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* Mirrors of include/xenbus_wire.h (tests never include the kernel's headers). */
struct xs_hdr {
    uint32_t type, req_id, tx_id, len;
};
struct xs_seg {
    const void *data;
    size_t len;
};
struct xs_perm {
    uint16_t domid;
    char access;
};
#define XS_RING_SIZE 1024

int kt_xs_payload_len(const struct xs_seg *segs, unsigned int n);
void kt_xs_hdr_pack(void *buf, const struct xs_hdr *h);
int kt_xs_hdr_unpack(const void *buf, struct xs_hdr *h);
int kt_xs_encode(void *buf, size_t size, uint32_t type, uint32_t req_id, uint32_t tx_id,
                 const struct xs_seg *segs, unsigned int n);
int kt_xs_error_parse(const char *payload, size_t len);
const char *kt_xs_error_name(int err);
int kt_xs_count_strings(const char *payload, size_t len);
size_t kt_xs_dir_block_size(unsigned int count, size_t len);
int kt_xs_dir_pack(const char *payload, size_t len, void *block, size_t size);
int kt_xs_watch_event_parse(const char *payload, size_t len, const char **path, const char **token);
int kt_xs_parse_u32(const char *payload, size_t len, uint32_t *out);
int kt_xs_perm_parse(const char *s, struct xs_perm *p);
int kt_xs_perm_format(char *buf, size_t size, const struct xs_perm *p);
/* include/byte_ring.h, restated for the host: the xenstore rings use it. */
int kt_byte_ring_put(char *ring, size_t size, uint32_t cons, uint32_t *prod, const void *data,
                     size_t len);
int kt_byte_ring_get(const char *ring, size_t size, uint32_t *cons, uint32_t prod, void *data,
                     size_t len);

/* A write request: "path\0" then the value without a NUL, as xenstored expects. */
START_TEST(test_encode_write)
{
    static const char expect_payload[] = "data/x\0hello";
    struct xs_seg segs[] = {{"data/x", 7}, {"hello", 5}};
    unsigned char buf[64];
    struct xs_hdr h;
    int n = kt_xs_encode(buf, sizeof(buf), 11, 42, 7, segs, 2);

    ck_assert_int_eq(n, 16 + 12);
    ck_assert_int_eq(kt_xs_hdr_unpack(buf, &h), 0);
    ck_assert_uint_eq(h.type, 11);
    ck_assert_uint_eq(h.req_id, 42);
    ck_assert_uint_eq(h.tx_id, 7);
    ck_assert_uint_eq(h.len, 12);
    ck_assert_int_eq(memcmp(buf + 16, expect_payload, 12), 0);
    /* Native-endian words, as struct xsd_sockmsg is laid out. */
    ck_assert_int_eq(memcmp(buf, &h, 16), 0);
}
END_TEST

START_TEST(test_encode_limits)
{
    static char big[4097];
    struct xs_seg one = {big, 4096}, over = {big, 4097};
    struct xs_seg two[] = {{big, 4000}, {big, 97}};
    struct xs_seg wrap[] = {{big, 10}, {big, SIZE_MAX - 5}};
    unsigned char buf[16 + 4096];

    ck_assert_int_eq(kt_xs_payload_len(&one, 1), 4096);
    ck_assert_int_eq(kt_xs_payload_len(&over, 1), -E2BIG);
    ck_assert_int_eq(kt_xs_payload_len(two, 2), -E2BIG);
    ck_assert_int_eq(kt_xs_payload_len(wrap, 2), -E2BIG);
    ck_assert_int_eq(kt_xs_payload_len(NULL, 0), 0);
    ck_assert_int_eq(kt_xs_encode(buf, sizeof(buf), 2, 1, 0, &one, 1), 16 + 4096);
    ck_assert_int_eq(kt_xs_encode(buf, sizeof(buf) - 1, 2, 1, 0, &one, 1), -ENOSPC);
    ck_assert_int_eq(kt_xs_encode(buf, sizeof(buf), 2, 1, 0, &over, 1), -E2BIG);
    ck_assert_int_eq(kt_xs_encode(buf, 15, 2, 1, 0, NULL, 0), -ENOSPC);
}
END_TEST

START_TEST(test_hdr_unpack_rejects_long)
{
    struct xs_hdr in = {16, 3, 0, 4097}, out;
    unsigned char buf[16];

    kt_xs_hdr_pack(buf, &in);
    ck_assert_int_eq(kt_xs_hdr_unpack(buf, &out), -EBADMSG);
    in.len = 4096;
    kt_xs_hdr_pack(buf, &in);
    ck_assert_int_eq(kt_xs_hdr_unpack(buf, &out), 0);
    ck_assert_uint_eq(out.len, 4096);
}
END_TEST

/* Every XSD_ERRORS entry of io/xs_wire.h, with the host's (Linux) errno values. */
START_TEST(test_error_table)
{
    static const struct {
        const char *name;
        int err;
    } t[] = {{"EINVAL", EINVAL},       {"EACCES", EACCES},   {"EEXIST", EEXIST}, {"EISDIR", EISDIR},
             {"ENOENT", ENOENT},       {"ENOMEM", ENOMEM},   {"ENOSPC", ENOSPC}, {"EIO", EIO},
             {"ENOTEMPTY", ENOTEMPTY}, {"ENOSYS", ENOSYS},   {"EROFS", EROFS},   {"EBUSY", EBUSY},
             {"EAGAIN", EAGAIN},       {"EISCONN", EISCONN}, {"E2BIG", E2BIG},   {"EPERM", EPERM}};

    for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
        ck_assert_int_eq(kt_xs_error_parse(t[i].name, strlen(t[i].name) + 1), -t[i].err);
        ck_assert_int_eq(kt_xs_error_parse(t[i].name, strlen(t[i].name)), -t[i].err);
        ck_assert_str_eq(kt_xs_error_name(-t[i].err), t[i].name);
        ck_assert_str_eq(kt_xs_error_name(t[i].err), t[i].name);
    }
}
END_TEST

START_TEST(test_error_unknown)
{
    ck_assert_int_eq(kt_xs_error_parse("EQUOTA", 7), -EIO);
    ck_assert_int_eq(kt_xs_error_parse("", 0), -EIO);
    ck_assert_int_eq(kt_xs_error_parse("", 1), -EIO);
    /* A prefix or an embedded NUL is not a match. */
    ck_assert_int_eq(kt_xs_error_parse("ENOENTX", 8), -EIO);
    ck_assert_int_eq(kt_xs_error_parse("ENO", 4), -EIO);
    ck_assert_int_eq(kt_xs_error_parse("EIO\0\0", 5), -EIO);
    ck_assert_ptr_null(kt_xs_error_name(ETIMEDOUT));
    ck_assert_ptr_null(kt_xs_error_name(0));
}
END_TEST

START_TEST(test_dir_pack)
{
    static const char reply[] = "backend\0device\0a-very-long-name-1234\0";
    size_t len = sizeof(reply) - 1;
    int count = kt_xs_count_strings(reply, len);
    size_t size = kt_xs_dir_block_size(count, len);
    char **names = malloc(size);

    ck_assert_int_eq(count, 3);
    ck_assert_int_eq(kt_xs_dir_pack(reply, len, names, size), 3);
    ck_assert_str_eq(names[0], "backend");
    ck_assert_str_eq(names[1], "device");
    ck_assert_str_eq(names[2], "a-very-long-name-1234");
    ck_assert_ptr_null(names[3]);
    /* The names live inside the block, not in the reply buffer. */
    ck_assert((char *)names[0] >= (char *)names && names[2] + 22 <= (char *)names + size);
    ck_assert_int_eq(kt_xs_dir_pack(reply, len, names, size - 1), -ENOSPC);
    free(names);
}
END_TEST

START_TEST(test_dir_empty_and_bad)
{
    char *block[1];

    ck_assert_int_eq(kt_xs_dir_pack("", 0, block, sizeof(block)), 0);
    ck_assert_ptr_null(block[0]);
    ck_assert_int_eq(kt_xs_count_strings("abc", 3), -EBADMSG);
    ck_assert_int_eq(kt_xs_count_strings("a\0b", 3), -EBADMSG);
    ck_assert_int_eq(kt_xs_dir_pack("abc", 3, block, sizeof(block)), -EBADMSG);
    /* An empty name is legal on the wire and counts. */
    ck_assert_int_eq(kt_xs_count_strings("\0\0", 2), 2);
}
END_TEST

START_TEST(test_watch_event)
{
    static const char ev[] = "control/shutdown\0tok1\0";
    const char *path, *token;

    ck_assert_int_eq(kt_xs_watch_event_parse(ev, sizeof(ev) - 1, &path, &token), 0);
    ck_assert_str_eq(path, "control/shutdown");
    ck_assert_str_eq(token, "tok1");
    ck_assert_int_eq(kt_xs_watch_event_parse("p\0", 2, &path, &token), -EBADMSG);
    ck_assert_int_eq(kt_xs_watch_event_parse("p\0t", 3, &path, &token), -EBADMSG);
    ck_assert_int_eq(kt_xs_watch_event_parse("p\0t\0x\0", 6, &path, &token), 0);
    ck_assert_str_eq(token, "t");
}
END_TEST

START_TEST(test_parse_u32)
{
    uint32_t v = 99;

    ck_assert_int_eq(kt_xs_parse_u32("17\0", 3, &v), 0);
    ck_assert_uint_eq(v, 17);
    ck_assert_int_eq(kt_xs_parse_u32("4294967295", 10, &v), 0);
    ck_assert_uint_eq(v, 4294967295u);
    ck_assert_int_eq(kt_xs_parse_u32("4294967296", 10, &v), -EBADMSG);
    ck_assert_int_eq(kt_xs_parse_u32("", 0, &v), -EBADMSG);
    ck_assert_int_eq(kt_xs_parse_u32("\0", 1, &v), -EBADMSG);
    ck_assert_int_eq(kt_xs_parse_u32("1\0002", 3, &v), -EBADMSG);
    ck_assert_int_eq(kt_xs_parse_u32("-1", 2, &v), -EBADMSG);
    ck_assert_int_eq(kt_xs_parse_u32(" 1", 2, &v), -EBADMSG);
    ck_assert_int_eq(kt_xs_parse_u32("12a", 3, &v), -EBADMSG);
    ck_assert_uint_eq(v, 4294967295u);
}
END_TEST

START_TEST(test_perms)
{
    struct xs_perm p;
    char buf[16];

    ck_assert_int_eq(kt_xs_perm_parse("b0", &p), 0);
    ck_assert_int_eq(p.access, 'b');
    ck_assert_uint_eq(p.domid, 0);
    ck_assert_int_eq(kt_xs_perm_parse("r65535", &p), 0);
    ck_assert_uint_eq(p.domid, 65535);
    ck_assert_int_eq(kt_xs_perm_parse("n65536", &p), -EINVAL);
    ck_assert_int_eq(kt_xs_perm_parse("x1", &p), -EINVAL);
    ck_assert_int_eq(kt_xs_perm_parse("r", &p), -EINVAL);
    ck_assert_int_eq(kt_xs_perm_parse("r-1", &p), -EINVAL);
    ck_assert_int_eq(kt_xs_perm_parse("w1x", &p), -EINVAL);
    p.access = 'w';
    p.domid = 7;
    ck_assert_int_eq(kt_xs_perm_format(buf, sizeof(buf), &p), 2);
    ck_assert_str_eq(buf, "w7");
    p.access = 'q';
    ck_assert_int_eq(kt_xs_perm_format(buf, sizeof(buf), &p), -EINVAL);
}
END_TEST

/* Put and get across the wrap point, with free-running indexes that overflow 32 bits. */
START_TEST(test_ring_wrap)
{
    static char ring[XS_RING_SIZE];
    char in[700], out[700];
    uint32_t prod = UINT32_MAX - 100, cons = prod;

    for (size_t i = 0; i < sizeof(in); i++)
        in[i] = (char)(i * 7 + 1);
    for (int round = 0; round < 5; round++) {
        ck_assert_int_eq(kt_byte_ring_put(ring, XS_RING_SIZE, cons, &prod, in, sizeof(in)),
                         sizeof(in));
        /* Only 324 bytes of space remain. */
        ck_assert_int_eq(kt_byte_ring_put(ring, XS_RING_SIZE, cons, &prod, in, sizeof(in)), 324);
        ck_assert_uint_eq(prod - cons, XS_RING_SIZE);
        ck_assert_int_eq(kt_byte_ring_put(ring, XS_RING_SIZE, cons, &prod, in, 1), 0);
        ck_assert_int_eq(kt_byte_ring_get(ring, XS_RING_SIZE, &cons, prod, out, sizeof(out)),
                         sizeof(out));
        ck_assert_int_eq(memcmp(in, out, sizeof(in)), 0);
        ck_assert_int_eq(kt_byte_ring_get(ring, XS_RING_SIZE, &cons, prod, out, sizeof(out)), 324);
        ck_assert_int_eq(memcmp(in, out, 324), 0);
        ck_assert_int_eq(kt_byte_ring_get(ring, XS_RING_SIZE, &cons, prod, out, 1), 0);
    }
}
END_TEST

START_TEST(test_ring_corrupt_indexes)
{
    static char ring[XS_RING_SIZE];
    uint32_t prod = 2000, cons = 0;
    char b[4];

    ck_assert_int_eq(kt_byte_ring_put(ring, XS_RING_SIZE, cons, &prod, "x", 1), -EPROTO);
    ck_assert_int_eq(kt_byte_ring_get(ring, XS_RING_SIZE, &cons, prod, b, 1), -EPROTO);
    ck_assert_uint_eq(prod, 2000);
    ck_assert_uint_eq(cons, 0);
    /* Consumer ahead of producer is corruption too. */
    prod = 5;
    cons = 6;
    ck_assert_int_eq(kt_byte_ring_get(ring, XS_RING_SIZE, &cons, prod, b, 1), -EPROTO);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("xenbus_wire");

    UNIT_ADD(s, test_encode_write);
    UNIT_ADD(s, test_encode_limits);
    UNIT_ADD(s, test_hdr_unpack_rejects_long);
    UNIT_ADD(s, test_error_table);
    UNIT_ADD(s, test_error_unknown);
    UNIT_ADD(s, test_dir_pack);
    UNIT_ADD(s, test_dir_empty_and_bad);
    UNIT_ADD(s, test_watch_event);
    UNIT_ADD(s, test_parse_u32);
    UNIT_ADD(s, test_perms);
    UNIT_ADD(s, test_ring_wrap);
    UNIT_ADD(s, test_ring_corrupt_indexes);
    return s;
}
