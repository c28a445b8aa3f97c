// renameat2 with RENAME_EXCHANGE swaps two paths atomically, O_TMPFILE opens a file with no
// name yet, and posix_spawn_file_actions_addclosefrom_np closes a child's inherited descriptors;
// glibc declares them only under _GNU_SOURCE, which Swift's Glibc module does not set.
#ifndef HOTPATH_LINUX_RENAME_H
#define HOTPATH_LINUX_RENAME_H
#if defined(__linux__)
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <spawn.h>
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
// A spawned child closes every descriptor from `from` on: none of this process's files or
// pipes outlives it in a child that runs on after it (glibc 2.34 and later; else a no-op, and
// the descriptors Hotpath opens are close-on-exec anyway).
static inline int hotpath_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
#else
    return 0;
#endif
}
#else
#include <errno.h>
#include <spawn.h>
static inline int hotpath_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
    return 0;
}
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
