import Foundation
import Testing

@testable import SLOKit

/// Committed spec → committed expected files. Re-record with `SLO_RECORD_GOLDEN=1 swift test`.
@Suite struct GoldenTests {
    static let cases = Fixtures.goldenCases

    static var recording: Bool { ProcessInfo.processInfo.environment["SLO_RECORD_GOLDEN"] == "1" }

    static func compile(_ name: String) throws -> Compiler.Result {
        var options = Compiler.Options()
        if name == "operator-format" { options.formats = [.prometheus, .prometheusOperator] }
        if name == "scale-out" {
            options.formats = [.mimir, .thanos, .vmalert, .vmrule]
            options.ruleGroups.limit = 1000
            options.ruleGroups.queryOffset = .minutes(1)
            options.ruleGroups.labels = ["cluster": "eu-1"]
            options.ruleGroups.sourceTenants = ["team-a", "team-b"]
            options.ruleGroups.partialResponseStrategy = "warn"
        }
        return Compiler(options: options).compile([try Fixtures.source("golden/\(name)/spec.yaml")])
    }

    @Test func coversEveryRequiredShape() {
        let required = [
            "selector-ratio", "full-promql", "error-ratio", "latency", "timeslice", "group-by", "window-28d",
            "window-7d", "calendar-month", "tier-disabled", "operator-format", "sla-month", "scale-out",
        ]
        #expect(Set(required).isSubset(of: Set(Self.cases)))
    }

    @Test(arguments: cases)
    func outputMatchesCommittedFiles(name: String) throws {
        let result = try Self.compile(name)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let expected = Fixtures.root.appendingPathComponent("golden/\(name)/expected")
        if Self.recording {
            try? FileManager.default.removeItem(at: expected)
            for file in result.files {
                let url = expected.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
            return
        }
        let committed =
            FileManager.default.enumerator(atPath: expected.path)?.compactMap { $0 as? String }
            .filter { !$0.hasSuffix("/") && !isDirectory(expected.appendingPathComponent($0)) }.sorted() ?? []
        #expect(committed == result.files.map(\.path).sorted(), "file list differs; re-record if intended")
        for file in result.files {
            let want = (try? String(contentsOf: expected.appendingPathComponent(file.path), encoding: .utf8)) ?? ""
            if want != file.contents {
                Issue.record("\(name)/\(file.path) differs from golden:\n\(firstDifference(want, file.contents))")
            }
        }
    }

    /// Services rendered on several threads reach the output in the same order with the same
    /// bytes as on one thread: all golden specs compiled together, both ways.
    @Test func threadsDoNotChangeTheOutput() throws {
        let sources = try Self.cases.map { try Fixtures.source("golden/\($0)/spec.yaml") }
        var options = Compiler.Options()
        options.formats = [.prometheus, .prometheusOperator]
        let single = Compiler(options: options).compile(sources)
        options.jobs = 4
        let threaded = Compiler(options: options).compile(sources)
        #expect(!single.hasErrors)
        #expect(single.files.count > 3 * Self.cases.count)
        #expect(threaded.files == single.files)
        #expect(threaded.fireTests.fromRawMetrics == single.fireTests.fromRawMetrics)
        #expect(threaded.fireTests.fromRecordings == single.fireTests.fromRecordings)
    }

    private func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }

    private func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<end>"
            let right = index < b.count ? String(b[index]) : "<end>"
            if left != right { return "line \(index + 1):\n- \(left)\n+ \(right)" }
        }
        return "(identical lines, different bytes)"
    }
}
