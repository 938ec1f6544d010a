/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Threads and the libc: malloc/realloc/free/posix_memalign from 8 threads at once (each
 * block filled with its owner's pattern and checked before it is freed), and per-thread
 * errno and strtok state across switches.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../test.h"
#include "../../../libc/kernapi.h"
#include "libc_tests.h"

#define STRESS_THREADS 8
#define STRESS_ROUNDS  1500
#define STRESS_LIVE    24

struct stress {
    unsigned int id, seed, bad, allocs;
};

static unsigned int next_rand(unsigned int *seed)
{
    *seed = *seed * 1103515245 + 12345;
    return (*seed >> 8) & 0xffffff;
}

static bool check_fill(const unsigned char *p, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return false;
    return true;
}

static void *stress_alloc(struct stress *s, size_t size)
{
    void *p = NULL;

    switch (next_rand(&s->seed) % 4) {
    case 0:
        p = calloc(1, size);
        if (p && !check_fill(p, size, 0))
            s->bad++;
        break;
    case 1:
        if (posix_memalign(&p, 64, size) || ((uintptr_t)p & 63))
            s->bad++;
        break;
    default:
        p = malloc(size);
    }
    return p;
}

static void stress_thread(void *arg)
{
    struct stress *s = arg;
    unsigned char *live[STRESS_LIVE] = {0};
    size_t sizes[STRESS_LIVE] = {0};
    unsigned char v = 0x40 + s->id;

    for (unsigned int r = 0; r < STRESS_ROUNDS; r++) {
        unsigned int slot = next_rand(&s->seed) % STRESS_LIVE;
        size_t size = 1 + next_rand(&s->seed) % (r % 50 == 0 ? 65536 : 3000);

        if (live[slot] && !check_fill(live[slot], sizes[slot], v))
            s->bad++;
        if (live[slot] && next_rand(&s->seed) % 3 == 0) {
            unsigned char *q = realloc(live[slot], size);

            if (!q || !check_fill(q, size < sizes[slot] ? size : sizes[slot], v))
                s->bad++;
            live[slot] = q;
        } else {
            free(live[slot]);
            live[slot] = stress_alloc(s, size);
        }
        if (!live[slot]) {
            s->bad++;
            sizes[slot] = 0;
            continue;
        }
        sizes[slot] = size;
        memset(live[slot], v, size);
        s->allocs++;
        if (r % 8 == 0)
            kthread_yield(); /* interleave with the other threads */
    }
    for (unsigned int i = 0; i < STRESS_LIVE; i++) {
        if (live[i] && !check_fill(live[i], sizes[i], v))
            s->bad++;
        free(live[i]);
    }
}

static void test_malloc_stress(void)
{
    struct stress s[STRESS_THREADS];
    struct thread *t[STRESS_THREADS];
    unsigned int bad = 0, allocs = 0;

    for (unsigned int i = 0; i < STRESS_THREADS; i++) {
        s[i] = (struct stress){.id = i, .seed = 7 * i + 1};
        t[i] = kthread_create("malloc-stress", stress_thread, &s[i]);
    }
    for (unsigned int i = 0; i < STRESS_THREADS; i++) {
        if (t[i])
            kthread_join(t[i]);
        else
            bad++;
        bad += s[i].bad;
        allocs += s[i].allocs;
    }
    test_check("libc_malloc_8_threads", bad == 0 && allocs == STRESS_THREADS * STRESS_ROUNDS,
               "%u allocations, %u bad", allocs, bad);
}

struct errno_case {
    int expect, got, first, done;
    char tok[2][8];
};

/* Fail a call with this thread's errno, let the others run, and check it is still ours. */
static void errno_thread(void *arg)
{
    struct errno_case *c = arg;
    char text[] = "aa bb", other[] = "cc dd";

    if (c->expect == EBADF)
        close(-1);
    else
        open("/no/such", O_RDONLY);
    c->first = errno;
    strcpy(c->tok[0], strtok(c->expect == EBADF ? text : other, " "));
    for (int i = 0; i < 5; i++)
        usleep(1000);
    c->got = errno;
    strcpy(c->tok[1], strtok(NULL, " "));
    c->done = 1;
}

static void test_errno_per_thread(void)
{
    struct errno_case a = {.expect = EBADF}, b = {.expect = ENOENT};
    struct thread *ta = kthread_create("errno-a", errno_thread, &a);
    struct thread *tb = kthread_create("errno-b", errno_thread, &b);

    errno = 0;
    if (ta)
        kthread_join(ta);
    if (tb)
        kthread_join(tb);
    test_check("libc_errno_per_thread",
               a.done && b.done && a.first == EBADF && a.got == EBADF && b.first == ENOENT &&
                   b.got == ENOENT && errno == 0,
               "a %d/%d b %d/%d main %d", a.first, a.got, b.first, b.got, errno);
    test_check("libc_strtok_per_thread", !strcmp(a.tok[1], "bb") && !strcmp(b.tok[1], "dd"),
               "a '%s' b '%s'", a.tok[1], b.tok[1]);
}

/* Threads printing at once: every line arrives whole (stdout's lock). */
static void print_thread(void *arg)
{
    for (int i = 0; i < 3; i++) {
        printf("libc thread %ld line %d\n", (long)(uintptr_t)arg, i);
        kthread_yield();
    }
}

static void test_stdio_threads(void)
{
    struct thread *t[4];

    for (long i = 0; i < 4; i++)
        t[i] = kthread_create("printer", print_thread, (void *)(uintptr_t)i);
    for (int i = 0; i < 4; i++)
        if (t[i])
            kthread_join(t[i]);
    fflush(stdout);
    test_check("libc_stdio_threads", t[0] && t[1] && t[2] && t[3], "thread creation failed");
}

void test_libc_threads(void)
{
    test_malloc_stress();
    test_errno_per_thread();
    test_stdio_threads();
}
