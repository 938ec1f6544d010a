/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Error numbers. Public functions return 0 or a negative one of these; the values are the
 * ones Xen and xenstore use on the wire, so hypercall results pass through unchanged.
 */
#ifndef MINIOS_ERRNO_H
#define MINIOS_ERRNO_H

#define EPERM        1
#define ENOENT       2
#define ESRCH        3
#define EINTR        4
#define EIO          5
#define ENXIO        6
#define E2BIG        7
#define ENOEXEC      8
#define EBADF        9
#define ECHILD       10
#define EAGAIN       11
#define ENOMEM       12
#define EACCES       13
#define EFAULT       14
#define EBUSY        16
#define EEXIST       17
#define EXDEV        18
#define ENODEV       19
#define ENOTDIR      20
#define EISDIR       21
#define EINVAL       22
#define ENFILE       23
#define EMFILE       24
#define ENOTTY       25
#define EFBIG        27
#define ENOSPC       28
#define ESPIPE       29
#define EROFS        30
#define EMLINK       31
#define EPIPE        32
#define EDOM         33
#define ERANGE       34
#define EDEADLK      35
#define ENAMETOOLONG 36
#define ENOLCK       37
#define ENOSYS       38
#define ENOTEMPTY    39
#define ENODATA      61
#define ETIME        62
#define EPROTO       71
#define EBADMSG      74
#define EOVERFLOW    75
#define EILSEQ       84
#define ENOTSOCK     88
#define EDESTADDRREQ 89
#define EMSGSIZE     90
#define EOPNOTSUPP   95
#define EADDRINUSE   98
#define ENOBUFS      105
#define EISCONN      106
#define ENOTCONN     107
#define ESHUTDOWN    108
#define ETIMEDOUT    110
#define ECONNREFUSED 111
#define EALREADY     114
#define EINPROGRESS  115

/* The socket layer's (lwIP maps its errors to these), Linux's numbers. */
#define EWOULDBLOCK     EAGAIN
#define EPROTOTYPE      91
#define ENOPROTOOPT     92
#define EPROTONOSUPPORT 93
#define EAFNOSUPPORT    97
#define EADDRNOTAVAIL   99
#define ENETDOWN        100
#define ENETUNREACH     101
#define ECONNABORTED    103
#define ECONNRESET      104
#define EHOSTUNREACH    113

/* Name of an error number ("ENOENT"), or "E?" for one this table does not know. */
const char *strerror_name(int err);
/*
 * What it means, in a few lower-case words ("permission denied"), or "unknown error".
 * Messages print both: "open failed: EACCES (permission denied)".
 */
const char *strerror_desc(int err);

#endif
