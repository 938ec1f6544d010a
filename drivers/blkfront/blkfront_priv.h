/* SPDX-License-Identifier: BSD-2-Clause */
/* blkfront internals shared by the connection code (blkfront.c) and the I/O path (io.c). */
#ifndef MINIOS_BLKFRONT_PRIV_H
#define MINIOS_BLKFRONT_PRIV_H

#include <blkfront.h>
#include <events.h>
#include <sched.h>
#include <shutdown.h>
#include <wait.h>
#include <xenbus.h>
#include <xen/io/blkif.h>
#include "blkring.h"

/* Largest ring we ask for: 4 pages = 128 slots (the backend may offer up to 16 pages). */
#define BLKFRONT_MAX_RING_ORDER 2
#define BLKFRONT_MAX_RING_PAGES (1u << BLKFRONT_MAX_RING_ORDER)
/* Segments per indirect request: one indirect page, 256 KiB of data per request. */
#define BLKFRONT_MAX_SEGS 64
/* Handshake and close limits: TCG-emulated dom0s are slow. */
#define BLKFRONT_TIMEOUT       SECONDS(30)
#define BLKFRONT_GRANT_TIMEOUT SECONDS(10)

enum blkfront_state { BLKFRONT_CONNECTED, BLKFRONT_GONE };

/* One ring slot: the request in flight under id = slot index, and what it holds. */
struct blkfront_slot {
    struct blkfront_aiocb *cb;
    grant_ref_t refs[BLKFRONT_MAX_SEGS];
    unsigned int nrefs;
    void *indirect; /* the segment page of an indirect request, or NULL */
    grant_ref_t indirect_ref;
    /* Bounce pages for a partial first (0) and last (1) page, and the caller's bytes. */
    void *bounce[2];
    char *bounce_src[2];
    size_t bounce_len[2];
};

struct blkfront_dev {
    struct xenbus_device xb;
    struct blkfront_info info;
    struct blkfront_stats stats;
    enum blkfront_state state;

    /* The shared ring: ring_pages pages at sring, each granted by ring_refs[i]. */
    blkif_front_ring_t ring;
    void *sring;
    unsigned int ring_order;
    grant_ref_t ring_refs[BLKFRONT_MAX_RING_PAGES];
    evtchn_port_t port;

    /* Slot table: busy[] mirrors slots[].cb != NULL for blkring_check_id. */
    struct blkfront_slot *slots;
    bool *busy;
    unsigned int *free_ids, nr_free, inflight;
    struct wait_queue_head slot_wq; /* threads waiting for a free slot */

    /*
     * The completion thread sleeps on be_watch.wq (the backend-state watch's queue): the
     * event handler wakes that same queue, so one wait covers responses, backend state
     * changes and close requests.
     */
    struct xenbus_watch be_watch;
    bool watching;
    struct thread *thread;
    bool stopping;                  /* a stop_thread caller is joining thread */
    struct wait_queue_head stop_wq; /* woken when thread has been joined */
    bool close_req;
    bool abort_req;   /* a blocking call gave up on the backend: disconnect */
    uint64_t timeout; /* how long any wait for this backend may take (blkfront_open) */
    uint64_t close_deadline;
    int close_rc;
    uint64_t grant_deadline; /* how long teardown waits for the backend to let go */
    struct shutdown_hook hook;
};

/* blkfront.c: ask the completion thread to disconnect, failing requests with -ETIMEDOUT. */
void blkfront_abort(struct blkfront_dev *dev);

/* io.c */
int blkfront_slots_init(struct blkfront_dev *dev);
void blkfront_slots_free(struct blkfront_dev *dev);
/* Validate one response and complete its request; a bad id is counted and dropped. */
void blkfront_handle_response(struct blkfront_dev *dev, const blkif_response_t *rsp);
/* Consume every valid response; -EPROTO if the backend's ring indexes are impossible. */
int blkfront_process_responses(struct blkfront_dev *dev);
/* Complete every request still in flight with err (after the backend let go of them). */
void blkfront_fail_all(struct blkfront_dev *dev, int err);
/* End one grant; a grant the backend still maps is counted and kept (never reused). */
bool blkfront_end_grant(struct blkfront_dev *dev, grant_ref_t ref);

/* bounce.c */
/*
 * Give every segment of cb that shares its page with other data a zeroed bounce page of
 * its own (holding the caller's bytes for a write) and point the segment at it: 0, or
 * -ENOMEM with nothing allocated.
 */
int blkfront_bounce_setup(struct blkfront_slot *s, const struct blkfront_aiocb *cb,
                          struct blkring_seg *segs, unsigned int n);
/* Free a slot's bounce pages (their grants ended or never made). */
void blkfront_bounce_free(struct blkfront_slot *s);
/*
 * After the request's grants were ended (released[b]: bounce page b's grant was): copy a
 * read's bytes to the caller and free the pages; a page the backend kept is leaked, not
 * read, and makes the status -EIO. Returns the request's status.
 */
int blkfront_bounce_finish(struct blkfront_slot *s, const struct blkfront_aiocb *cb,
                           const bool *released, int status);
/* Whether segment i of n went through a bounce page. */
bool blkfront_seg_bounced(const struct blkfront_slot *s, unsigned int i, unsigned int n);

#endif
