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
    static let mutations: [(String, String, String)] = [
        ("page 5m/1h threshold x1.5", "(14.4 * 0.001)", "(21.6 * 0.001)"),
        ("page 5m/1h threshold x0.5", "(14.4 * 0.001)", "(7.2 * 0.001)"),
        ("page 30m/6h threshold x1.5", "(6 * 0.001)", "(9 * 0.001)"),
        ("page 30m/6h threshold x0.5", "(6 * 0.001)", "(3 * 0.001)"),
        ("ticket 6h/3d threshold x1.5", "(1 * 0.001)", "(1.5 * 0.001)"),
        ("ticket 6h/3d threshold x0.5", "(1 * 0.001)", "(0.5 * 0.001)"),
        ("1h window doubled", "[1h:5m]", "[2h:5m]"),
        ("1h window halved", "[1h:5m]", "[30m:5m]"),
        ("6h window doubled", "[6h:5m]", "[12h:5m]"),
        ("6h window halved", "[6h:5m]", "[3h:5m]"),
        ("3d window doubled", "[3d:5m]", "[6d:5m]"),
        ("3d window halved", "[3d:5m]", "[1d12h:5m]"),
        (
            "fast page short window 5m -> 1h",
            "ratio_rate5m{slo_service=\"checkout\",slo_name=\"availability\"} > (14.4",
            "ratio_rate1h{slo_service=\"checkout\",slo_name=\"availability\"} > (14.4"
        ),
    ]

    @Test func everyMutationMakesTheGeneratedTestsFail() throws {
        let result = Compiler().compile([try Fixtures.source("golden/selector-ratio/spec.yaml")])
        let rules = try #require(result.files.first { $0.path.hasSuffix("/rules.yml") }).contents
        let tests = try #require(result.files.first { $0.path.hasSuffix("/rules.test.yml") }).contents
        let scratch = try ScratchFolder()
        var commands: [[String]] = []
        let original = try scratch.write("original/rules.test.yml", tests)
        try scratch.write("original/rules.yml", rules)
        commands.append(["test", "rules", original])
        for (index, mutation) in Self.mutations.enumerated() {
            #expect(rules.contains(mutation.1), "\(mutation.0): `\(mutation.1)` is not in the rules")
            let path = try scratch.write("m\(index)/rules.test.yml", tests)
            try scratch.write("m\(index)/rules.yml", rules.replacingOccurrences(of: mutation.1, with: mutation.2))
            commands.append(["test", "rules", path])
        }
        let outcomes = try Promtool.runParallel(commands)
        #expect(outcomes[0].status == 0, "the unmutated rules must pass:\n\(outcomes[0].output.suffix(2000))")
        for (mutation, outcome) in zip(Self.mutations, outcomes.dropFirst()) {
            #expect(outcome.status != 0, "mutation survived: \(mutation.0)")
        }
    }
}
