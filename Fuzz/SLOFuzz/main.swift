import FuzzDriver
import Glibc
@_spi(Fuzzing) import SLOKit

// One libFuzzer binary for every entry point in `FuzzEntryPoints`; SLO_FUZZ_TARGET picks one
// (`yaml`, `promql`, `compile` or `response`). A broken invariant aborts, which libFuzzer reports as a crash and
// keeps the input.

func selectedTarget() -> FuzzEntryPoints.Target {
    if let name = getenv("SLO_FUZZ_TARGET"), let target = FuzzEntryPoints.Target(rawValue: String(cString: name)) {
        return target
    }
    let names = FuzzEntryPoints.Target.allCases.map(\.rawValue).joined(separator: ", ")
    print("set SLO_FUZZ_TARGET to one of: \(names)")
    exit(64)
}

let target = selectedTarget()
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        if let problem = FuzzEntryPoints.run(target, bytes) { fatalError(problem) }
        return 0
    })
