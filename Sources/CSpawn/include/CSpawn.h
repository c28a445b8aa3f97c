#ifndef HOTPATH_CSPAWN_H
#define HOTPATH_CSPAWN_H

// Adds to `actions` (a posix_spawn_file_actions_t) that the child closes every descriptor from
// `from` on, so none of this process's files or pipes outlives it in a child that runs on after
// it. glibc 2.34 and later; elsewhere it adds nothing and returns 0 (the descriptors Hotpath
// opens are close-on-exec anyway). Compiled in its own C file: glibc declares the function only
// under _GNU_SOURCE, which changes `fd_set` in a header Swift's other C modules see without it.
int hotpath_spawn_close_from(void *actions, int from);

#endif
