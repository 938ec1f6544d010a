/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lbench: the Linux PV guest's side of `make bench`, built static and put into the Linux
 * guest's initramfs (tools/dom0/mklinux). It runs the same workloads as the kernel's bench
 * suite (tests/guest/test_bench*.c) and prints the same "bench: KEY ..." lines: disk I/O
 * with O_DIRECT and Linux native AIO (io_submit, so queue depth N is N requests in flight
 * from one thread, like fio's libaio engine), raw Ethernet frames through AF_PACKET. Around
 * each workload it meets the dom0 script through xenstore (data/bench-mark, data/bench-ack)
 * so that dom0 can read the domain's CPU time from `xl list` at both ends.
 *
 * Usage: lbench boot | lbench run full|smoke PARTS [BACKEND:DEV]... [IFACE]
 *   PARTS: any of disk,net,tcp,idle; BACKEND:DEV e.g. phy:/dev/xvda, qdisk:/dev/xvdb
 *   (tcp: one mark, while dom0 runs iperf against the `iperf -s` the config started)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <xen/io/xs_wire.h>

static double secs = 3.0, idle_secs = 30.0;
static unsigned int mark_seq;

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* One xenstore request on /dev/xen/xenbus: 0 and the reply in buf, or -1. */
static int xs_request(uint32_t type, const char *a, const char *b, char *buf, size_t size)
{
    struct xsd_sockmsg m = {type, 1, 0, 0};
    char msg[512];
    size_t la = strlen(a) + 1, lb = b ? strlen(b) : 0;
    int fd = open("/dev/xen/xenbus", O_RDWR);
    ssize_t n;

    if (fd < 0)
        return -1;
    m.len = la + lb;
    memcpy(msg, &m, sizeof(m));
    memcpy(msg + sizeof(m), a, la);
    if (b)
        memcpy(msg + sizeof(m) + la, b, lb);
    n = write(fd, msg, sizeof(m) + m.len);
    if (n == (ssize_t)(sizeof(m) + m.len))
        n = read(fd, msg, sizeof(msg) - 1);
    close(fd);
    if (n < (ssize_t)sizeof(m))
        return -1;
    memcpy(&m, msg, sizeof(m));
    if (m.type == XS_ERROR || m.len >= size)
        return -1;
    memcpy(buf, msg + sizeof(m), m.len);
    buf[m.len] = '\0';
    return 0;
}

/* Tell dom0 "SEQ WHAT KEY" and wait until it acknowledged SEQ (it read the CPU time). */
static void mark(const char *what, const char *key)
{
    char val[128], ack[32];
    /* 120 s: dom0 runs iperf 10 s each way at the tcp mark, slow under load */
    uint64_t deadline = now_ns() + 120000000000ULL;

    snprintf(val, sizeof(val), "%u %s %s", ++mark_seq, what, key);
    if (xs_request(XS_WRITE, "data/bench-mark", val, ack, sizeof(ack)) != 0) {
        printf("bench: warning: cannot write data/bench-mark\n");
        return;
    }
    while (now_ns() < deadline) {
        if (xs_request(XS_READ, "data/bench-ack", NULL, ack, sizeof(ack)) == 0 &&
            (unsigned int)atoi(ack) == mark_seq)
            return;
        usleep(20000); /* a poll costs CPU that dom0 counts into the workload */
    }
    printf("bench: warning: no ack for mark %u\n", mark_seq);
}

static void report(const char *key, uint64_t bytes, uint64_t ios, uint64_t ns)
{
    printf("bench: %s bytes=%llu ios=%llu ns=%llu\n", key, (unsigned long long)bytes,
           (unsigned long long)ios, (unsigned long long)ns);
    fflush(stdout);
}

static uint64_t rnd_state = 88172645463325252ULL;

static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

/* Keep qd requests of bs bytes in flight for secs seconds. */
static void disk_run(const char *key, const char *dev, int write, int random, size_t bs,
                     unsigned int qd)
{
    int fd = open(dev, (write ? O_RDWR : O_RDONLY) | O_DIRECT);
    aio_context_t ctx = 0;
    struct iocb cbs[32], *p[32];
    struct io_event ev[32];
    uint64_t size, next = 0, ios = 0, t0, t1, deadline;
    unsigned int inflight = 0;
    void *buf;

    if (fd < 0 || syscall(SYS_io_setup, qd, &ctx) != 0 || posix_memalign(&buf, 4096, bs)) {
        printf("bench: %s error=%d\n", key, errno);
        return;
    }
    memset(buf, 0x5a, bs);
    size = lseek(fd, 0, SEEK_END) / bs * bs;
    mark("start", key);
    t0 = now_ns();
    deadline = t0 + (uint64_t)(secs * 1e9);
    for (;;) {
        unsigned int n = 0;

        while (inflight + n < qd && now_ns() < deadline) {
            struct iocb *cb = &cbs[(inflight + n) % 32];
            uint64_t off = random ? rnd() % (size / bs) * bs : next;

            next = (next + bs) % size;
            memset(cb, 0, sizeof(*cb));
            cb->aio_fildes = fd;
            cb->aio_lio_opcode = write ? IOCB_CMD_PWRITE : IOCB_CMD_PREAD;
            cb->aio_buf = (uintptr_t)buf;
            cb->aio_nbytes = bs;
            cb->aio_offset = off;
            p[n++] = cb;
        }
        if (n && syscall(SYS_io_submit, ctx, n, p) != (long)n)
            break;
        inflight += n;
        if (!inflight)
            break;
        long got = syscall(SYS_io_getevents, ctx, 1, inflight, ev, NULL);

        if (got <= 0)
            break;
        /* Completed iocbs are reused in any order: they only carry the fixed buffer. */
        for (long i = 0; i < got; i++)
            if ((long long)ev[i].res == (long long)bs)
                ios++;
        inflight -= got;
    }
    t1 = now_ns();
    mark("end", key);
    report(key, ios * bs, ios, t1 - t0);
    syscall(SYS_io_destroy, ctx);
    close(fd);
    free(buf);
}

static unsigned long net_stat(const char *ifname, const char *what)
{
    char path[128], buf[32] = "0";
    int fd;

    snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/%s", ifname, what);
    fd = open(path, O_RDONLY);
    if (fd >= 0) {
        if (read(fd, buf, sizeof(buf) - 1) < 0)
            buf[0] = '0';
        close(fd);
    }
    return strtoul(buf, NULL, 10);
}

/* Frames of len bytes to the broadcast address, through AF_PACKET, for secs seconds. */
static void net_tx(int s, const char *ifname, size_t len)
{
    unsigned char f[1514];
    char key[32];
    unsigned long before;
    uint64_t t0, deadline;

    snprintf(key, sizeof(key), "net.tx.%zu", len);
    memset(f, 0, sizeof(f));
    memset(f, 0xff, 6);
    f[12] = 0x88;
    f[13] = 0xb5; /* local experimental EtherType: dom0 drops it */
    mark("start", key);
    before = net_stat(ifname, "tx_packets");
    t0 = now_ns();
    deadline = t0 + (uint64_t)(secs * 1e9);
    while (now_ns() < deadline)
        if (send(s, f, len, 0) < 0 && errno != ENOBUFS)
            break;
    uint64_t ns = now_ns() - t0;
    unsigned long n = net_stat(ifname, "tx_packets") - before;

    mark("end", key);
    report(key, (uint64_t)n * len, n, ns);
}

/* Wait up to 20 s for a frame of len bytes on s: dom0's generator may start late. */
static int first_frame(int s, size_t len)
{
    unsigned char f[2048];
    uint64_t deadline = now_ns() + 20000000000ULL;

    while (now_ns() < deadline)
        if (recv(s, f, sizeof(f), 0) == (ssize_t)len)
            return 0;
    return -1;
}

/*
 * Frames dom0 sends (broadcast UDP of len bytes) while the mark is open, read through s; the
 * clock starts at the first one, as in the kernel's bench suite.
 */
static void net_rx(int s, size_t len)
{
    unsigned char f[2048];
    char key[32];
    uint64_t n = 0, bytes = 0, t0, deadline;
    struct timeval tv = {0, 100000};

    snprintf(key, sizeof(key), "net.rx.%zu", len);
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    mark("start", key);
    t0 = now_ns();
    deadline = t0;
    if (first_frame(s, len) == 0) {
        t0 = now_ns();
        deadline = t0 + (uint64_t)(secs * 1e9);
    } else {
        printf("bench: %s: no frame of %zu bytes from dom0\n", key, len);
    }
    while (now_ns() < deadline) {
        ssize_t got = recv(s, f, sizeof(f), 0);

        if (got == (ssize_t)len) {
            n++;
            bytes += got;
        }
    }
    uint64_t ns = now_ns() - t0;

    mark("end", key);
    report(key, bytes, n, ns);
}

static int packet_socket(const char *ifname, int proto)
{
    struct sockaddr_ll sll = {0};
    int s = socket(AF_PACKET, SOCK_RAW, htons(proto));

    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(proto);
    sll.sll_ifindex = if_nametoindex(ifname);
    if (s < 0 || bind(s, (struct sockaddr *)&sll, sizeof(sll)) != 0)
        return -1;
    return s;
}

static void net_all(const char *ifname)
{
    static const size_t sizes[] = {64, 512, 1514};
    int tx = packet_socket(ifname, ETH_P_ALL), rx = packet_socket(ifname, ETH_P_IP);

    if (tx < 0 || rx < 0) {
        printf("bench: net error=%d\n", errno);
        return;
    }
    for (size_t i = 0; i < 3; i++)
        net_tx(tx, ifname, sizes[i]);
    for (size_t i = 0; i < 3; i++)
        net_rx(rx, sizes[i]);
    /* dom0 arpings us between these marks */
    mark("start", "net.ping");
    mark("end", "net.ping");
    close(tx);
    close(rx);
}

/* The time (us since the kernel's clock started) of the kernel's "Run /init" message. */
static void boot_line(void)
{
    char line[512];
    int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
    ssize_t n;
    unsigned long long app_us = 0;

    while (fd >= 0 && (n = read(fd, line, sizeof(line) - 1)) > 0) {
        unsigned int lvl;
        unsigned long long seq, us;

        line[n] = '\0';
        if (strstr(line, "Run /init") && sscanf(line, "%u,%llu,%llu", &lvl, &seq, &us) == 3)
            app_us = us;
    }
    printf("bench: boot start_kernel_ns=0 app_ns=%llu\n", app_us * 1000ULL);
}

/* MemFree and MemTotal from /proc/meminfo, as the kernel bench suite prints its own. */
static void mem_line(void)
{
    char line[128];
    unsigned long v, free_kib = 0, total_kib = 0;
    FILE *f = fopen("/proc/meminfo", "r");

    while (f && fgets(line, sizeof(line), f)) {
        if (sscanf(line, "MemFree: %lu", &v) == 1)
            free_kib = v;
        if (sscanf(line, "MemTotal: %lu", &v) == 1)
            total_kib = v;
    }
    if (f)
        fclose(f);
    printf("bench: mem free_kib=%lu total_kib=%lu\n", free_kib, total_kib);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int write, random;
        size_t bs;
        unsigned int qd;
    } disk[] = {
        {"seqread.qd1", 0, 0, 1 << 20, 1},   {"seqread.qd8", 0, 0, 1 << 20, 8},
        {"seqread.qd32", 0, 0, 1 << 20, 32}, {"seqwrite.qd1", 1, 0, 1 << 20, 1},
        {"seqwrite.qd8", 1, 0, 1 << 20, 8},  {"seqwrite.qd32", 1, 0, 1 << 20, 32},
        {"randread.qd1", 0, 1, 4096, 1},     {"randread.qd32", 0, 1, 4096, 32},
        {"randwrite.qd1", 1, 1, 4096, 1},    {"randwrite.qd32", 1, 1, 4096, 32},
    };

    const char *iface = NULL;

    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("bench: app linux\n");
    boot_line();
    mem_line();
    if (argc < 4 || strcmp(argv[1], "run") != 0)
        return 0;
    if (strcmp(argv[2], "smoke") == 0) {
        secs = 0.2;
        idle_secs = 1;
    }
    for (int a = 4; a < argc; a++) {
        char *dev = strchr(argv[a], ':');

        if (!dev) {
            iface = argv[a];
            continue;
        }
        *dev++ = '\0';
        /* the frontends probe asynchronously: a qdisk may show up seconds after the vif */
        for (int n = 0; n < 200 && access(dev, F_OK) != 0; n++)
            usleep(100000);
        for (size_t i = 0; strstr(argv[3], "disk") && i < sizeof(disk) / sizeof(disk[0]); i++) {
            char key[64];

            snprintf(key, sizeof(key), "disk.%s.%s", argv[a], disk[i].name);
            /* smoke runs move 64 KiB per sequential request, not 1 MiB */
            disk_run(key, dev, disk[i].write, disk[i].random,
                     secs < 1 && disk[i].bs > 65536 ? 65536 : disk[i].bs, disk[i].qd);
        }
    }
    if (iface && strstr(argv[3], "net"))
        net_all(iface);
    /* dom0 runs iperf against our `iperf -s` (started by the config's command) meanwhile */
    if (strstr(argv[3], "tcp")) {
        char ack[32];

        xs_request(XS_WRITE, "data/bench-tcp-secs", secs < 1 ? "1" : "10", ack, sizeof(ack));
        mark("start", "tcp");
        mark("end", "tcp");
        /* guest -> dom0: iperf's client against dom0's iperf -s, as long as lwiperf's */
        mark("start", "tcp.tx");
        if (system(secs < 1 ? "iperf -c 10.0.0.1 -t 1 >/dev/null 2>&1"
                            : "iperf -c 10.0.0.1 -t 10 >/dev/null 2>&1") != 0)
            printf("bench: warning: iperf -c 10.0.0.1 failed\n");
        mark("end", "tcp.tx");
    }
    if (strstr(argv[3], "idle")) {
        mark("start", "idle");
        usleep((useconds_t)(idle_secs * 1e6));
        mark("end", "idle");
    }
    printf("bench: done\n");
    return 0;
}
