/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Framebuffer demo: a screen with a mouse cursor that follows the pointer (fed by
 * kbdfront-demo through demo_fb_pointer/demo_fb_button); a left click leaves a coloured
 * square where the pointer is.
 */
#include <kernel.h>
#include <fbfront.h>
#include <kbdfront.h>
#include <wait.h>
#include "demo.h"

#define BACKGROUND 0x203040
#define SQUARE     24
#define CURSOR_W   11
#define CURSOR_H   16

/* An arrow: '#' outline (black), '.' inside (white). */
static const char *const arrow[CURSOR_H] = {
    "#",        "##",       "#.#",       "#..#",       "#...#",       "#....#",
    "#.....#",  "#......#", "#.......#", "#........#", "#.....#####", "#..#..#",
    "#.# #..#", "##  #..#", "#    #..#", "      ##",
};
static const uint32_t colours[] = {0xff0000, 0x00c000, 0x2060ff, 0xffd000, 0xff00ff, 0x00e0e0};

/* What the kbdfront demo posts; the framebuffer thread alone touches the pixels. */
static struct {
    int x, y;
    unsigned int clicks;
    bool moved;
    struct wait_queue_head wq;
} input = {.wq = WAIT_QUEUE_HEAD_INIT(input.wq)};

void demo_fb_pointer(int x, int y, bool absolute)
{
    input.x = absolute ? x : input.x + x;
    input.y = absolute ? y : input.y + y;
    input.moved = true;
    wake_up(&input.wq);
}

void demo_fb_button(unsigned int code, bool pressed)
{
    if (code == KBDFRONT_BTN_LEFT && pressed) {
        input.clicks++;
        wake_up(&input.wq);
    }
}

struct screen {
    struct fbfront_dev *fb;
    struct fbfront_mode mode;
    int cx, cy;                         /* where the cursor is drawn */
    uint32_t under[CURSOR_H][CURSOR_W]; /* the pixels it covers */
};

static uint32_t *pixel(struct screen *s, int x, int y)
{
    if (x < 0 || y < 0 || x >= (int)s->mode.width || y >= (int)s->mode.height)
        return NULL;
    return (uint32_t *)((char *)s->mode.pixels + (size_t)y * s->mode.line_length) + x;
}

/* Draw (show) or restore the background under (hide) the cursor, and tell the backend. */
static void cursor(struct screen *s, bool show)
{
    for (int r = 0; r < CURSOR_H; r++)
        for (int c = 0; arrow[r][c]; c++) {
            uint32_t *p = pixel(s, s->cx + c, s->cy + r);

            if (!p || arrow[r][c] == ' ')
                continue;
            if (show) {
                s->under[r][c] = *p;
                *p = arrow[r][c] == '#' ? 0x000000 : 0xffffff;
            } else {
                *p = s->under[r][c];
            }
        }
    fbfront_update(s->fb, s->cx, s->cy, CURSOR_W, CURSOR_H);
}

static void clamp_input(const struct fbfront_mode *m)
{
    input.x = MAX(0, MIN(input.x, (int)m->width - 1));
    input.y = MAX(0, MIN(input.y, (int)m->height - 1));
}

static void run(struct screen *s)
{
    unsigned int drawn = 0;

    for (;;) {
        wait_event(input.wq, input.moved || input.clicks != drawn);
        cursor(s, false);
        clamp_input(&s->mode);
        s->cx = input.x;
        s->cy = input.y;
        input.moved = false;
        while (drawn != input.clicks) {
            uint32_t rgb = colours[drawn++ % ARRAY_SIZE(colours)];

            fbfront_fill_rect(s->fb, s->cx - SQUARE / 2, s->cy - SQUARE / 2, SQUARE, SQUARE, rgb);
            fbfront_update(s->fb, s->cx - SQUARE / 2, s->cy - SQUARE / 2, SQUARE, SQUARE);
            printk("fbfront-demo: square %06x at (%d,%d)\n", (unsigned int)rgb, s->cx, s->cy);
        }
        cursor(s, true);
    }
}

void demo_fbfront(void *arg)
{
    static struct screen s;
    int rc = fbfront_open(0, 0, 0, 32, 0, 0, &s.fb);

    if (rc) {
        printk("fbfront-demo: no framebuffer (device/vfb/0): %s (%s)\n", strerror_name(rc),
               strerror_desc(rc));
        return;
    }
    fbfront_get_mode(s.fb, &s.mode);
    printk("fbfront-demo: %ux%u, %u bpp\n", s.mode.width, s.mode.height, s.mode.depth);
    fbfront_fill_rect(s.fb, 0, 0, (int)s.mode.width, (int)s.mode.height, BACKGROUND);
    fbfront_update(s.fb, 0, 0, (int)s.mode.width, (int)s.mode.height);
    input.x = s.cx = (int)s.mode.width / 2;
    input.y = s.cy = (int)s.mode.height / 2;
    cursor(&s, true);
    run(&s);
}
