// renameat2 with RENAME_EXCHANGE swaps two paths atomically; glibc declares it only under
// _GNU_SOURCE, which Swift's Glibc module does not set.
#ifndef HOTPATH_LINUX_RENAME_H
#define HOTPATH_LINUX_RENAME_H
#if defined(__linux__)
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <fcntl.h>
static inline int hotpath_exchange_paths(const char *first, const char *second) {
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}
#else
#include <errno.h>
static inline int hotpath_exchange_paths(const char *first, const char *second) {
    errno = ENOSYS;
    return -1;
}
#endif
#endif
