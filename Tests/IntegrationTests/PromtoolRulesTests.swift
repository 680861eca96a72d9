import Foundation
import Testing

@testable import SLOKit

/// Generated rules are checked by the real promtool, not by our reading of its rules.
@Suite(.serialized) struct PromtoolRulesTests {
    /// Every valid spec the suite has: fixtures, golden specs and the project's own `slo/`.
    static func validSources() throws -> [[SourceFile]] {
        var groups = try Fixtures.files(in: "valid").map { [try Fixtures.source($0)] }
        groups += try GoldenTests.cases.map { [try Fixtures.source("golden/\($0)/spec.yaml")] }
        let own = Fixtures.repository.appendingPathComponent("slo")
        let names = try FileManager.default.contentsOfDirectory(atPath: own.path).filter { $0.hasSuffix(".yaml") }
        groups.append(
            try names.sorted().map {
                SourceFile(path: "slo/\($0)", bytes: [UInt8](try Data(contentsOf: own.appendingPathComponent($0))))
            })
        return groups
    }

    @Test func everyGeneratedRuleFilePassesPromtoolCheckRules() throws {
        let scratch = try ScratchFolder()
        var paths: [String] = []
        for (index, sources) in try Self.validSources().enumerated() {
            var options = Compiler.Options()
            options.formats = [.prometheus]
            let result = Compiler(options: options).compile(sources)
            #expect(!result.hasErrors, "\(sources.map(\.path)): \(result.diagnostics.map(\.message))")
            for file in result.files where file.path.hasSuffix("rules.yml") {
                paths.append(try scratch.write("\(index)/\(file.path)", file.contents))
            }
        }
        #expect(paths.count >= 25)
        let outcome = try Promtool.run(["check", "rules"] + paths)
        #expect(outcome.status == 0, "\(outcome.output.suffix(3000))")
    }

    /// The hand-written burn-rate cases of issue 4, against the committed golden rules.
    @Test func handWrittenAlertTestsPass() throws {
        let folder = Fixtures.root.appendingPathComponent("golden/selector-ratio").path
        let outcome = try Promtool.run(["test", "rules", "alerts.test.yml"], in: folder)
        #expect(outcome.status == 0, "\(outcome.output.suffix(3000))")
    }
}
