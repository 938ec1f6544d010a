/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The bridge between the two halves of the libc glue. libc/core/ is compiled with the
 * kernel's headers and implements these; libc/NAME.c is compiled with newlib's headers (whose
 * <time.h>, <sched.h>, <errno.h> clash with the kernel's) and calls them. Only plain C types
 * cross: errors are negative KERNEL errno values (see include/fdtab.h), flags are FD_*.
 * libc/core includes this header too, so a definition that drifts from it fails to compile.
 */
#ifndef MINIOS_LIBC_KERNAPI_H
#define MINIOS_LIBC_KERNAPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <fdtab.h>

/* --- descriptors (core/fdtab.c, core/fileio.c) ------------------------------------------ */
long kfd_read(int fd, void *buf, size_t len);
long kfd_write(int fd, const void *buf, size_t len);
long kfd_pread(int fd, void *buf, size_t len, int64_t off);
long kfd_pwrite(int fd, const void *buf, size_t len, int64_t off);
/* The new offset, or -errno. */
int64_t kfd_lseek(int fd, int64_t off, int whence);
int kfd_close(int fd);
/* The lowest free descriptor >= min sharing fd's file, or -errno (fcntl F_DUPFD, dup). */
int kfd_dup(int fd, int min);
int kfd_dup2(int fd, int newfd);
int kfd_fstat(int fd, struct fd_stat *st);
int kfd_ftruncate(int fd, int64_t len);
int kfd_fsync(int fd);
int kfd_readdir(int fd, struct fd_dirent *ent);
/* rewinddir(): the file's offset back to 0, which ops->readdir takes as "from the start". */
int kfd_rewinddir(int fd);
int kfd_ioctl(int fd, unsigned long req, void *arg);
/* FD_O_* flags of the file / set its FD_O_APPEND and FD_O_NONBLOCK. */
int kfd_getfl(int fd);
int kfd_setfl(int fd, int flags);
/* The close-on-exec bit of the descriptor (kept for fcntl; there is no exec). */
int kfd_getfd(int fd);
int kfd_setfd(int fd, int cloexec);
/* A pipe (core/pipe.c): fds[0] reads, fds[1] writes. 0 or -errno. */
int kfd_pipe(int fds[2]);
/* 1 for the console, 0 for anything else, -EBADF. */
int kfd_isatty(int fd);

/* --- paths (core/vfs.c) ------------------------------------------------------------------ */
int kvfs_open(const char *path, int flags, uint32_t mode);
int kvfs_stat(const char *path, struct fd_stat *st);
int kvfs_unlink(const char *path);
int kvfs_rename(const char *from, const char *to);
int kvfs_mkdir(const char *path, uint32_t mode);
int kvfs_rmdir(const char *path);

/* --- select/poll (core/poll.c) ------------------------------------------------------------ */
struct kpollfd {
    int fd;
    unsigned int events;  /* FD_POLL* wanted */
    unsigned int revents; /* FD_POLL* found (FD_POLLERR/HUP/NVAL always reported) */
};
/* Wait until one fd is ready or timeout_ns passes (< 0: forever): the number ready, or 0. */
int kfd_poll(struct kpollfd *fds, unsigned int n, int64_t timeout_ns);

/* --- sockets (core/socket.c, core/sockio.c; CONFIG_LWIP) ----------------------------------- */
/* An address as both halves see it: family KSOCK_AF_*, port in host order. */
#define KSOCK_AF_UNSPEC 0
#define KSOCK_AF_INET   4
#define KSOCK_AF_INET6  6
struct ksockaddr {
    uint16_t family;
    uint16_t port;
    uint8_t addr[16]; /* network order: 4 bytes for KSOCK_AF_INET */
    uint32_t scope;   /* IPv6 zone (netif index + 1), 0 if none */
};
#define KSOCK_STREAM 1
#define KSOCK_DGRAM  2
/* send/recv flags. */
#define KSOCK_MSG_PEEK     0x1
#define KSOCK_MSG_DONTWAIT 0x2
#define KSOCK_MSG_WAITALL  0x4
/* Options (ints; timeouts in milliseconds, 0 = none). */
enum ksock_opt {
    KSO_REUSEADDR,
    KSO_KEEPALIVE,
    KSO_BROADCAST,
    KSO_TYPE,
    KSO_DOMAIN,
    KSO_ERROR,
    KSO_ACCEPTCONN,
    KSO_RCVTIMEO,
    KSO_SNDTIMEO,
    KSO_NODELAY,
    KSO_V6ONLY,
};
/* A new socket descriptor (family KSOCK_AF_INET/INET6, FD_O_NONBLOCK in fdflags), or -errno. */
int ksock_socket(int family, int type, int fdflags);
int ksock_bind(int fd, const struct ksockaddr *a);
int ksock_listen(int fd, int backlog);
/* The connection's new descriptor (with fdflags) and the peer in *peer, or -errno. */
int ksock_accept(int fd, struct ksockaddr *peer, int fdflags);
int ksock_connect(int fd, const struct ksockaddr *a);
/* Bytes sent (to: NULL for a connected socket) / received (from may be NULL), or -errno. */
long ksock_send(int fd, const void *buf, size_t len, int flags, const struct ksockaddr *to);
long ksock_recv(int fd, void *buf, size_t len, int flags, struct ksockaddr *from);
int ksock_shutdown(int fd, bool rd, bool wr);
int ksock_setopt(int fd, enum ksock_opt opt, int value);
int ksock_getopt(int fd, enum ksock_opt opt, int *value);
/* The local (peer false) or remote address. */
int ksock_getname(int fd, bool peer, struct ksockaddr *a);

/* --- threads, time, locks, process (core/kglue.c) ----------------------------------------- */
/* The calling thread's libc pointer (its struct _reent), NULL until set. */
void *kthread_libc(void);
void kthread_set_libc(void *reent);
/* Each thread's libc pointer in turn (exit flushes every thread's stdio). */
void kthread_for_each_libc(void (*fn)(void *reent));
struct thread;
struct thread *kthread_create(const char *name, void (*fn)(void *), void *arg);
int kthread_join(struct thread *t);
void kthread_yield(void);

/* Nanoseconds since boot / since the epoch (UTC). */
uint64_t kclock_monotonic_ns(void);
uint64_t kclock_realtime_ns(void);
/* Sleep until kclock_monotonic_ns() >= deadline. */
void kclock_sleep_until(uint64_t deadline);

/* A recursive mutex for newlib's locks; zero-initialised is unlocked. */
struct klock {
    void *owner;
    unsigned int depth;
};
void klock_acquire(struct klock *l);
/* 0 if taken, -EBUSY if another thread holds it. */
int klock_try(struct klock *l);
void klock_release(struct klock *l);

/* Print "exit status N" (the runner looks for it), flush the console, power off. */
void kprocess_exit(int status) __attribute__((noreturn));
/* Crash the domain with a backtrace after printing why. */
void kprocess_abort(const char *why) __attribute__((noreturn));
/* The kernel command line (xl "extra"). */
const char *kprocess_cmdline(void);
/* Mount the 9pfs shares and the disks as files (core/mounts.c); reports what fails. */
void kprocess_mount_files(void);
/* Raw console output, for the earliest messages (before stdio works). */
void kconsole_write(const char *buf, size_t len);
/* Free a thread's struct _reent (libc/reent.c; exit_thread calls it, see sched.h). */
void libc_thread_exit(void *state);

#endif
