import Foundation
import Testing

@testable import SLOKit

/// The generated fire-tests are run by the real promtool over every valid spec of the suite.
@Suite struct FireTestTests {
    /// A fire-test file written to disk beside its rules, with promtool's estimated time.
    struct Written {
        var test: String
        var estimatedSeconds: Double
    }

    /// Compiles each group of `sources` into `scratch/<index>/…` and returns the test files.
    static func compileTests(_ groups: [[SourceFile]], into scratch: ScratchFolder) throws -> [Written] {
        var written: [Written] = []
        for (index, sources) in groups.enumerated() {
            let result = Compiler().compile(sources)
            #expect(!result.hasErrors, "\(sources.map(\.path)): \(result.diagnostics.map(\.message))")
            let contents = Dictionary(result.files.map { ($0.path, $0.contents) }) { first, _ in first }
            for file in result.files {
                let path = try scratch.write("\(index)/\(file.path)", file.contents)
                guard file.path.hasSuffix("/rules.test.yml") else { continue }
                let rules = contents[file.path.replacingOccurrences(of: ".test.yml", with: ".yml")] ?? ""
                let estimate = RuleTestFile(file.contents).estimatedSeconds(rules: rules)
                written.append(Written(test: path, estimatedSeconds: estimate))
            }
        }
        return written
    }

    @Test func generatedTestsPassForEveryValidSpec() async throws {
        let scratch = try ScratchFolder()
        let tests = try Self.compileTests(try PromtoolRulesTests.validSources(), into: scratch)
        #expect(tests.count >= 25)
        let outcomes = try await Promtool.runAll(
            tests.map { ["test", "rules", $0.test] }, estimatedSeconds: tests.map(\.estimatedSeconds))
        for (test, outcome) in zip(tests, outcomes) {
            #expect(outcome.status == 0, "\(test.test):\n\(outcome.output.suffix(4000))")
        }
    }
}
