/* SPDX-License-Identifier: BSD-2-Clause */
/* The PV console driver: the ring to `xl console` (printk's sink), keyboard input, extra consoles. */
#ifndef MINIOS_CONSOLE_H
#define MINIOS_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <compiler.h>

/* --- Output (any context: threads, event handlers, before the scheduler runs) ------------ */

/*
 * printk (include/printk.h) writes here once init_console ran. Never drops output: when
 * the ring is full it waits for the backend (the whole domain polls, so it works with
 * events masked and in handlers).
 */

/* Write raw bytes, turning "\n" into "\r\n" for the terminal on the other end. */
void console_write(const char *buf, size_t len);

/* Wait until the backend has consumed everything written so far, for at most ~5 s. */
void console_flush(void);

/* Bring up the PV console ring from start_info and make it printk's console (not in dom0). */
void init_console(void);

/* --- Input from `xl console` (thread context unless noted) ------------------------------ */

/*
 * Bind the console's event channel, so typed bytes are moved into the kernel's input
 * buffer as they arrive (needs init_events). Until then input waits in the ring.
 */
void init_console_input(void);

/* The next typed byte (0..255) without waiting, or -EAGAIN; -ENODEV without a ring (dom0). */
int console_getc(void);

/*
 * Wait until a typed byte is buffered (without taking it) or NOW() reaches deadline
 * (0: forever): 0, -ETIMEDOUT or -ENODEV.
 */
int console_input_wait(uint64_t deadline);

/*
 * Read one line (ended by CR, LF or CR LF; backspace/DEL edit it) into buf without its end,
 * NUL-terminated, blocking: the length, -EINVAL (size 0), -ENODEV, or -EMSGSIZE when the
 * line did not fit (buf then holds its first size - 1 bytes; the rest was read and dropped).
 * One reader at a time: concurrent callers take turns by whole lines.
 */
int console_read_line(char *buf, size_t size);

/* Echo what console_read_line reads back to the console (off by default). */
void console_set_echo(bool on);

/* Counters, for tests and diagnostics. */
struct console_stats {
    unsigned long out_bytes; /* bytes put in the output ring */
    unsigned long out_waits; /* times the output ring was full and we waited */
    unsigned long in_bytes;  /* bytes taken from the input ring */
    unsigned long bad_index; /* backend indices that made no sense (output then dropped) */
};
void console_get_stats(struct console_stats *s);

/* --- Extra consoles: device/console/N, N >= 1 (xl.cfg "channel"; CONFIG_CONSFRONT) ------- */

struct consfront;

/*
 * Connect to device/console/<id> (id >= 1), waiting up to timeout_ns for the backend: 0 and
 * *out, or -EINVAL (id 0), -ENOENT (no such device), -ENOMEM, -ETIMEDOUT, -ECONNREFUSED, -errno.
 */
int consfront_open(unsigned int id, struct consfront **out, uint64_t timeout_ns);
/* The id of the first extra console whose "name" node is name: >= 1, or -ENOENT / -errno. */
int consfront_find(const char *name);
/* The channel name xl gave the console ("" if none). */
const char *consfront_name(const struct consfront *c);
/*
 * Write all len bytes, blocking while the ring is full: len, or -ENOTCONN once closed, the
 * ring broken or the backend gone (its state left Connected; checked every second).
 */
long consfront_write(struct consfront *c, const void *buf, size_t len);
/*
 * Read what is there, up to len bytes, waiting until at least one byte arrives or NOW()
 * reaches deadline (0: forever): the count (> 0 unless len is 0), -ETIMEDOUT, -ENOTCONN.
 */
long consfront_read(struct consfront *c, void *buf, size_t len, uint64_t deadline);
/* Close the device and free c (also after an error). 0, or -errno from the handshake. */
int consfront_close(struct consfront *c);

#endif
