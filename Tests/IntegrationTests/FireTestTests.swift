import Foundation
import Testing

@testable import SLOKit

/// The generated fire-tests are run by the real promtool over every valid spec of the suite.
@Suite(.serialized) struct FireTestTests {
    /// Compiles `sources` into `folder/<index>/…` and returns the test files written.
    static func compileTests(_ groups: [[SourceFile]], into scratch: ScratchFolder) throws -> [String] {
        var tests: [String] = []
        for (index, sources) in groups.enumerated() {
            let result = Compiler().compile(sources)
            #expect(!result.hasErrors, "\(sources.map(\.path)): \(result.diagnostics.map(\.message))")
            for file in result.files {
                let path = try scratch.write("\(index)/\(file.path)", file.contents)
                if file.path.hasSuffix("rules.test.yml") { tests.append(path) }
            }
        }
        return tests
    }

    @Test func generatedTestsPassForEveryValidSpec() throws {
        #expect(Promtool.path != nil, "promtool is not installed: run scripts/test.sh")
        let scratch = try ScratchFolder()
        let tests = try Self.compileTests(try PromtoolRulesTests.validSources(), into: scratch)
        #expect(tests.count >= 25)
        for (test, outcome) in zip(tests, try Promtool.runParallel(tests.map { ["test", "rules", $0] })) {
            #expect(outcome.status == 0, "\(test):\n\(outcome.output.suffix(4000))")
        }
    }
}
