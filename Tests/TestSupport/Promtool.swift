import Foundation
import Testing

/// The real `promtool`; tests that need it fail (never skip) when it is missing.
public enum Promtool {
    public static var path: String? {
        let environment = ProcessInfo.processInfo.environment
        let candidates =
            [environment["PROMTOOL"]].compactMap { $0 }
            + (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/promtool" }
            + ["/usr/bin/promtool", "/usr/local/bin/promtool"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public struct Outcome: Sendable {
        public var status: Int32
        /// stdout and stderr together, as promtool wrote them.
        public var output: String
    }

    /// Runs one promtool command in a ``ProcessSlots`` slot (`estimatedSeconds` decides when it
    /// starts among waiting commands: longest first).
    public static func run(
        _ arguments: [String], in directory: String? = nil, estimatedSeconds: Double = 1
    ) async throws -> Outcome {
        let path = try #require(
            path, "promtool is not installed: run scripts/test.sh (it installs Debian's prometheus package)")
        let outcome = try await ChildProcess.run(
            path, arguments, in: directory, environment: environment, combineOutput: true,
            cpuSeconds: estimatedSeconds)
        return Outcome(status: outcome.status, output: outcome.stdout)
    }

    /// Runs every command, as many at once as there are slots; outcomes in the order given.
    public static func runAll(_ commands: [[String]], estimatedSeconds: [Double]? = nil) async throws -> [Outcome] {
        try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
            for (index, command) in commands.enumerated() {
                let estimate = estimatedSeconds?[index] ?? 1
                group.addTask { (index, try await run(command, estimatedSeconds: estimate)) }
            }
            var outcomes = [Outcome?](repeating: nil, count: commands.count)
            for try await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes.map { $0! }
        }
    }

    /// Go's collector runs less often (GOGC=400; the default is 100). promtool's rule tests
    /// allocate briskly and live briefly, so collection was a fifth of their CPU time; the price
    /// is about twice the memory (about 250 MB instead of 120 MB for the largest test files).
    static let environment = ["GOGC": "400"]
}
