/* SPDX-License-Identifier: BSD-2-Clause */
/* net/tx_csum.c: the TCP pseudo-header seed for checksum offload, and the full checksum. */
#include <stdint.h>
#include <string.h>

#include "unit.h"

/* Mirror of net/tx_csum.h (tests never include the kernel's headers). */
enum tx_csum { TX_CSUM_NONE, TX_CSUM_SEEDED, TX_CSUM_FULL };
enum tx_csum kt_tx_csum_seed(uint8_t *hdr, size_t hdr_len, size_t frame_len);
int kt_tx_csum_fill(uint8_t *frame, size_t len);

/* RFC 1071 over a list of byte ranges, as an independent reference. */
static uint16_t ref_sum(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    uint8_t buf[2048];
    uint32_t acc = 0;
    size_t n = alen + blen;

    memcpy(buf, a, alen);
    if (blen)
        memcpy(buf + alen, b, blen);
    if (n & 1)
        buf[n++] = 0;
    for (size_t i = 0; i < n; i += 2)
        acc += (uint32_t)(buf[i] << 8 | buf[i + 1]);
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    return (uint16_t)~acc;
}

/* An Ethernet + IPv4 + TCP frame with payload bytes; returns its length. */
static size_t v4_frame(uint8_t *f, size_t payload)
{
    size_t tcp_len = 20 + payload, ip_len = 20 + tcp_len;

    memset(f, 0, 14 + ip_len);
    f[12] = 0x08;
    f[14] = 0x45;
    f[16] = (uint8_t)(ip_len >> 8);
    f[17] = (uint8_t)ip_len;
    f[20] = 0x40; /* DF: not a fragment */
    f[22] = 64;
    f[23] = 6;
    memcpy(f + 26, (uint8_t[]){10, 0, 0, 2, 10, 0, 0, 1}, 8);
    f[34] = 0x13, f[35] = 0x89, f[36] = 0xc0, f[37] = 0x01; /* ports */
    f[46] = 0x50;                                           /* data offset 5 */
    for (size_t i = 0; i < payload; i++)
        f[54 + i] = (uint8_t)(i * 7 + 3);
    return 14 + ip_len;
}

/* The checksum the frame's TCP segment should carry (computed with the field zeroed). */
static uint16_t v4_want(const uint8_t *f)
{
    uint8_t seg[2048], pseudo[12];
    size_t tcp_len = (size_t)(f[16] << 8 | f[17]) - 20;

    memcpy(seg, f + 34, tcp_len);
    seg[16] = seg[17] = 0;
    memcpy(pseudo, f + 26, 8);
    pseudo[8] = 0, pseudo[9] = 6;
    pseudo[10] = (uint8_t)(tcp_len >> 8), pseudo[11] = (uint8_t)tcp_len;
    return ref_sum(pseudo, 12, seg, tcp_len);
}

/* What the backend does with a seeded field: sum the segment from it on, invert. */
static uint16_t complete(const uint8_t *seg, size_t len)
{
    return ref_sum(seg, len, NULL, 0);
}

START_TEST(test_seed_v4)
{
    uint8_t f[1600];
    size_t len = v4_frame(f, 1001); /* odd length: the last byte is padded */
    uint16_t want = v4_want(f);

    ck_assert_int_eq(kt_tx_csum_seed(f, len, len), TX_CSUM_SEEDED);
    ck_assert_uint_eq(complete(f + 34, len - 34), want);
    /* Only the headers in the first piece are needed (lwIP: header pbuf + data pbuf). */
    len = v4_frame(f, 1460);
    want = v4_want(f);
    ck_assert_int_eq(kt_tx_csum_seed(f, 54, len), TX_CSUM_SEEDED);
    ck_assert_uint_eq(complete(f + 34, len - 34), want);
}
END_TEST

START_TEST(test_fill_v4)
{
    uint8_t f[1600];
    size_t len = v4_frame(f, 100);
    uint16_t want = v4_want(f);

    f[50] = 0xde, f[51] = 0xad; /* whatever was in the field */
    ck_assert_int_eq(kt_tx_csum_fill(f, len), 0);
    ck_assert_uint_eq((uint16_t)(f[50] << 8 | f[51]), want);
    /* A correct checksum sums to zero over pseudo-header and segment. */
    ck_assert_uint_eq(v4_want(f), want);
}
END_TEST

/* Headers not within the first piece: the caller must flatten and fill. */
START_TEST(test_split_headers)
{
    uint8_t f[1600];
    size_t len = v4_frame(f, 100);

    ck_assert_int_eq(kt_tx_csum_seed(f, 40, len), TX_CSUM_FULL);
    ck_assert_int_eq(kt_tx_csum_seed(f, 20, len), TX_CSUM_FULL);
    ck_assert_int_eq(kt_tx_csum_seed(f, 10, len), TX_CSUM_FULL);
    ck_assert_int_eq(kt_tx_csum_seed(f, len + 1, len), TX_CSUM_NONE);
}
END_TEST

START_TEST(test_not_tcp)
{
    uint8_t f[1600], copy[1600];
    size_t len = v4_frame(f, 100);

    f[23] = 17; /* UDP */
    memcpy(copy, f, len);
    ck_assert_int_eq(kt_tx_csum_seed(f, len, len), TX_CSUM_NONE);
    ck_assert_int_eq(kt_tx_csum_fill(f, len), -1);
    ck_assert_mem_eq(f, copy, len);
    /* A fragment (MF, or an offset) cannot be completed alone. */
    len = v4_frame(f, 100);
    f[20] = 0x20;
    ck_assert_int_eq(kt_tx_csum_seed(f, len, len), TX_CSUM_NONE);
    f[20] = 0, f[21] = 1;
    ck_assert_int_eq(kt_tx_csum_seed(f, len, len), TX_CSUM_NONE);
    /* ARP, and a frame claiming more IP bytes than it has. */
    len = v4_frame(f, 100);
    f[17] += 1;
    ck_assert_int_eq(kt_tx_csum_seed(f, len, len), TX_CSUM_NONE);
    f[12] = 0x08, f[13] = 0x06;
    ck_assert_int_eq(kt_tx_csum_seed(f, len, len), TX_CSUM_NONE);
    ck_assert_int_eq(kt_tx_csum_seed(f, 14, 20), TX_CSUM_NONE);
}
END_TEST

START_TEST(test_seed_v6)
{
    uint8_t f[1600], pseudo[40], seg[1600];
    size_t payload = 333, tcp_len = 20 + payload, len = 14 + 40 + tcp_len;
    uint16_t want;

    memset(f, 0, sizeof(f));
    f[12] = 0x86, f[13] = 0xdd;
    f[14] = 0x60;
    f[18] = (uint8_t)(tcp_len >> 8), f[19] = (uint8_t)tcp_len;
    f[20] = 6;
    f[21] = 64;
    for (int i = 0; i < 32; i++)
        f[22 + i] = (uint8_t)(0xfe + i * 13);
    f[54 + 12] = 0x50;
    for (size_t i = 0; i < payload; i++)
        f[74 + i] = (uint8_t)(i ^ 0x5a);
    memset(pseudo, 0, sizeof(pseudo));
    memcpy(pseudo, f + 22, 32);
    pseudo[34] = (uint8_t)(tcp_len >> 8), pseudo[35] = (uint8_t)tcp_len, pseudo[39] = 6;
    memcpy(seg, f + 54, tcp_len);
    want = ref_sum(pseudo, 40, seg, tcp_len);
    ck_assert_int_eq(kt_tx_csum_seed(f, 74, len), TX_CSUM_SEEDED);
    ck_assert_uint_eq(complete(f + 54, tcp_len), want);
    ck_assert_int_eq(kt_tx_csum_fill(f, len), 0);
    ck_assert_uint_eq((uint16_t)(f[70] << 8 | f[71]), want);
    ck_assert_int_eq(kt_tx_csum_seed(f, 50, len), TX_CSUM_FULL);
    f[20] = 17;
    ck_assert_int_eq(kt_tx_csum_seed(f, len, len), TX_CSUM_NONE);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("tx_csum");

    UNIT_ADD(s, test_seed_v4);
    UNIT_ADD(s, test_fill_v4);
    UNIT_ADD(s, test_split_headers);
    UNIT_ADD(s, test_not_tcp);
    UNIT_ADD(s, test_seed_v6);
    return s;
}
