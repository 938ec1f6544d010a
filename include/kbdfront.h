/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Keyboard and pointer frontend (device/vkbd/N, io/kbdif.h): key presses, mouse buttons
 * (as keys BTN_LEFT...) and pointer motion, relative or absolute (in framebuffer pixels),
 * from the backend (QEMU in dom0, fed by VNC or its monitor). Thread context only.
 */
#ifndef MINIOS_KBDFRONT_H
#define MINIOS_KBDFRONT_H

#include <stdbool.h>
#include <stdint.h>

struct kbdfront_dev;

/* Linux input key codes for the mouse buttons (the backend reports them as keys). */
#define KBDFRONT_BTN_LEFT   0x110
#define KBDFRONT_BTN_RIGHT  0x111
#define KBDFRONT_BTN_MIDDLE 0x112

enum kbdfront_event_type {
    KBDFRONT_KEY,      /* key: code (Linux KEY_* / BTN_*), pressed */
    KBDFRONT_MOTION,   /* motion: relative dx, dy, dz (wheel) */
    KBDFRONT_POSITION, /* motion: absolute x, y in framebuffer pixels, dz (wheel) */
};

struct kbdfront_event {
    enum kbdfront_event_type type;
    union {
        struct {
            uint32_t code;
            bool pressed;
        } key;
        struct {
            int32_t x, y, z;
        } motion;
    };
};

struct kbdfront_stats {
    unsigned long events;     /* events delivered */
    unsigned long bad_events; /* events of an unknown type (skipped) */
    unsigned long overruns;   /* the backend moved in_prod more than a ring ahead */
};

/*
 * Connect device/vkbd/<id>. abs_pointer asks for absolute positions (request-abs-pointer)
 * when the backend offers them. 0 and *devp, or -errno: -ENOENT no such device, -ENOMEM,
 * -ETIMEDOUT, -ECONNREFUSED (backend closed).
 */
int kbdfront_open(unsigned int id, bool abs_pointer, uint64_t timeout_ns,
                  struct kbdfront_dev **devp);
/* Disconnect and free. 0, or -errno from the handshake (the shared page is then kept). */
int kbdfront_close(struct kbdfront_dev *dev);

/* Whether positions are absolute (asked for and offered by the backend). */
bool kbdfront_abs_pointer(const struct kbdfront_dev *dev);
void kbdfront_get_stats(const struct kbdfront_dev *dev, struct kbdfront_stats *stats);

/*
 * Take up to max events, waiting until at least one arrives or NOW() reaches deadline
 * (0: forever). The count taken (>= 1), or -ETIMEDOUT.
 */
int kbdfront_read(struct kbdfront_dev *dev, struct kbdfront_event *ev, unsigned int max,
                  uint64_t deadline);

#endif
