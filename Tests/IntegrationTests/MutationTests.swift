import Foundation
import Testing

@testable import SLOKit

/// The generated fire-tests can fail: changing one burn-rate threshold or window in the generated
/// rules (each tier tried, up and down) makes promtool reject them. The page tier is mutated in a
/// 99.9% / 30d SLO; the ticket tier in a 99% / 7d one, whose ticket scenario proves its 17-hour
/// window with 17 hours of history instead of the 30-day ticket's three days (the same tiles and
/// levels, a quarter of promtool's steps).
@Suite struct MutationTests {
    /// One golden case and the mutations tried on its rules.
    struct Case: Sendable {
        var golden: String
        /// `(label, find, replace)` applied to rules.yml.
        var thresholds: [(String, String, String)]
        /// `(label, recorded window, the window its rule computes instead)`: the recording keeps
        /// its name, so the alerts read the wrong window.
        var windows: [(String, DurationValue, DurationValue)]
    }

    /// Not listed: the 30-day ticket tier's 2h/1d pair. It spends the same 10% budget share as
    /// 6h/3d over a shorter window, so whenever it fires 6h/3d fires too (and stays firing
    /// longer): no alert a test can observe changes when its threshold or window changes. The
    /// fire-tests say so in the header of rules.test.yml, and the README explains it. The same
    /// holds for the 7-day ticket tier's 30m/6h pair.
    static let cases: [Case] = [
        Case(
            golden: "selector-ratio",
            thresholds: [
                ("page 5m/1h threshold x1.5", "(14.4 * 0.001)", "(21.6 * 0.001)"),
                ("page 5m/1h threshold x0.5", "(14.4 * 0.001)", "(7.2 * 0.001)"),
                ("page 30m/6h threshold x1.5", "(6 * 0.001)", "(9 * 0.001)"),
                ("page 30m/6h threshold x0.5", "(6 * 0.001)", "(3 * 0.001)"),
                (
                    "fast page short window 5m -> 1h",
                    "ratio_rate5m{slo_service=\"checkout\",slo_name=\"availability\"} > (14.4",
                    "ratio_rate1h{slo_service=\"checkout\",slo_name=\"availability\"} > (14.4"
                ),
            ],
            windows: [
                ("1h window doubled", .hours(1), .hours(2)),
                ("1h window halved", .hours(1), .minutes(30)),
                ("6h window doubled", .hours(6), .hours(12)),
                ("6h window halved", .hours(6), .hours(3)),
            ]),
        Case(
            golden: "window-7d",
            thresholds: [
                ("ticket 1h/17h threshold x1.5", "(0.988235294118 * 0.01)", "(1.482352941177 * 0.01)"),
                ("ticket 1h/17h threshold x0.5", "(0.988235294118 * 0.01)", "(0.494117647059 * 0.01)"),
            ],
            windows: [
                ("17h window doubled", .hours(17), .hours(34)),
                ("17h window halved", .hours(17), .minutes(510)),
            ]),
    ]

    @Test(arguments: cases.indices)
    func everyMutationMakesTheGeneratedTestsFail(index: Int) async throws {
        let mutation = Self.cases[index]
        let source = try Fixtures.source("golden/\(mutation.golden)/spec.yaml")
        let result = Compiler().compile([source])
        let rules = try #require(result.files.first { $0.path.hasSuffix("/rules.yml") }).contents
        let tests = RuleTestFile(try #require(result.files.first { $0.path.hasSuffix("/rules.test.yml") }).contents)
        let service = try #require(Compiler().check([source]).models.first)
        let scratch = try ScratchFolder()
        #expect(tests.groups.count >= 5)
        var mutants: [(label: String, rules: String)] = []
        for threshold in mutation.thresholds {
            #expect(rules.contains(threshold.1), "\(threshold.0): `\(threshold.1)` is not in the rules")
            mutants.append((threshold.0, rules.replacingOccurrences(of: threshold.1, with: threshold.2)))
        }
        for window in mutation.windows {
            let mutated = Self.rules(service) { slo, record in
                guard record.record == SeriesNames.errorRatio(window.1) else { return record }
                var changed = record
                changed.expr = RuleExpressions.recordingText(RuleExpressions.errorRatio(slo, window: window.2))
                return changed
            }
            #expect(mutated != rules, "\(window.0) changed nothing")
            mutants.append((window.0, mutated))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let failing = try await Self.firstFailingGroup(
                    rules: rules, tests: tests, in: scratch.path + "/original")
                #expect(failing == nil, "the unmutated rules must pass:\n\(failing?.output.suffix(2000) ?? "")")
            }
            for (index, mutant) in mutants.enumerated() {
                group.addTask {
                    let failing = try await Self.firstFailingGroup(
                        rules: mutant.rules, tests: tests, in: scratch.path + "/m\(index)")
                    #expect(failing != nil, "mutation survived: \(mutant.label)")
                }
            }
            try await group.waitForAll()
        }
    }

    /// Runs the test groups one at a time, cheapest first, and stops at the first that fails.
    ///
    /// A mutation is caught when any group fails, exactly as when promtool runs the whole file;
    /// most are caught by a page scenario of a few hours, so the three-day ticket scenario, which
    /// costs nine tenths of the file, runs only for the mutations that need it.
    static func firstFailingGroup(rules: String, tests: RuleTestFile, in folder: String) async throws
        -> Promtool.Outcome?
    {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try rules.write(toFile: folder + "/rules.yml", atomically: false, encoding: .utf8)
        let order = tests.groups.indices.sorted {
            tests.estimatedSeconds(ofGroup: $0, rules: rules) < tests.estimatedSeconds(ofGroup: $1, rules: rules)
        }
        for index in order {
            let path = folder + "/group-\(index).test.yml"
            try tests.file(ofGroup: index).write(toFile: path, atomically: false, encoding: .utf8)
            let outcome = try await Promtool.run(
                ["test", "rules", path], estimatedSeconds: tests.estimatedSeconds(ofGroup: index, rules: rules))
            if outcome.status != 0 { return outcome }
        }
        return nil
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
