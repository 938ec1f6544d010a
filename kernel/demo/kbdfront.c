/* SPDX-License-Identifier: BSD-2-Clause */
/* Keyboard demo: prints key presses; hands pointer motion and buttons to the framebuffer demo. */
#include <kernel.h>
#include <kbdfront.h>
#include "demo.h"

static void handle(const struct kbdfront_event *ev)
{
    switch (ev->type) {
    case KBDFRONT_KEY:
        if (ev->key.code >= KBDFRONT_BTN_LEFT && ev->key.code <= KBDFRONT_BTN_MIDDLE) {
            if (IS_ENABLED(CONFIG_FBFRONT))
                demo_fb_button(ev->key.code, ev->key.pressed);
        } else if (ev->key.pressed) {
            printk("kbdfront-demo: key %u pressed\n", (unsigned int)ev->key.code);
        }
        break;
    case KBDFRONT_MOTION:
    case KBDFRONT_POSITION:
        if (IS_ENABLED(CONFIG_FBFRONT))
            demo_fb_pointer(ev->motion.x, ev->motion.y, ev->type == KBDFRONT_POSITION);
        break;
    }
}

void demo_kbdfront(void *arg)
{
    struct kbdfront_dev *dev;
    struct kbdfront_event ev[16];
    int rc = kbdfront_open(0, true, 0, &dev);

    if (rc) {
        printk("kbdfront-demo: no keyboard (device/vkbd/0): %s (%s)\n", strerror_name(rc),
               strerror_desc(rc));
        return;
    }
    printk("kbdfront-demo: connected, %s pointer\n",
           kbdfront_abs_pointer(dev) ? "absolute" : "relative");
    for (;;) {
        rc = kbdfront_read(dev, ev, ARRAY_SIZE(ev), 0);
        if (rc < 0) {
            printk("kbdfront-demo: read failed: %s (%s)\n", strerror_name(rc), strerror_desc(rc));
            break;
        }
        for (int i = 0; i < rc; i++)
            handle(&ev[i]);
    }
    kbdfront_close(dev);
}
