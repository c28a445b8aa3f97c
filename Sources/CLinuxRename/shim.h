// renameat2 with RENAME_EXCHANGE swaps two paths atomically, and O_TMPFILE opens a file with
// no name yet; glibc declares both only under _GNU_SOURCE, which Swift's Glibc module does not set.
#ifndef HOTPATH_LINUX_RENAME_H
#define HOTPATH_LINUX_RENAME_H
#if defined(__linux__)
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
static inline int hotpath_exchange_paths(const char *first, const char *second) {
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}
// A new file in `folder`, open for writing, with no name until linkat gives it one.
static inline int hotpath_open_unnamed(const char *folder, unsigned int mode) {
#ifdef O_TMPFILE
    return open(folder, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
#else
    errno = EOPNOTSUPP;
    return -1;
#endif
}
#else
#include <errno.h>
static inline int hotpath_exchange_paths(const char *first, const char *second) {
    errno = ENOSYS;
    return -1;
}
static inline int hotpath_open_unnamed(const char *folder, unsigned int mode) {
    errno = ENOSYS;
    return -1;
}
#endif
#endif
