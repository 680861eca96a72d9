// tier: integration
import Foundation
import Testing

@testable import SLOKit

/// The scale-out files of this repository's own `slo/` in the real promtool: every group of the
/// Mimir namespace files, both halves of the Thanos split and the vmalert files loads, and the
/// Thanos split's pages fire from the Prometheus half alone.
@Suite struct ScaleOutPromtoolTests {
    /// Group keys promtool 2.42 does not know (`field X not found`): engine keys of Mimir
    /// (`query_offset`, `source_tenants`), Thanos (`partial_response_strategy`), vmalert
    /// (`eval_delay`) and Prometheus ≥ 2.53/3.0 (`query_offset`, `labels`). The check strips them,
    /// as it strips Mimir's `namespace:` and the `VMRule` wrapper.
    static let engineKeys = ["query_offset", "source_tenants", "partial_response_strategy", "eval_delay", "labels"]

    /// Each group of each file on its own, every key set, so a group promtool rejects names itself.
    @Test func everyGroupOfEveryScaleOutFileLoadsInPromtool() async throws {
        let scratch = try ScratchFolder()
        var compiler = Compiler(options: Compiler.Options(project: try VictoriaMetricsReplayTests.projectConfig()))
        compiler.options.formats = [.mimir, .thanos, .vmalert, .vmrule]
        compiler.options.ruleGroups.limit = 100
        compiler.options.ruleGroups.queryOffset = .minutes(1)
        compiler.options.ruleGroups.labels = ["cluster": "eu-1"]
        compiler.options.ruleGroups.sourceTenants = ["team-a", "team-b"]
        let result = compiler.compile(try Fixtures.ownSpecs())
        #expect(!result.hasErrors)
        var paths: [String] = []
        var keysSeen: Set<String> = []
        for file in result.files
        where ["mimir.yml", "thanos-prometheus.yml", "thanos-ruler.yml", "vmalert.yml", "vmrule.yml"].contains(
            (file.path as NSString).lastPathComponent)
        {
            for (index, group) in Self.groups(of: file.contents).enumerated() {
                var lines: [Substring] = []
                var skipping = false
                for line in group.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("  "), !line.hasPrefix("   "), !line.hasPrefix("  - ") {
                        let key = String(line.dropFirst(2).prefix { $0 != ":" })
                        skipping = Self.engineKeys.contains(key)
                        if skipping { keysSeen.insert(key) }
                    } else if line.hasPrefix("- ") {
                        skipping = false
                    }  // anything else (deeper lines, `  - ` items of a key's list) belongs to the key above
                    if !skipping { lines.append(line) }
                }
                let path = scratch.url.appendingPathComponent(
                    file.path.replacingOccurrences(of: "/", with: "-") + "-\(index).yml"
                ).path
                try ("groups:\n" + lines.joined(separator: "\n") + "\n").write(
                    toFile: path, atomically: true, encoding: .utf8)
                paths.append(path)
            }
        }
        #expect(keysSeen == Set(Self.engineKeys), "every engine key was written somewhere: \(keysSeen)")
        #expect(paths.count >= 5 * 8)
        let outcome = try await Promtool.run(["check", "rules"] + paths, estimatedSeconds: 2)
        #expect(outcome.status == 0, "\(outcome.output.suffix(3000))")
    }

    /// The groups of a rule file (plain, Mimir namespace or `VMRule`), each as the text of one
    /// `- name:` entry, re-indented as if directly under `groups:`.
    static func groups(of text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasSuffix("groups:") }) else { return [] }
        let indent = lines[start].prefix { $0 == " " }.count
        var groups: [[Substring]] = []
        for line in lines[(start + 1)...] where !line.isEmpty {
            let body = line.dropFirst(indent)
            if body.hasPrefix("- ") { groups.append([]) }
            groups[groups.count - 1].append(body)
        }
        return groups.map { $0.joined(separator: "\n") }
    }

    /// Thanos Query, the ruler or another cluster down: each Prometheus still evaluates its half
    /// of the split, and every page the fire-tests expect still fires from it, at the same instants.
    @Test func thanosSplitPagesFireWithOnlyThePrometheusHalf() async throws {
        let scratch = try ScratchFolder()
        let models = try VictoriaMetricsReplayTests.ownModels()
        let service = try #require(models.first { $0.name == "orders-api" })
        var stats = FireTestStats()
        var plan = planServiceFireTests(service, schedules: SimulationCache(), stats: &stats).plan
        let burnAlerts = Set(service.slos.map(\.alerting.burnAlertName))
        let pageLabel = BurnRateTier.Severity.page.rawValue
        var pages = 0
        plan.groups = plan.groups.compactMap { group in
            var group = group
            // Only what the Prometheus half holds: the burn alert's pages (tickets come from the ruler).
            group.alertChecks = group.alertChecks.filter { burnAlerts.contains($0.alertName) }.map { check in
                var check = check
                check.expected = check.expected.filter { $0.labels["slo_severity"] == pageLabel }
                return check
            }
            group.exprChecks = []
            let firing = group.alertChecks.filter { !$0.expected.isEmpty }.count
            pages += firing
            return firing > 0 ? group : nil
        }
        #expect(plan.groups.count >= 4 && pages >= 6, "\(plan.groups.count) groups, \(pages) page checks")
        plan.ruleFile = "thanos-prometheus.yml"
        let local = RuleFilePlan(service.slos.map { planRuleGroup($0, layout: .chained, part: .local) })
        try renderRuleFile(local, source: "test").write(
            to: scratch.url.appendingPathComponent("thanos-prometheus.yml"), atomically: true, encoding: .utf8)
        let tests = scratch.url.appendingPathComponent("pages.test.yml").path
        try renderRuleTests(plan, source: "test", notes: []).write(toFile: tests, atomically: true, encoding: .utf8)
        let outcome = try await Promtool.run(["test", "rules", tests], estimatedSeconds: 8)
        #expect(outcome.status == 0, "\(outcome.output.suffix(3000))")
    }
}

/// The flat calendar groups (vmalert, Thanos Ruler: every same-round read inlined) compute what
/// the chained ones do: beside the chained SLO groups they pass the same `calendar.test.yml`
/// (month, 91-day quarter and ISO-week boundaries, SLA at risk) of the golden calendar and SLA specs.
@Suite struct FlatCalendarPromtoolTests {
    @Test func flatCalendarGroupsPassTheCalendarFireTests() async throws {
        let scratch = try ScratchFolder()
        var runs: [[String]] = []
        for name in ["calendar-month", "sla-month"] {
            let checked = Compiler().check([try Fixtures.source("golden/\(name)/spec.yaml")])
            #expect(!checked.hasErrors)
            for service in checked.models {
                let plan = try #require(planCalendarFireTests(service))
                let chained = planServiceRuleGroups(service)
                let flat = planServiceRuleGroups(service, layout: .flat)
                let groups = chained.map { group in
                    group.name.hasSuffix("-calendar") ? flat.first { $0.name == group.name } ?? group : group
                }
                // The flat calendar rules are the inlined ones, not the chained ones again.
                let text = renderRuleFile(RuleFilePlan(groups: groups), source: "test")
                #expect(!text.contains("/ (slo:sli_total:period_to_date{"))
                _ = try scratch.write("\(name)/rules.yml", text)
                let tests = try scratch.write(
                    "\(name)/calendar.test.yml",
                    renderRuleTests(plan, source: "test", notes: [], fileName: "calendar.test.yml"))
                runs.append(["test", "rules", tests])
            }
        }
        let outcomes = try await Promtool.runAll(runs, estimatedSeconds: runs.map { _ in 3 })
        for (run, outcome) in zip(runs, outcomes) {
            #expect(outcome.status == 0, "\(run[2]):\n\(outcome.output.suffix(3000))")
        }
    }
}

extension RuleFilePlan {
    init(_ groups: [RuleGroupPlan]) { self.init(groups: groups) }
}
