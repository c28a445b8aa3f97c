// glibc's mallopt and its parameters (M_MMAP_THRESHOLD, M_TRIM_THRESHOLD), which the Swift
// Glibc module does not export.
#include <malloc.h>
