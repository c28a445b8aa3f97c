// renameat2 with RENAME_EXCHANGE swaps two paths atomically; glibc declares it only under
// _GNU_SOURCE, which Swift's Glibc module does not set. nftw (for removing a retired site) is
// declared there too, and not in Swift's Glibc module.
#ifndef HOTPATH_LINUX_RENAME_H
#define HOTPATH_LINUX_RENAME_H
#if defined(__linux__)
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <fcntl.h>
#include <ftw.h>
static inline int hotpath_exchange_paths(const char *first, const char *second) {
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}
static inline int hotpath_remove_entry(const char *path, const struct stat *status, int flag, struct FTW *walk) {
    (void)status; (void)flag; (void)walk;
    return remove(path);
}
// Removes a folder and everything in it, children first, links as links (never followed).
static inline int hotpath_remove_tree(const char *path) {
    return nftw(path, hotpath_remove_entry, 64, FTW_DEPTH | FTW_PHYS);
}
#else
#include <errno.h>
static inline int hotpath_exchange_paths(const char *first, const char *second) {
    errno = ENOSYS;
    return -1;
}
static inline int hotpath_remove_tree(const char *path) {
    (void)path;
    errno = ENOSYS;
    return -1;
}
#endif
#endif
