/* SPDX-License-Identifier: BSD-2-Clause */
/* drivers/netfront/netfront_proto.c: response checks, RX slot kinds, MAC. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

/* Mirrors of drivers/netfront/netfront_proto.h (tests never include the kernel's headers). */
enum nf_rx_verdict {
    NF_RX_OK,
    NF_RX_BAD_ID,
    NF_RX_NOT_POSTED,
    NF_RX_ERROR,
    NF_RX_SHORT,
    NF_RX_OVERSIZE,
    NF_RX_BAD_FLAGS,
    NF_RX_BAD_EXTRA,
    NF_RX_TOO_LONG,
};
enum nf_tx_verdict { NF_TX_OK, NF_TX_FAILED, NF_TX_BAD_ID, NF_TX_NOT_PENDING };
#define MORE_DATA  (1u << 2)
#define EXTRA_INFO (1u << 3)
#define GSO_PREFIX (1u << 4)
#define MAX_FRAME  1518u
#define EXTRA_MORE (1u << 0)
#define ALLOW_SG   (1u << 0)
#define ALLOW_GSO4 (1u << 1)
#define ALLOW_GSO6 (1u << 2)
#define MAX_SLOTS  18u
#define MAX_GSO    65535u
#define EXTRA_GSO  1u
#define GSO_TCPV4  1u
#define GSO_TCPV6  2u

enum nf_rx_verdict kt_nf_rx_check(uint16_t id, uint16_t offset, uint16_t flags, int16_t status,
                                  unsigned int nr_ids, const bool *posted, unsigned int max_frame,
                                  unsigned int allow, bool first);
enum nf_rx_verdict kt_nf_rx_extra_check(uint8_t type, uint16_t gso_size, uint8_t gso_type,
                                        unsigned int allow);
struct nf_rx_frame {
    unsigned int nslots, len;
    bool gso;
    enum nf_rx_verdict fault;
};
void kt_nf_rx_frame_start(struct nf_rx_frame *f);
enum nf_rx_verdict kt_nf_rx_frame_add(struct nf_rx_frame *f, unsigned int len);
enum nf_rx_verdict kt_nf_rx_frame_end(const struct nf_rx_frame *f, unsigned int max_frame);
enum nf_tx_verdict kt_nf_tx_check(uint16_t id, int16_t status, unsigned int nr_ids,
                                  const bool *pending);
enum nf_rx_slot { NF_SLOT_RESPONSE, NF_SLOT_EXTRA, NF_SLOT_CONTINUATION };
struct nf_rx_cursor {
    bool extra, cont;
};
enum nf_rx_slot kt_nf_rx_slot_kind(struct nf_rx_cursor *c, uint16_t flags, uint8_t extra_flags);
int kt_nf_parse_mac(const char *s, uint8_t mac[6]);
unsigned int kt_nf_rx_csum_flags(uint16_t flags, bool csum_on);
#define RX_VALIDATED  (1u << 0) /* NETRXF_data_validated */
#define RX_CSUM_BLANK (1u << 1) /* NETRXF_csum_blank */

static const bool posted[4] = {true, true, false, true};

static enum nf_rx_verdict rx(uint16_t id, uint16_t offset, uint16_t flags, int16_t status)
{
    return kt_nf_rx_check(id, offset, flags, status, 4, posted, MAX_FRAME, 0, true);
}

/* A data slot on a device with scatter-gather and GSO (slots up to a page). */
static enum nf_rx_verdict sg(uint16_t offset, uint16_t flags, int16_t status, bool first)
{
    return kt_nf_rx_check(0, offset, flags, status, 4, posted, 4096,
                          ALLOW_SG | ALLOW_GSO4 | ALLOW_GSO6, first);
}

START_TEST(test_rx_ok)
{
    ck_assert_int_eq(rx(0, 0, 0, 60), NF_RX_OK);
    ck_assert_int_eq(rx(3, 0, 0, 14), NF_RX_OK);
    ck_assert_int_eq(rx(1, 0, 0, MAX_FRAME), NF_RX_OK);
    ck_assert_int_eq(rx(1, 4096 - 60, 0, 60), NF_RX_OK);
    /* Checksum flags are harmless: the backend fills in checksums for us. */
    ck_assert_int_eq(rx(1, 0, 1u | 2u, 60), NF_RX_OK);
}
END_TEST

/* The id is checked before anything that would touch the buffer it names. */
START_TEST(test_rx_bad_id)
{
    ck_assert_int_eq(rx(4, 0, 0, 60), NF_RX_BAD_ID);
    ck_assert_int_eq(rx(0xffff, 0, 0, 60), NF_RX_BAD_ID);
    ck_assert_int_eq(rx(4, 0, MORE_DATA, -1), NF_RX_BAD_ID);
    ck_assert_int_eq(rx(2, 0, 0, 60), NF_RX_NOT_POSTED);
    ck_assert_int_eq(rx(2, 0, 0, -1), NF_RX_NOT_POSTED);
}
END_TEST

START_TEST(test_rx_bad_status)
{
    ck_assert_int_eq(rx(0, 0, 0, -1), NF_RX_ERROR);
    ck_assert_int_eq(rx(0, 0, 0, -32768), NF_RX_ERROR);
    ck_assert_int_eq(rx(0, 0, 0, 0), NF_RX_SHORT);
    ck_assert_int_eq(rx(0, 0, 0, 13), NF_RX_SHORT);
    ck_assert_int_eq(rx(0, 0, 0, MAX_FRAME + 1), NF_RX_OVERSIZE);
    ck_assert_int_eq(rx(0, 0, 0, 32767), NF_RX_OVERSIZE);
    /* In range, but past the end of the page. */
    ck_assert_int_eq(rx(0, 4096 - 59, 0, 60), NF_RX_OVERSIZE);
    ck_assert_int_eq(rx(0, 0xffff, 0, 60), NF_RX_OVERSIZE);
}
END_TEST

START_TEST(test_rx_bad_flags)
{
    ck_assert_int_eq(rx(0, 0, MORE_DATA, 60), NF_RX_BAD_FLAGS);
    ck_assert_int_eq(rx(0, 0, EXTRA_INFO, 60), NF_RX_BAD_FLAGS);
    ck_assert_int_eq(rx(0, 0, GSO_PREFIX, 60), NF_RX_BAD_FLAGS);
}
END_TEST

START_TEST(test_tx_check)
{
    ck_assert_int_eq(kt_nf_tx_check(0, 0, 4, posted), NF_TX_OK);
    ck_assert_int_eq(kt_nf_tx_check(1, -1, 4, posted), NF_TX_FAILED);
    ck_assert_int_eq(kt_nf_tx_check(1, -2, 4, posted), NF_TX_FAILED);
    /* NULL answers extra-info slots, which we never send. */
    ck_assert_int_eq(kt_nf_tx_check(1, 1, 4, posted), NF_TX_FAILED);
    ck_assert_int_eq(kt_nf_tx_check(2, 0, 4, posted), NF_TX_NOT_PENDING);
    ck_assert_int_eq(kt_nf_tx_check(4, 0, 4, posted), NF_TX_BAD_ID);
    ck_assert_int_eq(kt_nf_tx_check(0xffff, 0, 4, posted), NF_TX_BAD_ID);
}
END_TEST

/* Extra-info slots (one, or a chain with FLAG_MORE) and continuations are told apart. */
START_TEST(test_rx_slot_kind)
{
    struct nf_rx_cursor c = {false, false};

    ck_assert_int_eq(kt_nf_rx_slot_kind(&c, 0, 0), NF_SLOT_RESPONSE);
    ck_assert_int_eq(kt_nf_rx_slot_kind(&c, EXTRA_INFO, 0), NF_SLOT_RESPONSE);
    /* The extra's own flags: another extra follows. */
    ck_assert_int_eq(kt_nf_rx_slot_kind(&c, 0xffff, EXTRA_MORE), NF_SLOT_EXTRA);
    ck_assert_int_eq(kt_nf_rx_slot_kind(&c, 0xffff, 0), NF_SLOT_EXTRA);
    ck_assert_int_eq(kt_nf_rx_slot_kind(&c, 0, 0xff & ~EXTRA_MORE), NF_SLOT_RESPONSE);
    /* A multi-slot frame with an extra: first, extra, continuations, then a new frame. */
    ck_assert_int_eq(kt_nf_rx_slot_kind(&c, EXTRA_INFO | MORE_DATA, 0), NF_SLOT_RESPONSE);
    ck_assert_int_eq(kt_nf_rx_slot_kind(&c, 0, 0), NF_SLOT_EXTRA);
    ck_assert_int_eq(kt_nf_rx_slot_kind(&c, MORE_DATA, 0), NF_SLOT_CONTINUATION);
    /* A continuation's extra-info flag means nothing: extras follow only a first slot. */
    ck_assert_int_eq(kt_nf_rx_slot_kind(&c, EXTRA_INFO, 0), NF_SLOT_CONTINUATION);
    ck_assert_int_eq(kt_nf_rx_slot_kind(&c, 0, 0), NF_SLOT_RESPONSE);
}
END_TEST

/* With scatter-gather and GSO negotiated, multi-slot and extra-info flags are fine. */
START_TEST(test_rx_sg_slots)
{
    ck_assert_int_eq(sg(0, MORE_DATA | EXTRA_INFO, 4096, true), NF_RX_OK);
    ck_assert_int_eq(sg(0, MORE_DATA, 4096, false), NF_RX_OK);
    ck_assert_int_eq(sg(0, 0, 1, false), NF_RX_OK);
    /* A continuation needs no Ethernet header, but no slot is empty. */
    ck_assert_int_eq(sg(0, 0, 0, false), NF_RX_SHORT);
    ck_assert_int_eq(sg(0, MORE_DATA, 13, true), NF_RX_SHORT);
    ck_assert_int_eq(sg(0, 0, 4097, false), NF_RX_OVERSIZE);
    ck_assert_int_eq(sg(1, 0, 4096, false), NF_RX_OVERSIZE);
    ck_assert_int_eq(sg(0, 0, -1, false), NF_RX_ERROR);
    /* The deprecated GSO prefix is never taken. */
    ck_assert_int_eq(sg(0, GSO_PREFIX, 60, true), NF_RX_BAD_FLAGS);
    /* SG alone: more_data yes, extra-info (GSO) no; a continuation's extra flag is ignored. */
    ck_assert_int_eq(kt_nf_rx_check(0, 0, MORE_DATA, 4096, 4, posted, 4096, ALLOW_SG, true),
                     NF_RX_OK);
    ck_assert_int_eq(kt_nf_rx_check(0, 0, EXTRA_INFO, 60, 4, posted, 4096, ALLOW_SG, true),
                     NF_RX_BAD_FLAGS);
    ck_assert_int_eq(kt_nf_rx_check(0, 0, EXTRA_INFO, 60, 4, posted, 4096, ALLOW_SG, false),
                     NF_RX_OK);
    /* GSO without SG still refuses more_data. */
    ck_assert_int_eq(kt_nf_rx_check(0, 0, MORE_DATA, 60, 4, posted, 4096, ALLOW_GSO4, true),
                     NF_RX_BAD_FLAGS);
    /* Id checks come first for continuations too. */
    ck_assert_int_eq(kt_nf_rx_check(2, 0, 0, 60, 4, posted, 4096, ALLOW_SG, false),
                     NF_RX_NOT_POSTED);
    ck_assert_int_eq(kt_nf_rx_check(9, 0, 0, 60, 4, posted, 4096, ALLOW_SG, false), NF_RX_BAD_ID);
}
END_TEST

/* Extra-info slots: only GSO of a negotiated TCP version, with a segment size. */
START_TEST(test_rx_extra_check)
{
    unsigned int both = ALLOW_GSO4 | ALLOW_GSO6;

    ck_assert_int_eq(kt_nf_rx_extra_check(EXTRA_GSO, 1448, GSO_TCPV4, both), NF_RX_OK);
    ck_assert_int_eq(kt_nf_rx_extra_check(EXTRA_GSO, 1428, GSO_TCPV6, both), NF_RX_OK);
    ck_assert_int_eq(kt_nf_rx_extra_check(EXTRA_GSO, 1428, GSO_TCPV6, ALLOW_GSO4), NF_RX_BAD_EXTRA);
    ck_assert_int_eq(kt_nf_rx_extra_check(EXTRA_GSO, 1448, GSO_TCPV4, ALLOW_GSO6), NF_RX_BAD_EXTRA);
    ck_assert_int_eq(kt_nf_rx_extra_check(EXTRA_GSO, 0, GSO_TCPV4, both), NF_RX_BAD_EXTRA);
    ck_assert_int_eq(kt_nf_rx_extra_check(EXTRA_GSO, 1448, 0, both), NF_RX_BAD_EXTRA);
    ck_assert_int_eq(kt_nf_rx_extra_check(EXTRA_GSO, 1448, 3, both), NF_RX_BAD_EXTRA);
    /* Multicast (2, 3), hash (4), none (0) and unknown types. */
    for (unsigned int t = 0; t < 256; t++)
        if (t != EXTRA_GSO)
            ck_assert_int_eq(kt_nf_rx_extra_check((uint8_t)t, 1448, GSO_TCPV4, both),
                             NF_RX_BAD_EXTRA);
    ck_assert_int_eq(kt_nf_rx_extra_check(EXTRA_GSO, 1448, GSO_TCPV4, ALLOW_SG), NF_RX_BAD_EXTRA);
}
END_TEST

/* Putting a frame together: the slot limit, the 64 KiB limit, MTU-size without GSO. */
START_TEST(test_rx_frame)
{
    struct nf_rx_frame f;

    kt_nf_rx_frame_start(&f);
    ck_assert_int_eq(kt_nf_rx_frame_add(&f, 60), NF_RX_OK);
    ck_assert_int_eq(kt_nf_rx_frame_end(&f, MAX_FRAME), NF_RX_OK);
    /* 15 full pages and a tail: 65535 bytes in 16 slots is a GSO frame. */
    kt_nf_rx_frame_start(&f);
    for (unsigned int i = 0; i < 15; i++)
        ck_assert_int_eq(kt_nf_rx_frame_add(&f, 4096), NF_RX_OK);
    ck_assert_int_eq(kt_nf_rx_frame_add(&f, 4095), NF_RX_OK);
    ck_assert_uint_eq(f.len, MAX_GSO);
    ck_assert_int_eq(kt_nf_rx_frame_end(&f, MAX_FRAME), NF_RX_OVERSIZE);
    f.gso = true;
    ck_assert_int_eq(kt_nf_rx_frame_end(&f, MAX_FRAME), NF_RX_OK);
    /* One byte more is past what a pbuf chain can count. */
    ck_assert_int_eq(kt_nf_rx_frame_add(&f, 1), NF_RX_OVERSIZE);
    /* Without GSO a multi-slot frame is still MTU-sized at most. */
    kt_nf_rx_frame_start(&f);
    ck_assert_int_eq(kt_nf_rx_frame_add(&f, 1000), NF_RX_OK);
    ck_assert_int_eq(kt_nf_rx_frame_add(&f, MAX_FRAME - 1000), NF_RX_OK);
    ck_assert_int_eq(kt_nf_rx_frame_end(&f, MAX_FRAME), NF_RX_OK);
    ck_assert_int_eq(kt_nf_rx_frame_add(&f, 1), NF_RX_OK);
    ck_assert_int_eq(kt_nf_rx_frame_end(&f, MAX_FRAME), NF_RX_OVERSIZE);
    /* A chain that goes on: the 19th data slot is refused, however small the slots. */
    kt_nf_rx_frame_start(&f);
    for (unsigned int i = 0; i < MAX_SLOTS; i++)
        ck_assert_int_eq(kt_nf_rx_frame_add(&f, 1), NF_RX_OK);
    ck_assert_int_eq(kt_nf_rx_frame_add(&f, 1), NF_RX_TOO_LONG);
    ck_assert_int_eq(kt_nf_rx_frame_add(&f, 1), NF_RX_TOO_LONG);
    ck_assert_uint_eq(f.nslots, MAX_SLOTS);
}
END_TEST

START_TEST(test_parse_mac)
{
    uint8_t mac[6] = {0};
    static const uint8_t want[6] = {0x00, 0x16, 0x3e, 0xAb, 0xcD, 0xff};

    ck_assert_int_eq(kt_nf_parse_mac("00:16:3e:Ab:cD:ff", mac), 0);
    ck_assert_mem_eq(mac, want, 6);
    ck_assert_int_eq(kt_nf_parse_mac("00:16:3e:ab:cd", mac), -EINVAL);
    ck_assert_int_eq(kt_nf_parse_mac("00:16:3e:ab:cd:ff:", mac), -EINVAL);
    ck_assert_int_eq(kt_nf_parse_mac("00:16:3e:ab:cd:f", mac), -EINVAL);
    ck_assert_int_eq(kt_nf_parse_mac("00-16-3e-ab-cd-ff", mac), -EINVAL);
    ck_assert_int_eq(kt_nf_parse_mac("00:16:3e:ab:cd:fg", mac), -EINVAL);
    ck_assert_int_eq(kt_nf_parse_mac("", mac), -EINVAL);
    /* A failed parse leaves mac alone. */
    ck_assert_mem_eq(mac, want, 6);
}
END_TEST

/* Checksum flags reach the receive callback only when we offered checksum offload. */
START_TEST(test_rx_csum_flags)
{
    ck_assert_uint_eq(kt_nf_rx_csum_flags(0, true), 0);
    ck_assert_uint_eq(kt_nf_rx_csum_flags(RX_CSUM_BLANK, true), 1);
    ck_assert_uint_eq(kt_nf_rx_csum_flags(RX_VALIDATED, true), 2);
    ck_assert_uint_eq(kt_nf_rx_csum_flags(RX_CSUM_BLANK | RX_VALIDATED, true), 3);
    ck_assert_uint_eq(kt_nf_rx_csum_flags(RX_CSUM_BLANK | RX_VALIDATED | MORE_DATA, true), 3);
    /* A backend setting them unasked: the frame is checked as usual. */
    ck_assert_uint_eq(kt_nf_rx_csum_flags(RX_CSUM_BLANK | RX_VALIDATED, false), 0);
    /* Checksum flags never make a response bad. */
    ck_assert_int_eq(rx(1, 0, RX_CSUM_BLANK | RX_VALIDATED, 60), NF_RX_OK);
}
END_TEST

Suite *unit_suite(void)
{
    Suite *s = suite_create("netfront");

    UNIT_ADD(s, test_rx_ok);
    UNIT_ADD(s, test_rx_bad_id);
    UNIT_ADD(s, test_rx_bad_status);
    UNIT_ADD(s, test_rx_bad_flags);
    UNIT_ADD(s, test_tx_check);
    UNIT_ADD(s, test_rx_slot_kind);
    UNIT_ADD(s, test_rx_sg_slots);
    UNIT_ADD(s, test_rx_extra_check);
    UNIT_ADD(s, test_rx_frame);
    UNIT_ADD(s, test_parse_mac);
    UNIT_ADD(s, test_rx_csum_flags);
    return s;
}
