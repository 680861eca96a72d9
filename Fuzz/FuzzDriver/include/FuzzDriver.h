#ifndef SLO_FUZZ_DRIVER_H
#define SLO_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (in libclang_rt.fuzzer since LLVM 11). SwiftPM points an executable's `main`
/// at its main.swift on Linux, so libFuzzer's own `main` never runs: main.swift calls this.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
