/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The xenstore wire codec: message headers, payload segments, error strings, directory and
 * watch-event replies, permission strings and the ring index arithmetic. Pure code with no
 * kernel or Xen header dependencies, so it is unit-tested on the host (tests/unit/).
 */
#ifndef MINIOS_XENBUS_WIRE_H
#define MINIOS_XENBUS_WIRE_H

#include <stddef.h>
#include <stdint.h>

/* Mirrors of io/xs_wire.h; kernel/xenbus.c checks they agree with the Xen header. */
#define XS_HDR_SIZE    16
#define XS_PAYLOAD_MAX 4096
#define XS_RING_SIZE   1024

/* struct xsd_sockmsg: four native-endian 32-bit words, then len payload bytes. */
struct xs_hdr {
    uint32_t type;
    uint32_t req_id;
    uint32_t tx_id;
    uint32_t len;
};

/* One piece of a request payload; a string's terminating NUL is a piece of its own or len+1. */
struct xs_seg {
    const void *data;
    size_t len;
};

/* Payload length of n segments: the length, or -E2BIG beyond XS_PAYLOAD_MAX. */
int xs_payload_len(const struct xs_seg *segs, unsigned int n);

/* Write h as XS_HDR_SIZE bytes at buf. */
void xs_hdr_pack(void *buf, const struct xs_hdr *h);
/* Read a header from XS_HDR_SIZE bytes: 0, or -EBADMSG if len exceeds XS_PAYLOAD_MAX. */
int xs_hdr_unpack(const void *buf, struct xs_hdr *h);

/*
 * Header (len computed) plus segments into buf: the total size, -E2BIG for an oversized
 * payload or -ENOSPC if buf is too small.
 */
int xs_encode(void *buf, size_t size, uint32_t type, uint32_t req_id, uint32_t tx_id,
              const struct xs_seg *segs, unsigned int n);

/* An XS_ERROR payload ("ENOENT\0") as -errno; -EIO for a string we do not know. */
int xs_error_parse(const char *payload, size_t len);
/* The wire string for -errno or errno, or NULL if xenstore has none for it. */
const char *xs_error_name(int err);

/* Number of NUL-terminated strings filling payload, or -EBADMSG if the last is unterminated. */
int xs_count_strings(const char *payload, size_t len);

/* Bytes xs_dir_pack needs for a directory reply of len bytes holding count names. */
size_t xs_dir_block_size(unsigned int count, size_t len);
/*
 * Unpack an XS_DIRECTORY reply into one block: a NULL-terminated char *[] followed by copies
 * of the names, so the caller frees it once. Returns the count, -EBADMSG or -ENOSPC.
 */
int xs_dir_pack(const char *payload, size_t len, void *block, size_t size);

/* An XS_WATCH_EVENT payload "path\0token\0": 0 and pointers into it, or -EBADMSG. */
int xs_watch_event_parse(const char *payload, size_t len, const char **path, const char **token);

/* Unsigned decimal reply (transaction id, "NUL-terminated or not"): 0 or -EBADMSG. */
int xs_parse_u32(const char *payload, size_t len, uint32_t *out);

/* One entry of a node's permission list: "n5", "r0", "w3", "b7". */
enum xs_perm_access {
    XS_PERM_NONE = 'n',
    XS_PERM_READ = 'r',
    XS_PERM_WRITE = 'w',
    XS_PERM_BOTH = 'b',
};

struct xs_perm {
    uint16_t domid;
    char access; /* enum xs_perm_access */
};

/* Parse "r5": 0, or -EINVAL for a bad letter, missing/extra characters or domid > 65535. */
int xs_perm_parse(const char *s, struct xs_perm *p);
/* Format like snprintf: the length of the full string, or -EINVAL for a bad access letter. */
int xs_perm_format(char *buf, size_t size, const struct xs_perm *p);

#endif
