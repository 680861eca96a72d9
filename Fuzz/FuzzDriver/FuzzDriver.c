// The declaration in FuzzDriver.h, and the stub below; SwiftPM needs one source file.
#include "FuzzDriver.h"

// libFuzzer's own `main` (replaced by SwiftPM's entry point) names this symbol, and a debug link,
// which keeps more of libclang_rt.fuzzer than a release link, fails without it. Nothing calls it:
// main.swift hands its callback to LLVMFuzzerRunDriver.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    (void)data;
    (void)size;
    return 0;
}
