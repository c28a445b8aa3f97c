// libFuzzer's driver, reached only when the fuzz targets are built with `-sanitize=fuzzer`
// (`swift build --sanitize fuzzer`), which links libFuzzer in. Declared weak so that an ordinary
// build links without it: the fuzz targets then replay files instead (see Docs/fuzzing.md).
#ifndef HOTPATH_LIBFUZZER_H
#define HOTPATH_LIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

typedef int (*hotpath_fuzz_callback)(const uint8_t *data, size_t size);

extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size))
    __attribute__((weak));

/// Whether libFuzzer was linked in.
static inline int hotpath_libfuzzer_linked(void) { return LLVMFuzzerRunDriver != 0; }

/// Hands the process to libFuzzer with `callback` as the fuzz target.
static inline int hotpath_libfuzzer_run(int *argc, char ***argv, hotpath_fuzz_callback callback) {
    return LLVMFuzzerRunDriver(argc, argv, callback);
}
#endif
