import Foundation
import Testing

@testable import SLOKit

/// Generated rules are checked by the real promtool, not by our reading of its rules.
@Suite struct PromtoolRulesTests {
    /// Every valid spec of the fixtures and golden cases, one compile each (the project's own
    /// `slo/` is tested from the committed `generated/`, see `OwnSpecTests`).
    static func validSources() throws -> [[SourceFile]] {
        try Fixtures.files(in: "valid").map { [try Fixtures.source($0)] }
            + Fixtures.goldenCases.map { [try Fixtures.source("golden/\($0)/spec.yaml")] }
    }

    @Test func everyGeneratedRuleFilePassesPromtoolCheckRules() async throws {
        let scratch = try ScratchFolder()
        var paths: [String] = []
        for (index, sources) in try (Self.validSources() + [Fixtures.ownSpecs()]).enumerated() {
            var options = Compiler.Options()
            options.formats = [.prometheus]
            let result = Compiler(options: options).compile(sources)
            #expect(!result.hasErrors, "\(sources.map(\.path)): \(result.diagnostics.map(\.message))")
            for file in result.files where file.path.hasSuffix("rules.yml") {
                paths.append(try scratch.write("\(index)/\(file.path)", file.contents))
            }
        }
        #expect(paths.count >= 25)
        let outcome = try await Promtool.run(["check", "rules"] + paths)
        #expect(outcome.status == 0, "\(outcome.output.suffix(3000))")
    }

    /// The hand-written burn-rate cases of issue 4, against the committed golden rules: hours at
    /// 1-minute evaluations, and the day-long cases at 5-minute ones (about 8 s of promtool).
    @Test(arguments: ["alerts.test.yml", "alerts-long.test.yml"])
    func handWrittenAlertTestsPass(file: String) async throws {
        let folder = Fixtures.root.appendingPathComponent("golden/selector-ratio").path
        let outcome = try await Promtool.run(["test", "rules", file], in: folder, estimatedSeconds: 6)
        #expect(outcome.status == 0, "\(outcome.output.suffix(3000))")
    }
}
