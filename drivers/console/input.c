/* SPDX-License-Identifier: BSD-2-Clause */
/* Primary console input: typed bytes from the ring's in side into a buffer, and line reading. */
#include <kernel.h>
#include <console.h>
#include <events.h>
#include <time.h>
#include <wait.h>
#include <arch/atomic.h>
#include "priv.h"
#include <byte_ring.h>
#include <fdtab.h>

/*
 * Typed bytes waiting for a reader. When it is full the rest stays in the ring, and when
 * that is full xenconsoled stops reading the terminal: input is held back, never dropped.
 */
#define INPUT_BUF_SIZE 1024
static char input_buf[INPUT_BUF_SIZE];
static uint32_t input_cons, input_prod;
static DEFINE_WAIT_QUEUE(input_wq);

/* console_read_line: one reader at a time; a CR LF pair may straddle two calls. */
static bool reader_busy, echo, last_was_cr;
static DEFINE_WAIT_QUEUE(reader_wq);

/* Take what fits from the ring into input_buf: the count, or -EPROTO for a bad in_prod. */
static int pull_some(struct xencons_interface *r, uint32_t *cons, uint32_t prod)
{
    char tmp[64];
    size_t room = INPUT_BUF_SIZE - (input_prod - input_cons);
    int n = byte_ring_get(r->in, sizeof(r->in), cons, prod, tmp, MIN(room, sizeof(tmp)));

    if (n > 0)
        byte_ring_put(input_buf, INPUT_BUF_SIZE, input_cons, &input_prod, tmp, n);
    return n;
}

void console_pull_input(void)
{
    struct xencons_interface *r = console_ring;
    uint32_t cons, prod;
    int n, moved = 0;

    if (!r)
        return;
    cons = r->in_cons;
    prod = *(volatile XENCONS_RING_IDX *)&r->in_prod;
    rmb(); /* read the bytes only after the index that covers them */
    while ((n = pull_some(r, &cons, prod)) > 0)
        moved += n;
    if (n < 0) {
        /* Resynchronise on the backend's index: what lies between makes no sense. */
        console_bad_index++;
        cons = prod;
    } else if (!moved) {
        return;
    }
    console_in_bytes += moved;
    mb(); /* finish reading the bytes before the backend may reuse their slots */
    r->in_cons = cons;
    evtchn_send(console_port); /* room again: xenconsoled may resume reading the tty */
    wake_up(&input_wq);
    if (IS_ENABLED(CONFIG_LIBC))
        fd_notify(); /* stdin became readable for select()/poll() */
}

static void console_event(evtchn_port_t port, struct pt_regs *regs, void *data)
{
    console_pull_input();
}

void init_console_input(void)
{
    unsigned long flags;
    int rc;

    if (!console_ring)
        return;
    rc = evtchn_bind(console_port, console_event, NULL);
    if (rc)
        printk("console: cannot bind port %u for input: %d\n", console_port, rc);
    /* Bytes typed before now did not get an event we could see. */
    flags = local_irq_save();
    console_pull_input();
    local_irq_restore(flags);
}

int console_getc(void)
{
    unsigned long flags;
    int c = -EAGAIN;

    if (!console_ring)
        return -ENODEV;
    flags = local_irq_save();
    if (input_cons == input_prod)
        console_pull_input(); /* the output path may have swallowed the event */
    if (input_cons != input_prod)
        c = (unsigned char)input_buf[input_cons++ & (INPUT_BUF_SIZE - 1)];
    console_pull_input(); /* refill the room just freed */
    local_irq_restore(flags);
    return c;
}

static bool input_buffered(void)
{
    unsigned long flags = local_irq_save();
    bool any;

    console_pull_input();
    any = input_cons != input_prod;
    local_irq_restore(flags);
    return any;
}

int console_input_wait(uint64_t deadline)
{
    if (!console_ring)
        return -ENODEV;
    if (deadline == 0) {
        wait_event(input_wq, input_buffered());
        return 0;
    }
    return wait_event_deadline(input_wq, input_buffered(), deadline);
}

void console_set_echo(bool on)
{
    echo = on;
}

static void echo_str(const char *s, size_t n)
{
    if (echo)
        console_write(s, n);
}

struct line {
    char *buf;
    size_t size, len;
    bool overflow;
};

/* Apply one typed byte to the line: true when it ended the line. */
static bool line_add(struct line *l, int c)
{
    bool after_cr = last_was_cr;

    last_was_cr = c == '\r';
    if (c == '\n' && after_cr)
        return false; /* the LF of a CR LF: the CR already ended the line */
    if (c == '\r' || c == '\n')
        return true;
    if (c == '\b' || c == 0x7f) {
        if (l->len > 0 && !l->overflow) {
            l->len--;
            echo_str("\b \b", 3);
        }
        return false;
    }
    if (l->len + 1 >= l->size) {
        l->overflow = true;
        return false;
    }
    l->buf[l->len++] = (char)c;
    if (c >= ' ' && c < 0x7f)
        echo_str(&l->buf[l->len - 1], 1);
    return false;
}

int console_read_line(char *buf, size_t size)
{
    struct line l = {.buf = buf, .size = size};
    int c;

    if (!buf || size == 0)
        return -EINVAL;
    if (!console_ring)
        return -ENODEV;
    wait_event(reader_wq, !reader_busy);
    reader_busy = true;
    do {
        console_input_wait(0);
        c = console_getc();
    } while (c < 0 || !line_add(&l, c));
    buf[l.len] = '\0';
    echo_str("\n", 1);
    reader_busy = false;
    wake_up(&reader_wq);
    return l.overflow ? -EMSGSIZE : (int)l.len;
}
