import Foundation
import Testing

@testable import SLOKit

/// The generated fire-tests are run by the real promtool for every rule shape the valid specs have.
@Suite struct FireTestTests {
    /// One test group of a generated fire-test file, written on its own beside the file's rules:
    /// promtool runs each group from time 0 by itself, so the groups one by one pass exactly when
    /// the whole file passes, and two slots share the work more evenly than whole files would.
    struct GroupRun {
        var test: String
        var estimatedSeconds: Double
    }

    /// The groups to run and how many long ones were left out (see ``compileGroups``).
    struct Selection {
        var runs: [GroupRun] = []
        var skippedLong = 0
        var tileShapes = 0
    }

    /// A group whose last evaluation lies past this many seconds runs a day or more of rule
    /// evaluations: the tickets of multi-day windows, the just-below history, budget exhaustion.
    static let longScenario = 86_400.0

    /// Rules and fire-tests only: the documents are not what these tests run.
    static let rulesOnly: Compiler = {
        var options = Compiler.Options()
        options.formats = [.prometheus]
        return Compiler(options: options)
    }()

    /// Renders each checked spec into `scratch/<index>/…` and splits its fire-tests into groups.
    /// Short groups always run. Long groups exercise the windows' tiles and levels over days,
    /// and those rules read only the recorded 5-minute series, whatever the SLI: so a long group
    /// runs only when it tests the first SLO of a ``tileShape(_:)`` (or reads across SLOs). The
    /// short groups of every SLO still prove its SLI's own recordings.
    /// `tested` holds tile shapes whose long groups run elsewhere in the tier.
    static func compileGroups(
        _ specs: [Compiler.Checked], into scratch: ScratchFolder, tested: Set<String> = []
    ) throws -> Selection {
        var selection = Selection()
        var seenTiles = tested
        for (index, checked) in specs.enumerated() {
            #expect(!checked.hasErrors, "\(checked.diagnostics.map(\.message))")
            // `service/slo` of the first SLO of each tile shape: only their long groups run.
            var newTiles = Set<String>()
            for service in checked.models {
                for slo in service.slos where seenTiles.insert(tileShape(slo)).inserted {
                    newTiles.insert("\(service.name)/\(slo.name)")
                }
            }
            var files: [OutputFile] = []
            _ = rulesOnly.render(checked) { files.append($0) }
            let contents = Dictionary(files.map { ($0.path, $0.contents) }) { first, _ in first }
            for file in files {
                _ = try scratch.write("\(index)/\(file.path)", file.contents)
            }
            for file in files where file.path.hasSuffix("/rules.test.yml") || file.path.hasSuffix("/calendar.test.yml")
            {
                let rules = contents[(file.path as NSString).deletingLastPathComponent + "/rules.yml"] ?? ""
                let tests = RuleTestFile(file.contents)
                let service = String(file.path.prefix { $0 != "/" })
                // Calendar groups step a day at a time: months of history for the price of hours.
                // The scenarios of rules.test.yml run without the calendar groups (see
                // `RuleTestFile.sloGroupsOnly`); calendar.test.yml runs the whole file.
                let calendar = file.path.hasSuffix("/calendar.test.yml")
                let sloRules = calendar ? rules : RuleTestFile.sloGroupsOnly(rules)
                let groups = RuleGroupsFile(sloRules)
                for group in tests.groups.indices {
                    if tests.lastEvaluation(ofGroup: group) > longScenario && !calendar {
                        let tested = groups.sloNames(testedBy: tests.groups[group]).map {
                            Set($0.map { "\(service)/\($0)" })
                        }
                        if let tested, tested.isDisjoint(with: newTiles) {
                            selection.skippedLong += 1
                            continue
                        }
                    }
                    if calendar {
                        let path = try scratch.write(
                            "\(index)/\(file.path.replacingOccurrences(of: ".test.yml", with: ".group-\(group).test.yml"))",
                            tests.file(ofGroup: group))
                        selection.runs.append(
                            GroupRun(test: path, estimatedSeconds: tests.estimatedSeconds(ofGroup: group, rules: rules))
                        )
                        continue
                    }
                    let written = try tests.writeGroup(
                        group, rules: groups, wholeRules: sloRules, into: scratch,
                        stem: "\(index)/\(file.path.replacingOccurrences(of: ".test.yml", with: ""))")
                    selection.runs += written.map { GroupRun(test: $0.test, estimatedSeconds: $0.estimatedSeconds) }
                }
            }
        }
        selection.tileShapes = seenTiles.count
        return selection
    }

    /// Runs every selected group in promtool and expects each to pass.
    static func runAndExpectPass(_ runs: [GroupRun]) async throws {
        let outcomes = try await Promtool.runAll(
            runs.map { ["test", "rules", $0.test] }, estimatedSeconds: runs.map(\.estimatedSeconds))
        for (run, outcome) in zip(runs, outcomes) {
            #expect(outcome.status == 0, "\(run.test):\n\(outcome.output.suffix(4000))")
        }
    }

    /// What the long groups exercise: every window pair's tiles and levels (and whether its
    /// threshold is reachable) and the grouping labels they carry. The SLO's window and budgeting
    /// do not change those rules (a timeslice SLO's tiles read the same recorded series as an
    /// event-based one's, and the window's own ratio is proven by the short budget-exhausted
    /// group); objectives only change their numbers.
    static func tileShape(_ slo: SLOModel) -> String {
        let pairs = slo.alerting.tiers.map { tier in
            "\(tier.severity):"
                + tier.windows.map { "\($0.short)/\($0.long)\($0.factor * slo.errorBudget >= 1 ? "!" : "")" }
                .joined(separator: ",")
        }
        return (slo.groupBy.isEmpty ? "" : "grouped|") + pairs.joined(separator: ";")
    }

    /// What decides the shape of an SLO's rules and fire-tests: its SLI kind and form, window,
    /// budgeting, ``tileShape(_:)``, and which simple alerts it has. Names, objectives and query
    /// text only change the numbers in the same shape.
    static func shape(_ slo: SLOModel) -> String {
        let kind = Mirror(reflecting: slo.sli).children.first?.label ?? "\(slo.sli)"
        let form: String
        switch slo.sli {
        case .errors(_, .selector), .good(_, .selector): form = "selector"
        case .errors, .good: form = "template"
        default: form = ""
        }
        return [
            kind, form, "\(slo.window.spec)", "\(slo.budgeting)", tileShape(slo),
            slo.alerting.budgetExhausted == nil ? "" : "exhausted", slo.alerting.noData == nil ? "" : "no-data",
        ].joined(separator: "|")
    }

    /// The SLOs of the valid specs whose shape no earlier SLO had: the golden cases first (one per
    /// shape by design), then the other valid fixtures; each spec is cut down to those SLOs (and
    /// specs left with none are dropped). Fixtures that only vary the YAML (anchors, flow style,
    /// quoting, block scalars) compile to shapes already tested, and `PromtoolRulesTests` still
    /// checks their rules. promtool evaluates every rule of a file at every step, so a file with
    /// six SLOs costs six times one with a single SLO: fire-testing the SLOs of shapes already
    /// tested would double the integration tier's promtool time without testing a new rule.
    ///
    /// The project's own SLOs count as tested: `OwnSpecTests` runs all of `generated/`'s
    /// fire-tests, every group, in the same tier.
    static func slosWithNewShapes(tested own: [SLOModel]) throws -> (
        chosen: [Compiler.Checked], slos: Int, shapes: Int, all: Int
    ) {
        let golden = try Fixtures.goldenCases.map { [try Fixtures.source("golden/\($0)/spec.yaml")] }
        let all = golden + (try Fixtures.files(in: "valid").map { [try Fixtures.source($0)] })
        var seen = Set(own.map(shape))
        var chosen: [Compiler.Checked] = []
        var slos = 0
        for sources in all {
            var checked = rulesOnly.check(sources)
            #expect(!checked.hasErrors, "\(sources.map(\.path)): \(checked.diagnostics.map(\.message))")
            checked.models = checked.models.compactMap { service in
                var service = service
                service.slos = service.slos.filter { seen.insert(shape($0)).inserted }
                // The SLA names SLOs that may be gone; its documents are not rendered here anyway.
                service.sla = nil
                return service.slos.isEmpty ? nil : service
            }
            slos += checked.models.reduce(0) { $0 + $1.slos.count }
            if !checked.models.isEmpty { chosen.append(checked) }
        }
        return (chosen, slos, seen.count, all.count)
    }

    /// The SLOs of the project's own `slo/`, as `generated/` was compiled from them.
    static func ownSLOs() throws -> [SLOModel] {
        let checked = rulesOnly.check(try Fixtures.ownSpecs())
        #expect(!checked.hasErrors, "\(checked.diagnostics.map(\.message))")
        return checked.models.flatMap(\.slos)
    }

    @Test func generatedTestsPassForEveryRuleShape() async throws {
        let scratch = try ScratchFolder()
        let own = try Self.ownSLOs()
        let (chosen, slos, shapes, all) = try Self.slosWithNewShapes(tested: own)
        #expect(all >= 25 && shapes >= 20, "\(all) specs, \(shapes) shapes")
        let selection = try Self.compileGroups(
            chosen, into: scratch, tested: Set(own.map(Self.tileShape)))
        #expect(selection.tileShapes >= 5, "\(selection.tileShapes) tile shapes")
        print(
            "fire-testing \(slos) SLOs of \(chosen.count) of \(all) specs: \(shapes) shapes,"
                + " \(selection.runs.count) test groups;"
                + " \(selection.skippedLong) long groups left out, their \(selection.tileShapes) tile shapes"
                + " each run once")
        try await Self.runAndExpectPass(selection.runs)
    }
}
