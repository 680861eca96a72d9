import Foundation
import Testing

@Suite struct CompileCommandTests {
    static let spec = ValidateCommandTests.good

    func inode(_ path: String) throws -> UInt64 {
        try (FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    @Test func compileWritesRulesAndRewritesNothingWhenUnchanged() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", Self.spec)
        let first = try await SLOProcess.run(["compile"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        let rules = folder.path + "/generated/orders-api/rules.yml"
        let contents = try String(contentsOfFile: rules, encoding: .utf8)
        #expect(contents.contains("alert: OrdersApiAvailabilityBudgetBurn"))
        let before = try inode(rules)
        let second = try await SLOProcess.run(["compile"], in: folder.path)
        #expect(second.stdout.contains("0 written, 5 unchanged"), "rules, tests, BUDGET.md, ALERTS.md, index.md")
        #expect(first.stdout.contains("fire-tests: 1 SLOs tested from raw metrics, 0 from recorded series"))
        #expect(try inode(rules) == before, "an unchanged file is not rewritten")
    }

    @Test func checkFailsWhenStaleAndPassesWhenCurrent() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", Self.spec)
        let missing = try await SLOProcess.run(["compile", "--check"], in: folder.path)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("new:     orders-api/rules.yml"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/generated"), "--check writes nothing")
        #expect(try await SLOProcess.run(["compile"], in: folder.path).status == 0)
        #expect(try await SLOProcess.run(["compile", "--check"], in: folder.path).status == 0)
        try folder.write("slo/orders.yaml", Self.spec.replacingOccurrences(of: "99.9", with: "99.5"))
        let changed = try await SLOProcess.run(["compile", "--check"], in: folder.path)
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("changed: orders-api/rules.yml"))
        try folder.write("generated/old-service/rules.yml", "groups: []\n")
        try folder.write("slo/orders.yaml", Self.spec)
        let stale = try await SLOProcess.run(["compile", "--check"], in: folder.path)
        #expect(stale.stderr.contains("stale:   old-service/rules.yml"))
        #expect(try await SLOProcess.run(["compile"], in: folder.path).status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/generated/old-service/rules.yml"))
    }

    @Test func anErrorWritesNothingAndKeepsTheOldOutput() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", Self.spec)
        #expect(try await SLOProcess.run(["compile"], in: folder.path).status == 0)
        let rules = folder.path + "/generated/orders-api/rules.yml"
        let before = try String(contentsOfFile: rules, encoding: .utf8)
        try folder.write("slo/second.yaml", "version: slo/v1\nservice: second\nslos: []\n")
        let failed = try await SLOProcess.run(["compile"], in: folder.path)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("[SLO207]"))
        #expect(try String(contentsOfFile: rules, encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/generated/second"))
    }

    @Test func reportsFolderIsPreservedAndOperatorFormatWritten() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", Self.spec)
        try folder.write("generated/reports/index.md", "# kept\n")
        let outcome = try await SLOProcess.run(
            ["compile", "--format", "prometheus", "--format", "prometheus-operator"], in: folder.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/generated/reports/index.md"))
        let operatorRules = try String(
            contentsOfFile: folder.path + "/generated/orders-api/prometheusrule.yml", encoding: .utf8)
        #expect(operatorRules.contains("kind: PrometheusRule"))
        #expect(try await SLOProcess.run(["compile", "--format", "nonsense"], in: folder.path).status == 64)
    }

    @Test func outputIsDeterministic() async throws {
        let a = try TemporaryFolder()
        let b = try TemporaryFolder()
        for folder in [a, b] {
            try folder.write("slo/orders.yaml", Self.spec)
            try folder.write("slo/more.yaml", Self.spec.replacingOccurrences(of: "orders-api", with: "more-api"))
            #expect(try await SLOProcess.run(["compile"], in: folder.path).status == 0)
        }
        for service in ["orders-api", "more-api"] {
            let left = try Data(contentsOf: URL(fileURLWithPath: a.path + "/generated/\(service)/rules.yml"))
            let right = try Data(contentsOf: URL(fileURLWithPath: b.path + "/generated/\(service)/rules.yml"))
            #expect(left == right)
            #expect(left.last == UInt8(ascii: "\n"))
        }
    }

    /// 200 SLOs of the benchmark's broad mix (`bench/gen_specs_broad.py`, 20 services each alone
    /// in its file, so each is read again as it renders). The limits only catch blow-ups: 500 MB
    /// is 10× the release build's 50 MB here (`bench/compile.sh` has the real targets). Then an
    /// error in the last file read: nothing of the new compile reaches the output folder.
    @Test func aBroadTreeCompilesWithinLimitsAndALateErrorWritesNothing() async throws {
        let folder = try TemporaryFolder()
        let generator = Fixtures.repository.appendingPathComponent("bench/gen_specs_broad.py").path
        let generated = try await ChildProcess.run("/usr/bin/python3", [generator, folder.path + "/slo", "20", "10"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let compiled = try await SLOProcess.run(
            ["compile", "slo", "-o", "out", "--format", "prometheus", "--format", "prometheus-operator"],
            in: folder.path)
        #expect(compiled.status == 0, "\(compiled.stderr)")
        #expect(compiled.stdout.contains("compiled 200 SLOs into out: 132 written"), "\(compiled.stdout)")
        #expect(compiled.peakMB < 500, "peak \(compiled.peakMB) MB")
        #expect((compiled.cpuSeconds ?? .infinity) < 60, "used \(compiled.cpuSeconds ?? -1) s of CPU")
        let catalog = try String(contentsOfFile: folder.path + "/out/ALERTS.md", encoding: .utf8)
        try folder.write("slo/zz-late.yaml", Self.spec.replacingOccurrences(of: "99.9", with: "100.5"))
        let failed = try await SLOProcess.run(["compile", "slo", "-o", "out"], in: folder.path)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("slo/zz-late.yaml:5:16"), "\(failed.stderr.prefix(400))")
        #expect(try String(contentsOfFile: folder.path + "/out/ALERTS.md", encoding: .utf8) == catalog)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix(".out.")
        }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
    }
}
