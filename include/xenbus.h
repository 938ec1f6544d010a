/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xenbus: the xenstore client over the start_info ring, and the frontend handshake every
 * PV driver shares. All calls block the calling thread and must not be made from event
 * handlers or before the scheduler runs. Relative paths are relative to our own
 * /local/domain/<domid>. Strings and arrays returned through char ** are malloc'd: the
 * caller frees them with free().
 */
#ifndef MINIOS_XENBUS_H
#define MINIOS_XENBUS_H

#include <stdbool.h>
#include <stdint.h>
#include <compiler.h>
#include <list.h>
#include <wait.h>
#include <hypervisor.h>
#include <xen/io/xenbus.h>
#include <xenbus_wire.h>

/* Longest path a watch or device records (xenstore itself allows XENSTORE_ABS_PATH_MAX). */
#define XENBUS_PATH_MAX 128

typedef uint32_t xenbus_transaction_t;
#define XBT_NIL ((xenbus_transaction_t)0)

/*
 * Map the store ring, bind its event channel and start the reply thread. Panics on failure;
 * without a ring in start_info it only logs, and requests return -ENODEV.
 */
void init_xenbus(void);

/* --- Requests (0 or -errno: xenstore's errors, -ENOMEM, -E2BIG for oversized ones). --- */

/*
 * Every request waits at most this long for xenstored (ring room, a free slot, its reply)
 * and then fails with -ETIMEDOUT; a reply that comes later is dropped. Whether a write
 * that timed out was applied is then unknown.
 */
#define XENBUS_DEFAULT_TIMEOUT SECONDS(30)
/* Set that limit for all later requests (0: the default); returns the previous one. */
uint64_t xenbus_set_timeout(uint64_t timeout_ns);
/*
 * For tests: while held, replies stay on the ring unread, as if xenstored never answered
 * (requests time out); releasing lets them in, and the late ones are dropped.
 */
void xenbus_hold_replies(bool hold);

/* *value = the node's value, NUL-terminated (values may hold NULs: *len if len != NULL). */
int xenbus_read(xenbus_transaction_t t, const char *path, char **value, size_t *len);
/* Read into buf: the value length, or -ERANGE (buf unchanged) if it needs more than size. */
int xenbus_read_buf(xenbus_transaction_t t, const char *path, char *buf, size_t size);
int xenbus_write(xenbus_transaction_t t, const char *path, const char *value);
int xenbus_mkdir(xenbus_transaction_t t, const char *path);
/* Removes the node and everything below it. */
int xenbus_rm(xenbus_transaction_t t, const char *path);
/* The count of children (>= 0); *names is one NULL-terminated block, freed at once. */
int xenbus_directory(xenbus_transaction_t t, const char *path, char ***names);
/*
 * Permissions, the first entry being the owner (whose access letter is the default for
 * other domains). get: the count stored (<= max), -EBADMSG for an unparsable entry.
 * set: 1..32 entries, else -EINVAL.
 */
int xenbus_get_perms(xenbus_transaction_t t, const char *path, struct xs_perm *perms,
                     unsigned int max);
int xenbus_set_perms(xenbus_transaction_t t, const char *path, const struct xs_perm *perms,
                     unsigned int n);

/*
 * Helpers on "dir/node" (dir NULL: node is the whole path). xenbus_printf writes the
 * formatted value; the read helpers parse a strict decimal (or 0x hex) integer: -EINVAL if
 * the value is not one, -ERANGE if it does not fit.
 */
int xenbus_printf(xenbus_transaction_t t, const char *dir, const char *node, const char *fmt, ...)
    __printf(4, 5);
int xenbus_read_integer(xenbus_transaction_t t, const char *dir, const char *node,
                        long long *value);
int xenbus_read_unsigned(xenbus_transaction_t t, const char *dir, const char *node,
                         unsigned long long *value);

/* --- Transactions ------------------------------------------------------------------------ */

int xenbus_transaction_start(xenbus_transaction_t *t);
/* Commit (abort false) or abort; -EAGAIN means another writer won and it must be redone. */
int xenbus_transaction_end(xenbus_transaction_t t, bool abort);
/*
 * Run fn in a fresh transaction until it commits: fn's error aborts and is returned;
 * -EAGAIN from fn or the commit retries, up to XENBUS_TRANSACTION_RETRIES times.
 */
#define XENBUS_TRANSACTION_RETRIES 32
int xenbus_transaction_run(int (*fn)(xenbus_transaction_t t, void *arg), void *arg);

/* --- Watches ----------------------------------------------------------------------------- */

/* One fired event: the path that changed (at or below the watched one) and the token. */
struct xenbus_event {
    struct list_head node;
    const char *path;
    const char *token;
    char data[]; /* path and token live here */
};

/*
 * A registered watch owns a queue of fired events. Events are hints: after one, re-read
 * the nodes you care about (xenstore coalesces nothing, but the queue is bounded and drops
 * the newest beyond XENBUS_WATCH_QUEUE_MAX, counting them in dropped).
 */
#define XENBUS_WATCH_QUEUE_MAX 64
struct xenbus_watch {
    char path[XENBUS_PATH_MAX];
    char token[24];
    struct list_head node;   /* on the registered list */
    struct list_head events; /* struct xenbus_event, oldest first */
    unsigned int queued, dropped;
    struct wait_queue_head wq;
};

/*
 * Register w on path (copied; -ENAMETOOLONG beyond XENBUS_PATH_MAX). Xenstore fires one
 * event at once for the path itself. 0 or -errno.
 */
int xenbus_watch_add(struct xenbus_watch *w, const char *path);
/* Unregister w and free its queued events. 0 or -errno (w is unregistered even then). */
int xenbus_watch_remove(struct xenbus_watch *w);
/*
 * Take the oldest event of w, waiting until NOW() reaches deadline (0: forever): 0 and *ev
 * (caller frees), or -ETIMEDOUT.
 */
int xenbus_watch_wait(struct xenbus_watch *w, uint64_t deadline, struct xenbus_event **ev);

/* --- Frontend handshake (shared by every PV frontend driver) ----------------------------- */

#define XENBUS_STATE_BIT(state) (1u << (state))

struct xenbus_device {
    char nodename[XENBUS_PATH_MAX]; /* our side, e.g. "device/vbd/768" */
    char backend[XENBUS_PATH_MAX];  /* the "backend" node's value */
    domid_t backend_id;             /* the "backend-id" node's value */
};

/* A key a frontend publishes: str if not NULL, else num in decimal. */
struct xenbus_key {
    const char *name;
    const char *str;
    unsigned long num;
};

/* State of dir/state: 0 and *state; a missing node reads as XenbusStateUnknown. */
int xenbus_read_state(const char *dir, XenbusState *state);
/* Write dir/state (skipped when already there, so peers see no spurious event). */
int xenbus_switch_state(const char *dir, XenbusState state);
/*
 * Wait until dir/state is one of the XENBUS_STATE_BIT()s in states, for at most timeout_ns
 * (0: forever): 0 and *reached (if not NULL), or -ETIMEDOUT.
 */
int xenbus_wait_backend_state(const char *dir, unsigned int states, uint64_t timeout_ns,
                              XenbusState *reached);

/* Fill dev from nodename's "backend" and "backend-id". 0, -ENAMETOOLONG or -errno. */
int xenbus_device_init(struct xenbus_device *dev, const char *nodename);
/*
 * device_init, then wait for the backend to reach InitWait (or Connected when it is
 * reconnecting), so its feature keys can be read. A device our side left Closed (after
 * a close or a failed open) is switched back to Initialising first, which a backend takes
 * as a reconnect. 0, -ENODEV if the backend is closing, or -errno / -ETIMEDOUT.
 */
int xenbus_frontend_start(struct xenbus_device *dev, const char *nodename, uint64_t timeout_ns);
/* In one transaction (retried on EAGAIN): write the n keys under nodename and Initialised. */
int xenbus_frontend_publish(struct xenbus_device *dev, const struct xenbus_key *keys,
                            unsigned int n);
/*
 * publish, wait for the backend to be Connected, then switch to Connected. 0, -ETIMEDOUT,
 * -ECONNREFUSED if the backend closed instead, or -errno.
 */
int xenbus_frontend_connect(struct xenbus_device *dev, const struct xenbus_key *keys,
                            unsigned int n, uint64_t timeout_ns);
/* The same for backends that wait for the frontend first: publish, Connected, then wait. */
int xenbus_frontend_connect_eager(struct xenbus_device *dev, const struct xenbus_key *keys,
                                  unsigned int n, uint64_t timeout_ns);
/* Closing -> backend Closing/Closed -> Closed -> backend Closed. 0 or -ETIMEDOUT/-errno. */
int xenbus_frontend_close(struct xenbus_device *dev, uint64_t timeout_ns);
/*
 * After watch w on the backend's state fired: drain its events and tell whether the
 * backend has left Connected (e.g. `xl block-detach`). A failed read counts as not gone.
 */
bool xenbus_backend_gone(struct xenbus_device *dev, struct xenbus_watch *w);

/* --- Internal: the transport, for kernel/xenbus_*.c only -------------------------------- */

/*
 * Send one request and wait for its reply: 0 and the reply body (NUL-terminated, caller
 * frees; *body may be NULL when not wanted), or -errno from an XS_ERROR reply.
 */
int xenbus_request(uint32_t type, xenbus_transaction_t t, const struct xs_seg *segs, unsigned int n,
                   char **body, uint32_t *len);

#endif
