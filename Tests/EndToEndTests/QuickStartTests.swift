// tier: integration
import Foundation
import Testing

/// The README's quick start, run as written: each block is taken from the README by its
/// `<!-- quickstart: NAME -->` marker (as `ReadmeExcerptTests` takes excerpts), so the README
/// cannot drift from what works. The shell blocks run in bash with the built `slo` first on
/// `PATH`; the `prometheus.yml` block is the configuration of a real Prometheus; amtool routes
/// every generated alert with the `alertmanager.yml` block; `kubectl` is a
/// stand-in that checks it is given a `PrometheusRule`; the report runs against that Prometheus,
/// its address put in place of `http://localhost:9090`.
@Suite struct QuickStartTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The body of the fenced block right after `<!-- quickstart: name -->`.
    static func block(_ name: String) throws -> String {
        let lines = try String(contentsOf: readme, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let marker = try #require(lines.firstIndex(of: "<!-- quickstart: \(name) -->"), "README lacks \(name)")
        #expect(lines[marker + 1].hasPrefix("```"))
        let body = lines[(marker + 2)...].prefix { !$0.hasPrefix("```") }
        return body.joined(separator: "\n") + "\n"
    }

    /// Runs a shell block in `folder` with `slo` and the stand-ins on `PATH`.
    static func shell(_ script: String, in folder: String, path: String) async throws -> ChildProcess.Outcome {
        try await ChildProcess.run(
            "/usr/bin/env", ["PATH=\(path)", "bash", "-euo", "pipefail", "-c", "cd \"$0\"\n" + script, folder],
            combineOutput: true)
    }

    /// Each alert rule's `severity` and `slo_severity` labels, read line by line from a generated
    /// rules.yml (labels are written sorted, so `severity` comes before `slo_severity`).
    static func alertTiers(_ rules: String) -> [(severity: String, tier: String)] {
        var tiers: [(severity: String, tier: String)] = []
        var severity: String?
        for line in rules.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("- alert: ") || text.hasPrefix("- record: ") { severity = nil }
            if text.hasPrefix("severity: ") { severity = String(text.dropFirst("severity: ".count)) }
            if text.hasPrefix("slo_severity: "), let current = severity {
                tiers.append((current, String(text.dropFirst("slo_severity: ".count))))
            }
        }
        return tiers
    }

    @Test func theQuickStartWorksAsWritten() async throws {
        let folder = try TemporaryFolder()
        let stubs = try folder.write(
            "stubs/kubectl",
            """
            #!/bin/sh
            # kubectl apply -f FILE, where FILE must be a PrometheusRule object.
            [ "$1" = apply ] && [ "$2" = -f ] && grep -q '^kind: PrometheusRule$' "$3" && echo "applied $3"

            """)
        chmod(stubs, 0o755)
        let slo = URL(fileURLWithPath: SLOProcess.executable).deletingLastPathComponent().path
        let path = "\(folder.path)/stubs:\(slo):\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")"

        let setup = try await Self.shell(
            try Self.block("setup") + Self.block("spec") + Self.block("promtool"), in: folder.path, path: path)
        #expect(setup.status == 0, "setup, spec and promtool blocks:\n\(setup.stdout)")
        #expect(setup.stdout.contains("1 file, 2 SLOs: no problems"))
        #expect(setup.stdout.contains("SUCCESS"), "promtool ran the fire-tests")
        let project = folder.path + "/shop-slos"
        #expect(FileManager.default.fileExists(atPath: project + "/generated/checkout/rules.yml"))

        let applied = try await Self.shell(try Self.block("operator"), in: project, path: path)
        #expect(applied.status == 0, "kubectl block:\n\(applied.stdout)")

        // The route block, with its two receivers, sends every page to `pager` and the rest to `tickets`.
        let route = project + "/alertmanager.yml"
        try (Self.block("alertmanager.yml") + "receivers:\n  - name: pager\n  - name: tickets\n").write(
            toFile: route, atomically: true, encoding: .utf8)
        let amtool = try PrometheusServer.tool("amtool")
        let checked = try await ChildProcess.run(amtool, ["check-config", route], combineOutput: true)
        #expect(checked.status == 0, "\(checked.stdout)")
        let tiers = try Self.alertTiers(
            String(contentsOfFile: project + "/generated/checkout/rules.yml", encoding: .utf8))
        #expect(Set(tiers.map(\.tier)) == ["page", "ticket", "budget-exhausted", "no-data"], "\(tiers)")
        for (severity, tier) in Set(tiers.map { [$0.severity, $0.tier] }).map({ ($0[0], $0[1]) }) {
            let receiver = tier == "page" ? "pager" : "tickets"
            let routed = try await ChildProcess.run(
                amtool,
                [
                    "config", "routes", "test", "--config.file=\(route)", "--verify.receivers=\(receiver)",
                    "severity=\(severity)", "slo_severity=\(tier)",
                ], combineOutput: true)
            #expect(routed.status == 0, "a \(tier) alert (severity \(severity)) goes to \(receiver): \(routed.stdout)")
        }

        try Self.block("prometheus.yml").write(toFile: project + "/prometheus.yml", atomically: true, encoding: .utf8)
        let server = try await PrometheusServer(config: project + "/prometheus.yml", data: folder.path + "/data")
        let rules = PrometheusServer.get(port: server.port, path: "/api/v1/rules") ?? ""
        #expect(rules.contains("slo-checkout-availability"), "Prometheus loaded the rules: \(rules.prefix(300))")

        let report = try Self.block("report")
        #expect(report.contains("http://localhost:9090"))
        let reported = try await Self.shell(
            report.replacingOccurrences(of: "http://localhost:9090", with: server.url), in: project, path: path)
        #expect(reported.status == 0, "report block:\n\(reported.stdout)")
        #expect(FileManager.default.fileExists(atPath: project + "/generated/reports/index.html"))
        #expect(FileManager.default.fileExists(atPath: project + "/generated/reports/checkout.md"))
        await server.stop()  // on a thrown error, the server's deinit kills it
    }
}
