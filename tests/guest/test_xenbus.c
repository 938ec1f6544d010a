/* SPDX-License-Identifier: BSD-2-Clause */
/* Xenbus against the real xenstored: reads, writes, errors, watches, transactions, threads. */
#include <kernel.h>
#include <fmt.h>
#include <mm.h>
#include <sched.h>
#include <shutdown.h>
#include <string.h>
#include <time.h>
#include <xenbus.h>
#include "test.h"

static long long domid = -1;

static void check_own_nodes(void)
{
    char name[64];
    int rc = xenbus_read_buf(XBT_NIL, "name", name, sizeof(name));

    test_check("read_name", rc > 0, "rc %d name '%s'", rc, rc > 0 ? name : "");
    rc = xenbus_read_integer(XBT_NIL, NULL, "domid", &domid);
    test_check("read_domid", rc == 0 && domid > 0 && domid < DOMID_FIRST_RESERVED,
               "rc %d domid %lld", rc, domid);
}

static bool has_name(char **names, const char *name)
{
    for (; *names; names++)
        if (strcmp(*names, name) == 0)
            return true;
    return false;
}

static void check_directory(void)
{
    char path[64], **names;
    int n;

    n = xenbus_directory(XBT_NIL, "device", &names);
    if (test_check("directory_device", n >= 0, "rc %d", n))
        free(names);
    snprintf(path, sizeof(path), "/local/domain/%lld", domid);
    n = xenbus_directory(XBT_NIL, path, &names);
    if (n < 0) {
        test_report("directory_domain", TEST_FAIL, "%s: rc %d", path, n);
        return;
    }
    test_check("directory_domain", has_name(names, "name") && has_name(names, "domid"),
               "%d entries in %s, first '%s'", n, path, n ? names[0] : "");
    free(names);
}

static void check_write_read_rm(void)
{
    char buf[32];
    long long v = 0;
    int rc;

    rc = xenbus_write(XBT_NIL, "data/xbtest", "hello world");
    test_check("write", rc == 0, "rc %d", rc);
    rc = xenbus_read_buf(XBT_NIL, "data/xbtest", buf, sizeof(buf));
    test_check("read_back", rc == 11 && strcmp(buf, "hello world") == 0, "rc %d '%s'", rc,
               rc >= 0 ? buf : "");
    rc = xenbus_read_buf(XBT_NIL, "data/xbtest", buf, 11);
    test_check("read_buf_too_small", rc == -ERANGE, "rc %d", rc);
    rc = xenbus_printf(XBT_NIL, "data", "xbnum", "%d", -1234567);
    if (!rc)
        rc = xenbus_read_integer(XBT_NIL, "data", "xbnum", &v);
    test_check("printf_read_integer", rc == 0 && v == -1234567, "rc %d v %lld", rc, v);
    rc = xenbus_read_integer(XBT_NIL, NULL, "data/xbtest", &v);
    test_check("read_integer_not_number", rc == -EINVAL, "rc %d", rc);
    rc = xenbus_rm(XBT_NIL, "data/xbtest");
    test_check("rm", rc == 0, "rc %d", rc);
    rc = xenbus_read_buf(XBT_NIL, "data/xbtest", buf, sizeof(buf));
    test_check("read_removed_enoent", rc == -ENOENT, "rc %d", rc);
    rc = xenbus_write(XBT_NIL, "/local/domain/0/xbtest", "x");
    test_check("write_dom0_eacces", rc == -EACCES, "rc %d", rc);
    xenbus_rm(XBT_NIL, "data/xbnum");
}

static void check_mkdir_perms(void)
{
    struct xs_perm set[2] = {{(uint16_t)domid, XS_PERM_NONE}, {0, XS_PERM_READ}}, got[4];
    char **names;
    int rc, n;

    rc = xenbus_mkdir(XBT_NIL, "data/xbdir");
    if (!rc)
        rc = xenbus_write(XBT_NIL, "data/xbdir/a", "1");
    if (!rc)
        rc = xenbus_write(XBT_NIL, "data/xbdir/b", "2");
    n = rc ? rc : xenbus_directory(XBT_NIL, "data/xbdir", &names);
    if (test_check("mkdir_directory", n == 2, "rc %d", n))
        free(names);
    rc = xenbus_set_perms(XBT_NIL, "data/xbdir", set, 2);
    n = rc ? rc : xenbus_get_perms(XBT_NIL, "data/xbdir", got, 4);
    test_check("set_get_perms",
               n == 2 && got[0].domid == set[0].domid && got[0].access == 'n' &&
                   got[1].domid == 0 && got[1].access == 'r',
               "rc %d, %c%u %c%u", n, n > 0 ? got[0].access : '?', n > 0 ? got[0].domid : 0,
               n > 1 ? got[1].access : '?', n > 1 ? got[1].domid : 0);
    rc = xenbus_rm(XBT_NIL, "data/xbdir");
    test_check("rm_tree", rc == 0, "rc %d", rc);
}

/* Waits out the initial event, then expects one for the write. */
static void check_watch(void)
{
    struct xenbus_watch w;
    struct xenbus_event *ev = NULL;
    int rc = xenbus_watch_add(&w, "data/xbwatch");

    if (!test_check("watch_add", rc == 0, "rc %d", rc))
        return;
    rc = xenbus_watch_wait(&w, NOW() + SECONDS(5), &ev);
    test_check("watch_initial_event", rc == 0, "rc %d", rc);
    free(ev);
    ev = NULL;
    rc = xenbus_write(XBT_NIL, "data/xbwatch", "fire");
    if (!rc)
        rc = xenbus_watch_wait(&w, NOW() + SECONDS(5), &ev);
    test_check("watch_fires_on_write", rc == 0 && strstr(ev->path, "data/xbwatch"),
               "rc %d path '%s'", rc, ev ? ev->path : "");
    free(ev);
    rc = xenbus_watch_remove(&w);
    test_check("watch_remove", rc == 0, "rc %d", rc);
    xenbus_rm(XBT_NIL, "data/xbwatch");
}

static int tx_write_two(xenbus_transaction_t t, void *arg)
{
    int rc = xenbus_write(t, "data/xbtx1", "one");

    return rc ? rc : xenbus_write(t, "data/xbtx2", "two");
}

static void check_transactions(void)
{
    xenbus_transaction_t t;
    char a[8] = "", b[8] = "";
    int rc;

    rc = xenbus_transaction_run(tx_write_two, NULL);
    if (!rc && xenbus_read_buf(XBT_NIL, "data/xbtx1", a, sizeof(a)) < 0)
        rc = -EIO;
    if (!rc && xenbus_read_buf(XBT_NIL, "data/xbtx2", b, sizeof(b)) < 0)
        rc = -EIO;
    test_check("transaction_commit", rc == 0 && !strcmp(a, "one") && !strcmp(b, "two"),
               "rc %d '%s' '%s'", rc, a, b);
    rc = xenbus_transaction_start(&t);
    if (!rc)
        rc = xenbus_write(t, "data/xbtx3", "never");
    if (!rc)
        rc = xenbus_transaction_end(t, true);
    if (!rc)
        rc = xenbus_read_buf(XBT_NIL, "data/xbtx3", a, sizeof(a)) == -ENOENT ? 0 : -EEXIST;
    test_check("transaction_abort", rc == 0, "rc %d", rc);
    xenbus_rm(XBT_NIL, "data/xbtx1");
    xenbus_rm(XBT_NIL, "data/xbtx2");
}

#define NR_CLIENTS 8
#define ROUNDS     25

static int client_ok[NR_CLIENTS];

/* Each thread writes and reads back its own key; all are in flight together. */
static void client(void *arg)
{
    unsigned long id = (unsigned long)arg;
    char path[32], want[16], got[16];

    snprintf(path, sizeof(path), "data/xbc%lu", id);
    for (int i = 0; i < ROUNDS; i++) {
        snprintf(want, sizeof(want), "%lu-%d", id, i);
        if (xenbus_write(XBT_NIL, path, want) == 0 &&
            xenbus_read_buf(XBT_NIL, path, got, sizeof(got)) >= 0 && strcmp(got, want) == 0)
            client_ok[id]++;
    }
    xenbus_rm(XBT_NIL, path);
}

static void check_concurrent(void)
{
    struct thread *t[NR_CLIENTS];
    int total = 0;

    for (unsigned long i = 0; i < NR_CLIENTS; i++) {
        client_ok[i] = 0;
        t[i] = create_thread("xbclient", client, (void *)i);
    }
    for (int i = 0; i < NR_CLIENTS; i++) {
        if (t[i])
            join_thread(t[i]);
        total += client_ok[i];
    }
    test_check("concurrent_requests", total == NR_CLIENTS * ROUNDS, "%d of %d answered", total,
               NR_CLIENTS * ROUNDS);
}

void suite_xenbus(void)
{
    check_own_nodes();
    check_directory();
    check_write_read_rm();
    check_mkdir_perms();
    check_watch();
    check_transactions();
    check_concurrent();
}

static void report_hook(unsigned int reason, void *arg)
{
    printk("wait-shutdown: shutdown hook ran, reason %u\n", reason);
}

/*
 * Explicit only: the harness runs `xl shutdown` / `xl reboot` and checks the domain's
 * shutdown reason, and the console for the hook's line.
 */
void suite_wait_shutdown(void)
{
    static struct shutdown_hook hook = {.fn = report_hook};

    shutdown_hook_register(&hook);
    printk("wait-shutdown: waiting for a shutdown request from the toolstack\n");
    for (;;)
        msleep(1000);
}
