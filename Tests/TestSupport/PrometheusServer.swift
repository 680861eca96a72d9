import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real Prometheus on 127.0.0.1 with backfilled history, for report tests. Tests that need it
/// fail (never skip) when the Debian package is missing.
public final class PrometheusServer: Sendable {
    public let port: Int
    public let process: RunningChild
    public var url: String { "http://127.0.0.1:\(port)" }

    public static func tool(_ name: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let candidates =
            (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" } + ["/usr/bin/\(name)"]
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "\(name) is not installed: run scripts/test.sh (it installs Debian's prometheus package)")
    }

    /// Writes OpenMetrics text into a TSDB folder with `promtool tsdb create-blocks-from openmetrics`.
    public static func backfill(_ openMetrics: String, into data: String, scratch: String) async throws {
        let input = (scratch as NSString).appendingPathComponent("history.om")
        try openMetrics.write(toFile: input, atomically: true, encoding: .utf8)
        let outcome = try await ChildProcess.run(
            try tool("promtool"),
            ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=744h", input, data],
            environment: Promtool.environment, combineOutput: true, cpuSeconds: 3)
        #expect(outcome.status == 0, "promtool backfill failed: \(outcome.stdout)")
        try? FileManager.default.removeItem(atPath: input)
    }

    /// Starts Prometheus on a free loopback port over `data` and waits until it is ready.
    public convenience init(data: String, scratch: String, rules: [String] = []) async throws {
        let config = (scratch as NSString).appendingPathComponent("prometheus.yml")
        var text = "global:\n  evaluation_interval: 1m\n"
        if !rules.isEmpty { text += "rule_files:\n" + rules.map { "  - \($0)\n" }.joined() }
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        try await self.init(config: config, data: data)
    }

    /// Starts Prometheus with a configuration file as it is (rule paths relative to it).
    public init(config: String, data: String) async throws {
        port = Self.freePort()
        process = try RunningChild([
            try Self.tool("prometheus"), "--config.file=\(config)", "--storage.tsdb.path=\(data)",
            "--web.listen-address=127.0.0.1:\(port)", "--storage.tsdb.retention.time=400d", "--log.level=warn",
        ])
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if Self.get(port: port, path: "/-/ready")?.hasPrefix("HTTP/1.1 200") == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        await process.stop()
        Issue.record("Prometheus did not become ready on 127.0.0.1:\(port) within 30 s")
        throw CancellationError()
    }

    public func stop() async { await process.stop() }

    /// A port the kernel just handed out on 127.0.0.1.
    public static func freePort() -> Int { LoopbackHTTP.freePort() }

    /// A minimal HTTP/1.1 GET on loopback (status line and body), nil when nothing answers.
    /// `version` "1.0" asks for a body that is not chunked (the server then closes after it).
    public static func get(port: Int, path: String, version: String = "1.1") -> String? {
        let request = "GET \(path) HTTP/\(version)\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        return LoopbackHTTP.exchange(port: port, Array(request.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }
}
