/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Framebuffer frontend (device/vfb/N, io/fbif.h): a linear framebuffer in our RAM that the
 * backend (QEMU in dom0) shows, e.g. over VNC. The caller draws into the pixels and then
 * tells the backend which rectangle changed. Thread context only.
 *
 * The protocol names frames by machine frame number: the shared page's pd[] lists pages
 * that list the framebuffer's mfns, and the backend maps them as a privileged domain (there
 * are no grant references in fbif.h). Pixels are little-endian; at depth 32 one pixel is a
 * uint32_t 0x00RRGGBB.
 */
#ifndef MINIOS_FBFRONT_H
#define MINIOS_FBFRONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fbfront_dev;

/* The current mode; pixels stays valid until fbfront_close. */
struct fbfront_mode {
    unsigned int width, height; /* pixels */
    unsigned int depth;         /* bits per pixel: 8, 16, 24 or 32 */
    unsigned int line_length;   /* bytes from one row to the next */
    void *pixels;               /* row 0, column 0 */
};

struct fbfront_stats {
    unsigned long updates;    /* update events sent */
    unsigned long resizes;    /* resize events sent */
    unsigned long ring_waits; /* times the out ring was full and we waited */
    unsigned long bad_events; /* in-ring events of an unknown type (skipped) */
    unsigned int refresh_ms;  /* the backend's last refresh period (0: none asked) */
};

/* Largest framebuffer fbfront_open allocates (bytes): 16 MiB, room for 2048x2048x32. */
#define FBFRONT_MAX_MEM (16UL << 20)

/*
 * Connect device/vfb/<id>. width/height 0 take the backend's "width"/"height" keys when it
 * has them (the mode it asks for), else 800x600; depth 0 means 32. mem_bytes reserves room
 * for larger modes (fbfront_resize), 0 = just this one. 0 and *devp, or -errno: -ENOENT no
 * such device, -EINVAL bad mode, -E2BIG beyond FBFRONT_MAX_MEM, -ENOMEM, -ETIMEDOUT,
 * -ECONNREFUSED (backend closed).
 */
int fbfront_open(unsigned int id, unsigned int width, unsigned int height, unsigned int depth,
                 size_t mem_bytes, uint64_t timeout_ns, struct fbfront_dev **devp);
/*
 * Disconnect and free. 0, or -errno from the handshake; then the framebuffer pages are
 * kept (leaked), since the backend may still map them.
 */
int fbfront_close(struct fbfront_dev *dev);

void fbfront_get_mode(const struct fbfront_dev *dev, struct fbfront_mode *mode);
void fbfront_get_stats(const struct fbfront_dev *dev, struct fbfront_stats *stats);
/* Whether the backend advertised feature-resize. */
bool fbfront_can_resize(const struct fbfront_dev *dev);

/*
 * Tell the backend the rectangle changed (clipped to the mode; empty: nothing sent). Waits
 * while the event ring is full. 0, -ETIMEDOUT (backend stopped consuming), -ENOTCONN.
 */
int fbfront_update(struct fbfront_dev *dev, int x, int y, int width, int height);
/*
 * Switch to another mode inside the reserved memory (line_length = width * depth / 8).
 * 0, -EOPNOTSUPP (no feature-resize), -EINVAL bad depth or size, -E2BIG does not fit,
 * -ETIMEDOUT, -ENOTCONN. Pixel contents are not converted.
 */
int fbfront_resize(struct fbfront_dev *dev, unsigned int width, unsigned int height,
                   unsigned int depth);

/* Drawing helpers for depth 32 (clipped to the mode; they do not send updates). */
void fbfront_fill_rect(struct fbfront_dev *dev, int x, int y, int width, int height, uint32_t rgb);

#endif
