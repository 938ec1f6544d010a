/* SPDX-License-Identifier: BSD-2-Clause */
/* strerror_name / strerror_desc: an error number's symbol and meaning, for log messages. */
#include <compiler.h>
#include <errno.h>

/* Indexed by number; the holes (15, 25-27, ...) are numbers errno.h does not define. */
static const struct {
    const char *name, *desc;
} names[] = {
    [EPERM] = {"EPERM", "operation not permitted"},
    [ENOENT] = {"ENOENT", "no such file or directory"},
    [ESRCH] = {"ESRCH", "no such process or domain"},
    [EINTR] = {"EINTR", "interrupted"},
    [EIO] = {"EIO", "input/output error"},
    [ENXIO] = {"ENXIO", "no such device or address"},
    [E2BIG] = {"E2BIG", "argument list too long"},
    [ENOEXEC] = {"ENOEXEC", "exec format error"},
    [EBADF] = {"EBADF", "bad file descriptor"},
    [ECHILD] = {"ECHILD", "no child"},
    [EAGAIN] = {"EAGAIN", "try again"},
    [ENOMEM] = {"ENOMEM", "out of memory"},
    [EACCES] = {"EACCES", "permission denied"},
    [EFAULT] = {"EFAULT", "bad address"},
    [EBUSY] = {"EBUSY", "device or resource busy"},
    [EEXIST] = {"EEXIST", "already exists"},
    [EXDEV] = {"EXDEV", "cross-device link"},
    [ENODEV] = {"ENODEV", "no such device"},
    [ENOTDIR] = {"ENOTDIR", "not a directory"},
    [EISDIR] = {"EISDIR", "is a directory"},
    [EINVAL] = {"EINVAL", "invalid argument"},
    [ENFILE] = {"ENFILE", "too many open files in system"},
    [EMFILE] = {"EMFILE", "too many open files"},
    [ENOTTY] = {"ENOTTY", "not a terminal"},
    [EFBIG] = {"EFBIG", "file too large"},
    [ENOSPC] = {"ENOSPC", "no space left"},
    [ESPIPE] = {"ESPIPE", "illegal seek"},
    [EROFS] = {"EROFS", "read-only"},
    [EMLINK] = {"EMLINK", "too many links"},
    [EPIPE] = {"EPIPE", "broken pipe"},
    [EDOM] = {"EDOM", "argument out of domain"},
    [ERANGE] = {"ERANGE", "result out of range"},
    [EDEADLK] = {"EDEADLK", "would deadlock"},
    [ENAMETOOLONG] = {"ENAMETOOLONG", "name too long"},
    [ENOLCK] = {"ENOLCK", "no locks available"},
    [ENOSYS] = {"ENOSYS", "function not implemented"},
    [ENOTEMPTY] = {"ENOTEMPTY", "directory not empty"},
    [ENODATA] = {"ENODATA", "no data available"},
    [ETIME] = {"ETIME", "timer expired"},
    [EPROTO] = {"EPROTO", "protocol error"},
    [EBADMSG] = {"EBADMSG", "bad message"},
    [EOVERFLOW] = {"EOVERFLOW", "value too large"},
    [EILSEQ] = {"EILSEQ", "illegal byte sequence"},
    [ENOTSOCK] = {"ENOTSOCK", "not a socket"},
    [EDESTADDRREQ] = {"EDESTADDRREQ", "destination address required"},
    [EMSGSIZE] = {"EMSGSIZE", "message too long"},
    [EOPNOTSUPP] = {"EOPNOTSUPP", "operation not supported"},
    [EPROTOTYPE] = {"EPROTOTYPE", "wrong protocol type for socket"},
    [ENOPROTOOPT] = {"ENOPROTOOPT", "protocol not available"},
    [EPROTONOSUPPORT] = {"EPROTONOSUPPORT", "protocol not supported"},
    [EAFNOSUPPORT] = {"EAFNOSUPPORT", "address family not supported"},
    [EADDRINUSE] = {"EADDRINUSE", "address in use"},
    [EADDRNOTAVAIL] = {"EADDRNOTAVAIL", "address not available"},
    [ENETDOWN] = {"ENETDOWN", "network is down"},
    [ENETUNREACH] = {"ENETUNREACH", "network unreachable"},
    [ECONNABORTED] = {"ECONNABORTED", "connection aborted"},
    [ECONNRESET] = {"ECONNRESET", "connection reset by peer"},
    [ENOBUFS] = {"ENOBUFS", "no buffer space"},
    [EISCONN] = {"EISCONN", "already connected"},
    [ENOTCONN] = {"ENOTCONN", "not connected"},
    [ESHUTDOWN] = {"ESHUTDOWN", "shut down"},
    [ETIMEDOUT] = {"ETIMEDOUT", "timed out"},
    [ECONNREFUSED] = {"ECONNREFUSED", "connection refused"},
    [EHOSTUNREACH] = {"EHOSTUNREACH", "host unreachable"},
    [EALREADY] = {"EALREADY", "already in progress"},
    [EINPROGRESS] = {"EINPROGRESS", "in progress"},
};

/* The table index of err (either sign), or 0 (an empty entry) when it has none. */
static unsigned int entry(int err)
{
    /* Callers pass both -ENOENT and ENOENT; unsigned arithmetic keeps INT_MIN defined. */
    unsigned int n = err < 0 ? 0u - (unsigned int)err : (unsigned int)err;

    return n < ARRAY_SIZE(names) && names[n].name ? n : 0;
}

const char *strerror_name(int err)
{
    unsigned int n = entry(err);

    return n ? names[n].name : "E?";
}

const char *strerror_desc(int err)
{
    unsigned int n = entry(err);

    return n ? names[n].desc : "unknown error";
}
