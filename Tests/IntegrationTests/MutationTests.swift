import Foundation
import Testing

@testable import SLOKit

/// The generated fire-tests can fail: changing one burn-rate threshold or window in the generated
/// rules (each tier tried, up and down) makes promtool reject them.
@Suite struct MutationTests {
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

    @Test func everyMutationMakesTheGeneratedTestsFail() async throws {
        let source = try Fixtures.source("golden/selector-ratio/spec.yaml")
        let result = Compiler().compile([source])
        let rules = try #require(result.files.first { $0.path.hasSuffix("/rules.yml") }).contents
        let tests = RuleTestFile(try #require(result.files.first { $0.path.hasSuffix("/rules.test.yml") }).contents)
        let service = try #require(Compiler().check([source]).models.first)
        let scratch = try ScratchFolder()
        #expect(tests.groups.count >= 5)
        var mutants: [(label: String, rules: String)] = []
        for mutation in Self.thresholds {
            #expect(rules.contains(mutation.1), "\(mutation.0): `\(mutation.1)` is not in the rules")
            mutants.append((mutation.0, rules.replacingOccurrences(of: mutation.1, with: mutation.2)))
        }
        for mutation in Self.windows {
            let mutated = Self.rules(service) { slo, record in
                guard record.record == SeriesNames.errorRatio(mutation.1) else { return record }
                var changed = record
                changed.expr = RuleExpressions.recordingText(RuleExpressions.errorRatio(slo, window: mutation.2))
                return changed
            }
            #expect(mutated != rules, "\(mutation.0) changed nothing")
            mutants.append((mutation.0, mutated))
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
