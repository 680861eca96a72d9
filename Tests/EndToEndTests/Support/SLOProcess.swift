import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `slo` binary as a user would, and measures it: exit status, output, wall time and
/// peak resident memory (its own, measured by GNU time: see `PeakMemory`).
enum SLOProcess {
    typealias Outcome = ChildProcess.Outcome

    /// The `slo` executable next to the test bundle (both live in the build products folder).
    static var executable: String {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidate = products
        // swift-testing may run from inside the .xctest bundle on some platforms.
        for _ in 0..<4 {
            let path = candidate.appendingPathComponent("slo").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
            candidate = candidate.deletingLastPathComponent()
        }
        return products.appendingPathComponent("slo").path
    }

    /// Starts `slo` without waiting (output discarded); the caller kills it and waits with
    /// `ChildProcess.exitStatus(of:)`. The pid is slo's own, so SIGKILL reaches slo itself.
    static func start(_ arguments: [String], in directory: String) throws -> pid_t {
        try ChildProcess.spawn([executable] + arguments, in: directory)
    }

    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:])
        async throws -> Outcome
    {
        try await ChildProcess.run(
            executable, arguments, in: directory, environment: environment, measureMemory: true)
    }
}

extension ChildProcess.Outcome {
    /// The peak memory measured for every `slo` run (infinite if, impossibly, it is missing, so
    /// that a limit fails rather than passes).
    var peakMB: Double { peakMemoryMB ?? .infinity }
}
