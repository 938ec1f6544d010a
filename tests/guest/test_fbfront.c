/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fbfront + kbdfront against QEMU in dom0 (needs vfb = ['type=vnc'] and the dom0 script of
 * tests/boot/fbfront.cfg): connect both, resize, draw, then wait for the pointer motion,
 * click and key the script sends through QEMU's monitor; draw a cursor and a square where
 * the click was, and keep the picture until the script has taken its screenshot.
 *
 * Handshake with the script through xenstore data/fbfront-test: we write "ready", then
 * "drawn X Y"; the script writes "done" once it has the screenshot.
 */
#include <kernel.h>
#include <fbfront.h>
#include <fmt.h>
#include <kbdfront.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>
#include "test.h"

#define TIMEOUT    SECONDS(60)
#define KEY_A      30
#define MODE_W     640
#define MODE_H     480
#define BACKGROUND 0x203040
#define SQUARE_RGB 0xff0000
#define SQUARE     40
#define KEY_PATH   "data/fbfront-test"

struct pointer {
    int x, y;
    bool moved, clicked, key_a;
};

/* Arrow cursor with its tip at (x, y): black outline, white inside, as diagonal bars. */
static void draw_cursor(struct fbfront_dev *fb, int x, int y)
{
    for (int r = 0; r < 14; r++) {
        int w = r < 10 ? r + 1 : 14 - r;

        fbfront_fill_rect(fb, x, y + r, w + 1, 1, 0x000000);
        if (w > 1)
            fbfront_fill_rect(fb, x + 1, y + r, w - 1, 1, 0xffffff);
    }
    fbfront_update(fb, x, y, 12, 14);
}

static void on_event(const struct kbdfront_event *ev, struct pointer *p)
{
    if (ev->type == KBDFRONT_POSITION) {
        p->x = ev->motion.x;
        p->y = ev->motion.y;
        p->moved = true;
    } else if (ev->type == KBDFRONT_MOTION) {
        p->x += ev->motion.x;
        p->y += ev->motion.y;
        p->moved = true;
    } else if (ev->key.pressed && ev->key.code == KBDFRONT_BTN_LEFT) {
        p->clicked = true;
    } else if (ev->key.pressed && ev->key.code == KEY_A) {
        p->key_a = true;
    }
}

/* Events until a click and the key arrived (or the deadline): 0 or -ETIMEDOUT. */
static int collect_input(struct kbdfront_dev *kbd, struct pointer *p)
{
    uint64_t deadline = NOW() + TIMEOUT;
    struct kbdfront_event ev[8];

    while (!(p->clicked && p->key_a)) {
        int n = kbdfront_read(kbd, ev, ARRAY_SIZE(ev), deadline);

        if (n < 0)
            return n;
        for (int i = 0; i < n; i++)
            on_event(&ev[i], p);
    }
    return 0;
}

/* Wait until the dom0 script writes "done" into KEY_PATH. 0 or -errno. */
static int wait_done(void)
{
    uint64_t deadline = NOW() + TIMEOUT;
    struct xenbus_watch w;
    char buf[16];
    int rc = xenbus_watch_add(&w, KEY_PATH);

    while (!rc) {
        struct xenbus_event *ev;

        if (xenbus_read_buf(XBT_NIL, KEY_PATH, buf, sizeof(buf)) > 0 && !strcmp(buf, "done"))
            break;
        rc = xenbus_watch_wait(&w, deadline, &ev);
        if (!rc)
            free(ev);
    }
    xenbus_watch_remove(&w);
    return rc;
}

static void draw_click(struct fbfront_dev *fb, struct pointer *p)
{
    fbfront_fill_rect(fb, p->x - SQUARE / 2, p->y - SQUARE / 2, SQUARE, SQUARE, SQUARE_RGB);
    fbfront_update(fb, p->x - SQUARE / 2, p->y - SQUARE / 2, SQUARE, SQUARE);
    draw_cursor(fb, p->x, p->y);
}

static void interact(struct fbfront_dev *fb, struct kbdfront_dev *kbd)
{
    struct pointer p = {MODE_W / 2, MODE_H / 2, false, false, false};
    int rc;

    fbfront_fill_rect(fb, 0, 0, MODE_W, MODE_H, BACKGROUND);
    rc = fbfront_update(fb, 0, 0, MODE_W, MODE_H);
    test_check("fb_update", rc == 0, "rc %d", rc);
    rc = xenbus_write(XBT_NIL, KEY_PATH, "ready");
    if (!test_check("ready", rc == 0, "write %s: %d", KEY_PATH, rc))
        return;
    rc = collect_input(kbd, &p);
    test_check("pointer_moved", p.moved, "last position (%d,%d)", p.x, p.y);
    test_check("click", p.clicked, "rc %d", rc);
    test_check("key_a", p.key_a, "rc %d", rc);
    if (!p.clicked)
        return;
    draw_click(fb, &p);
    printk("fbfront: square at (%d,%d)\n", p.x, p.y);
    {
        char val[32];

        snprintf(val, sizeof(val), "drawn %d %d", p.x, p.y);
        xenbus_write(XBT_NIL, KEY_PATH, val);
    }
    rc = wait_done();
    test_check("screenshot_taken", rc == 0, "rc %d", rc);
}

static void check_fb(struct fbfront_dev *fb)
{
    struct fbfront_mode m;
    int rc;

    fbfront_get_mode(fb, &m);
    test_check("fb_mode", m.width == 800 && m.height == 600 && m.depth == 32,
               "%ux%u depth %u line %u", m.width, m.height, m.depth, m.line_length);
    test_check("fb_can_resize", fbfront_can_resize(fb), "feature-resize %d",
               fbfront_can_resize(fb));
    rc = fbfront_resize(fb, MODE_W, MODE_H, 32);
    test_check("fb_resize", rc == 0, "rc %d", rc);
    rc = fbfront_resize(fb, 4000, 4000, 32);
    test_check("fb_resize_too_big", rc == -E2BIG, "rc %d", rc);
}

void suite_fbfront(void)
{
    struct kbdfront_dev *kbd;
    struct fbfront_dev *fb;
    struct fbfront_stats st;
    int rc;

    rc = kbdfront_open(0, true, TIMEOUT, &kbd);
    if (!test_check("kbd_open", rc == 0, "rc %d", rc))
        return;
    test_check("kbd_abs_pointer", kbdfront_abs_pointer(kbd), "abs %d", kbdfront_abs_pointer(kbd));
    rc = fbfront_open(0, 0, 0, 32, 0, TIMEOUT, &fb);
    if (test_check("fb_open", rc == 0, "rc %d", rc)) {
        check_fb(fb);
        interact(fb, kbd);
        fbfront_get_stats(fb, &st);
        test_check("fb_no_bad_events", st.bad_events == 0, "%lu bad, %lu updates, refresh %u ms",
                   st.bad_events, st.updates, st.refresh_ms);
        rc = fbfront_close(fb);
        test_check("fb_close", rc == 0, "rc %d", rc);
    }
    rc = kbdfront_close(kbd);
    test_check("kbd_close", rc == 0, "rc %d", rc);
}
