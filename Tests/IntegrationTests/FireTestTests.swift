import Foundation
import Testing

@testable import SLOKit

/// The generated fire-tests are run by the real promtool for every rule shape the valid specs have.
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
                guard file.path.hasSuffix("/rules.test.yml") || file.path.hasSuffix("/calendar.test.yml") else {
                    continue
                }
                let folder = (file.path as NSString).deletingLastPathComponent
                let rules = contents[folder + "/rules.yml"] ?? ""
                let estimate = RuleTestFile(file.contents).estimatedSeconds(rules: rules)
                written.append(Written(test: path, estimatedSeconds: estimate))
            }
        }
        return written
    }

    /// What decides the shape of an SLO's rules and fire-tests: SLI kind, window, budgeting,
    /// grouping, every window pair (and whether its threshold is reachable), and which simple
    /// alerts exist. Names, objectives and query text only change the numbers in the same shape.
    static func shape(_ slo: SLOModel) -> String {
        let kind = Mirror(reflecting: slo.sli).children.first?.label ?? "\(slo.sli)"
        let form: String
        switch slo.sli {
        case .errors(_, .selector), .good(_, .selector): form = "selector"
        case .errors, .good: form = "template"
        default: form = ""
        }
        let pairs = slo.alerting.tiers.map { tier in
            "\(tier.severity):"
                + tier.windows.map { "\($0.short)/\($0.long)\($0.factor * slo.errorBudget >= 1 ? "!" : "")" }
                .joined(separator: ",")
        }
        return [
            kind, form, "\(slo.window.spec)", "\(slo.budgeting)", slo.groupBy.isEmpty ? "" : "grouped",
            pairs.joined(separator: ";"), slo.alerting.budgetExhausted == nil ? "" : "exhausted",
            slo.alerting.noData == nil ? "" : "no-data",
        ].joined(separator: "|")
    }

    /// The valid specs whose SLOs add a rule shape no earlier spec had: the golden cases first
    /// (one per shape by design), then the other valid fixtures. Fixtures that only vary the YAML
    /// (anchors, flow style, quoting, block scalars) compile to shapes already tested, and
    /// `PromtoolRulesTests` still checks their rules; fire-testing each again would double the
    /// integration tier's promtool time without testing a new rule.
    static func specsWithNewShapes() throws -> (chosen: [[SourceFile]], shapes: Int, all: Int) {
        let golden = try Fixtures.goldenCases.map { [try Fixtures.source("golden/\($0)/spec.yaml")] }
        let all = golden + (try Fixtures.files(in: "valid").map { [try Fixtures.source($0)] })
        var seen = Set<String>()
        var chosen: [[SourceFile]] = []
        for sources in all {
            let models = SpecFrontEnd().models(sources, diagnostics: DiagnosticCollector())
            let shapes = models.flatMap(\.slos).map(shape)
            if shapes.contains(where: { !seen.contains($0) }) { chosen.append(sources) }
            seen.formUnion(shapes)
        }
        return (chosen, seen.count, all.count)
    }

    @Test func generatedTestsPassForEveryRuleShape() async throws {
        let scratch = try ScratchFolder()
        let (chosen, shapes, all) = try Self.specsWithNewShapes()
        #expect(all >= 25 && shapes >= 20, "\(all) specs, \(shapes) shapes")
        print("fire-testing \(chosen.count) of \(all) specs: \(shapes) shapes")
        let tests = try Self.compileTests(chosen, into: scratch)
        let outcomes = try await Promtool.runAll(
            tests.map { ["test", "rules", $0.test] }, estimatedSeconds: tests.map(\.estimatedSeconds))
        for (test, outcome) in zip(tests, outcomes) {
            #expect(outcome.status == 0, "\(test.test):\n\(outcome.output.suffix(4000))")
        }
    }
}
