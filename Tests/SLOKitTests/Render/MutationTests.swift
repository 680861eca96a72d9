import Foundation
import Testing

@testable import SLOKit

/// The generated fire-tests can fail: changing one burn-rate threshold or window in the generated
/// rules (each tier tried, up and down) makes promtool reject them.
@Suite(.serialized) struct MutationTests {
    /// `(label, find, replace)` applied to rules.yml of a 99.9% / 30d SLO.
    ///
    /// Not listed: the ticket tier's 2h/1d pair. It spends the same 10% budget share as 6h/3d over
    /// a shorter window, so whenever it fires 6h/3d fires too (and stays firing longer): no alert a
    /// test can observe changes when its threshold or window changes. The fire-tests say so in the
    /// header of rules.test.yml, and the README explains it.
    static let thresholds: [(String, String, String)] = [
        ("page 5m/1h threshold x1.5", "(14.4 * 0.001)", "(21.6 * 0.001)"),
        ("page 5m/1h threshold x0.5", "(14.4 * 0.001)", "(7.2 * 0.001)"),
        ("page 30m/6h threshold x1.5", "(6 * 0.001)", "(9 * 0.001)"),
        ("page 30m/6h threshold x0.5", "(6 * 0.001)", "(3 * 0.001)"),
        ("ticket 6h/3d threshold x1.5", "(1 * 0.001)", "(1.5 * 0.001)"),
        ("ticket 6h/3d threshold x0.5", "(1 * 0.001)", "(0.5 * 0.001)"),
        (
            "fast page short window 5m -> 1h",
            "ratio_rate5m{slo_service=\"checkout\",slo_name=\"availability\"} > (14.4",
            "ratio_rate1h{slo_service=\"checkout\",slo_name=\"availability\"} > (14.4"
        ),
    ]

    /// `(label, recorded window, the window its rule computes instead)`: the recording keeps its
    /// name, so the alerts read the wrong window.
    static let windows: [(String, DurationValue, DurationValue)] = [
        ("1h window doubled", .hours(1), .hours(2)),
        ("1h window halved", .hours(1), .minutes(30)),
        ("6h window doubled", .hours(6), .hours(12)),
        ("6h window halved", .hours(6), .hours(3)),
        ("3d window doubled", .days(3), .days(6)),
        ("3d window halved", .days(3), .hours(36)),
    ]

    @Test func everyMutationMakesTheGeneratedTestsFail() throws {
        let source = try Fixtures.source("golden/selector-ratio/spec.yaml")
        let result = Compiler().compile([source])
        let rules = try #require(result.files.first { $0.path.hasSuffix("/rules.yml") }).contents
        let tests = try #require(result.files.first { $0.path.hasSuffix("/rules.test.yml") }).contents
        let service = try #require(Compiler().check([source]).models.first)
        let scratch = try ScratchFolder()
        var commands: [[String]] = []
        func add(_ name: String, rules text: String) throws {
            let path = try scratch.write("\(name)/rules.test.yml", tests)
            try scratch.write("\(name)/rules.yml", text)
            commands.append(["test", "rules", path])
        }
        try add("original", rules: rules)
        for (index, mutation) in Self.thresholds.enumerated() {
            #expect(rules.contains(mutation.1), "\(mutation.0): `\(mutation.1)` is not in the rules")
            try add("t\(index)", rules: rules.replacingOccurrences(of: mutation.1, with: mutation.2))
        }
        for (index, mutation) in Self.windows.enumerated() {
            let mutated = Self.rules(service) { slo, record in
                guard record.record == SeriesNames.errorRatio(mutation.1) else { return record }
                var changed = record
                changed.expr = RuleExpressions.recordingText(RuleExpressions.errorRatio(slo, window: mutation.2))
                return changed
            }
            #expect(mutated != rules, "\(mutation.0) changed nothing")
            try add("w\(index)", rules: mutated)
        }
        let outcomes = try Promtool.runParallel(commands)
        #expect(outcomes[0].status == 0, "the unmutated rules must pass:\n\(outcomes[0].output.suffix(2000))")
        let labels = Self.thresholds.map(\.0) + Self.windows.map(\.0)
        for (label, outcome) in zip(labels, outcomes.dropFirst()) {
            #expect(outcome.status != 0, "mutation survived: \(label)")
        }
    }

    /// The service's rule file with each recording passed through `change`.
    static func rules(_ service: ServiceModel, _ change: (SLOModel, RecordingRulePlan) -> RecordingRulePlan) -> String {
        let groups = service.slos.map { slo in
            var group = planRuleGroup(slo)
            group.rules = group.rules.map { rule in
                if case .record(let record) = rule { return .record(change(slo, record)) }
                return rule
            }
            return group
        }
        return renderRuleFile(RuleFilePlan(groups: groups), source: ruleSource(service))
    }
}
