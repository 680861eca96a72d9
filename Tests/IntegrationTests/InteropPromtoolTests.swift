import Foundation
import Testing

@testable import SLOKit

/// What other tools' specs compile to passes the real promtool: the rules of every Sloth input
/// (`../shared/anchors/sloth`) and of the OpenSLO v1 example, and the fire-tests of every Sloth input.
@Suite struct InteropPromtoolTests {
    /// Every Sloth input of its test data and examples but the one with an invalid version (the
    /// fast tier's `SlothInteropTests.everySlothInputIsCovered` pins the same list).
    static var slothInputs: [String] {
        (Fixtures.anchorFiles(in: "sloth/testdata") + Fixtures.anchorFiles(in: "sloth/examples")).filter {
            !$0.hasSuffix(".tpl") && !$0.contains("/out-") && !$0.hasSuffix("/in-invalid-version.yaml")
        }
    }

    static func compile(_ sources: [SourceFile], rulesOnly: Bool) -> Compiler.Result {
        var options = Compiler.Options()
        if rulesOnly { options.formats = [.prometheus] }
        return Compiler(options: options).compile(sources)
    }

    @Test(.needsAnchors) func slothRulesPassPromtoolCheckRules() async throws {
        let scratch = try ScratchFolder()
        var paths: [String] = []
        for (index, input) in Self.slothInputs.enumerated() {
            let result = Self.compile([try Fixtures.anchor(input)], rulesOnly: true)
            #expect(!result.hasErrors, "\(input): \(result.diagnostics.map(\.message))")
            for file in result.files where file.path.hasSuffix("rules.yml") {
                paths.append(try scratch.write("\(index)/\(file.path)", file.contents))
            }
        }
        #expect(paths.count == 9)
        let outcome = try await Promtool.run(["check", "rules"] + paths)
        #expect(outcome.status == 0, "\(outcome.output.suffix(3000))")
    }

    /// Every Sloth input that compiles passes its own fire-tests (issue 16: `home-wifi`'s recorded
    /// inputs once collided with a recording that falls back to `vector(0)`): every short group,
    /// and the long groups once per tile shape (``FireTestTests/compileGroups(_:into:)``).
    @Test(.needsAnchors) func slothFireTestsPass() async throws {
        let scratch = try ScratchFolder()
        let specs = try Self.slothInputs.map { FireTestTests.rulesOnly.check([try Fixtures.anchor($0)]) }
        let selection = try FireTestTests.compileGroups(specs, into: scratch)
        let folders = Set(selection.runs.map { URL(fileURLWithPath: $0.test).deletingLastPathComponent().path })
        #expect(folders.count == 9, "\(folders.count) fire-test files")
        try await FireTestTests.runAndExpectPass(selection.runs)
    }

    @Test func openSLOV1ExampleRulesPassPromtoolCheckRules() async throws {
        let result = Self.compile(
            [
                SourceFile(path: "slos.yaml", text: OpenSLOV1Example.service),
                SourceFile(path: "shared.yaml", text: OpenSLOV1Example.shared),
            ], rulesOnly: true)
        #expect(!result.hasErrors, "\(result.diagnostics.map { "\($0.location): \($0.message)" })")
        let rules = try #require(result.files.first { $0.path == "checkout/rules.yml" }).contents
        let scratch = try ScratchFolder()
        let outcome = try await Promtool.run(["check", "rules", try scratch.write("rules.yml", rules)])
        #expect(outcome.status == 0, "\(outcome.output)")
    }
}
