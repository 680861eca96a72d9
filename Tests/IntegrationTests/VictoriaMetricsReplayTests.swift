// tier: integration
import Foundation
import Testing

@testable import SLOKit

#if canImport(Glibc)
    import Glibc
#endif

/// The vmalert rules (flat layout) on a real VictoriaMetrics: the fire-test scenarios of this
/// repository's own `slo/`, replayed by a real `vmalert`, fire exactly the alerts promtool checks.
///
/// Every scenario of every service whose SLOs the fire-tests feed from raw metrics goes into one
/// VictoriaMetrics server at once: its input series are imported with a label of their own
/// (`slo_scenario`), and its rule groups read only that scenario (vmalert's group `params:
/// extra_label`) and write it back onto what they record (group `labels`). The expectations are
/// the fire-tests' own checks (`rules.test.yml`), which `OwnSpecTests` runs through promtool on the
/// shipped rules in the same test command: the same alerts at every checked instant.
///
/// Replay evaluates a group rule by rule over the whole range, so a rule reading a recording needs
/// that recording's whole history stored first: the rules run in one replay per dependency depth
/// (recordings of raw series, then what reads them, …), with a flush in between. Live vmalert has
/// no such order, which is why the flat layout never reads a recording of its own round. (So
/// this replay also passes the chained rules: it proves the flat rules compute the same alerts in
/// MetricsQL; that they never wait on their own round is `ScaleOutRulesTests`' check.)
@Suite(.serialized) struct VictoriaMetricsReplayTests {
    /// promtool's t = 0: a whole day, so 5-minute, hourly and daily boundaries fall where promtool's do.
    static let origin: Int64 = 1_704_067_200_000  // 2024-01-01T00:00:00Z

    struct Scenario {
        var index: Int
        var service: ServiceModel
        var group: RuleTestGroupPlan
        /// Burn-rate, budget and no-data alert names of the SLOs fed from raw metrics.
        var checkedAlerts: Set<String>
    }

    @Test func replayFiresWhatPromtoolChecks() async throws {
        let scratch = try ScratchFolder()
        let models = try Self.ownModels()
        var scenarios: [Scenario] = []
        let cache = SimulationCache()
        for service in models {
            var stats = FireTestStats()
            let plan = planServiceFireTests(service, schedules: cache, stats: &stats).plan
            var names: Set<String> = []
            for slo in service.slos where FireTestPlanner(slo: slo, schedules: cache).isRaw {
                names.insert(slo.alerting.burnAlertName)
                if let exhausted = slo.alerting.budgetExhausted { names.insert(exhausted.name) }
                if let noData = slo.alerting.noData { names.insert(noData.name) }
            }
            for group in plan.groups where group.alertChecks.contains(where: { names.contains($0.alertName) }) {
                scenarios.append(Scenario(index: scenarios.count, service: service, group: group, checkedAlerts: names))
            }
        }
        #expect(scenarios.count >= 8, "only \(scenarios.count) scenarios fed from raw metrics")

        let server = try await VictoriaMetricsServer(data: scratch.url.appendingPathComponent("vm").path)
        do {
            try await check(scenarios, on: server, scratch: scratch)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func check(_ scenarios: [Scenario], on server: VictoriaMetricsServer, scratch: ScratchFolder) async throws {
        var lines: [String] = []
        for scenario in scenarios {
            for series in scenario.group.inputSeries {
                let labels = series.labels.merging(["slo_scenario": "\(scenario.index)"]) { $1 }
                let name = FireTestPlanner.render(series.metric, labels)
                let step = scenario.group.interval.milliseconds
                for (index, value) in Self.expand(series.values).enumerated() {
                    guard let value else { continue }
                    lines.append("\(name) \(NumberFormat.clean(value)) \(Self.origin + Int64(index) * step)")
                }
            }
        }
        try server.importPrometheus(lines.joined(separator: "\n") + "\n")

        // Each scenario's groups, evaluated every 5 minutes like the fire-tests.
        var settings = RuleGroupSettings()
        settings.interval = .minutes(5)
        // Replayed in two batches, short scenarios over their own short range: one range for all
        // would evaluate the 7-hour page scenarios over the 3-day ticket ones' range.
        let day = DurationValue.days(1).milliseconds
        func batchEnd(_ scenario: Scenario) -> Int64 {
            let end = scenario.group.alertChecks.map(\.evalTime.milliseconds).max() ?? 0
            return end <= day ? day : scenarios.flatMap { $0.group.alertChecks.map(\.evalTime.milliseconds) }.max() ?? 0
        }
        var groupsByDepth: [Int: [Int64: [String]]] = [:]
        for scenario in scenarios {
            var scenarioSettings = settings
            scenarioSettings.labels = ["slo_scenario": "\(scenario.index)"]
            for slo in scenario.service.slos {
                var group = scenarioSettings.apply(
                    to: planRuleGroup(slo, layout: .flat),
                    .vmalert)
                group.name += "-s\(scenario.index)"
                for (depth, rules) in Self.byDepth(group.rules) {
                    var part = group
                    part.rules = rules
                    let text = renderRuleFile(RuleFilePlan(groups: [part]), source: "test")
                    let body = text.components(separatedBy: "groups:\n").last ?? ""
                    groupsByDepth[depth, default: [:]][batchEnd(scenario), default: []].append(
                        body.replacingOccurrences(
                            of: "\n  interval: 5m\n",
                            with: "\n  interval: 5m\n  params:\n    extra_label: [\"slo_scenario=\(scenario.index)\"]\n"
                        ))
                }
            }
        }
        for depth in groupsByDepth.keys.sorted() {
            for (end, groups) in groupsByDepth[depth]!.sorted(by: { $0.key < $1.key }) {
                let file = scratch.url.appendingPathComponent("depth\(depth)-\(end).yml").path
                try ("groups:\n" + groups.joined()).write(toFile: file, atomically: true, encoding: .utf8)
                try await server.replay(rules: file, from: Self.origin, to: Self.origin + end)
            }
            try server.flush()
        }

        // Firing alerts per scenario, time and name.
        var firing: [String: [Int64: [String: Set<[String: String]>]]] = [:]
        for entry in try server.export(match: "ALERTS{alertstate=\"firing\"}") {
            var labels = entry.labels
            let scenario = labels.removeValue(forKey: "slo_scenario") ?? "?"
            let name = labels.removeValue(forKey: "alertname") ?? "?"
            labels.removeValue(forKey: "alertstate")
            labels.removeValue(forKey: "alertgroup")  // vmalert names the group it came from
            for time in entry.timestamps {
                firing[scenario, default: [:]][time - Self.origin, default: [:]][name, default: []].insert(labels)
            }
        }
        var checked = 0
        var firingChecks = 0
        for scenario in scenarios {
            for check in scenario.group.alertChecks where scenario.checkedAlerts.contains(check.alertName) {
                checked += 1
                let expected = Set(check.expected.map(\.labels))
                if !expected.isEmpty { firingChecks += 1 }
                let got = firing["\(scenario.index)"]?[check.evalTime.milliseconds]?[check.alertName] ?? []
                #expect(
                    got == expected,
                    "scenario \(scenario.index) (\(scenario.service.name): \(scenario.group.comment.prefix(80))…), \(check.alertName) at \(check.evalTime): vmalert \(got), promtool expects \(expected)"
                )
            }
        }
        #expect(checked > 50 && firingChecks > 20, "\(checked) checks, \(firingChecks) of them firing")
        print(
            "vmalert replay: \(scenarios.count) scenarios, \(checked) checked instants, \(firingChecks) with alerts firing"
        )
    }

    /// This repository's `slo.yaml`.
    static func projectConfig() throws -> ProjectConfig {
        let configFile = SourceFile(
            path: "slo.yaml",
            bytes: [UInt8](try Data(contentsOf: Fixtures.repository.appendingPathComponent("slo.yaml"))))
        return try #require(ProjectConfig.decode(configFile, diagnostics: DiagnosticCollector()))
    }

    /// This repository's `slo/`, with its project config applied.
    static func ownModels() throws -> [ServiceModel] {
        let checked = Compiler(options: Compiler.Options(project: try projectConfig())).check(try Fixtures.ownSpecs())
        #expect(!checked.hasErrors)
        return checked.models
    }

    /// The rules grouped by how many recordings deep they read: 0 reads raw series only.
    static func byDepth(_ rules: [RulePlan]) -> [(Int, [RulePlan])] {
        var depth: [String: Int] = [:]
        var result: [Int: [RulePlan]] = [:]
        for rule in rules {
            let expr: String
            switch rule {
            case .record(let record): expr = record.expr
            case .alert(let alert): expr = alert.expr
            }
            let reads = expr.matches(of: /slo:[a-z0-9_:]+/).map { String($0.0) }
            let own = (reads.compactMap { depth[$0] }.max() ?? -1) + 1
            if case .record(let record) = rule { depth[record.record] = max(depth[record.record] ?? 0, own) }
            result[own, default: []].append(rule)
        }
        return result.keys.sorted().map { ($0, result[$0]!) }
    }

    /// promtool's expanding notation (`a+bxn`, `a-bxn`: n + 1 samples; `_`: none) as samples.
    static func expand(_ values: String) -> [Double?] {
        var samples: [Double?] = []
        for token in values.split(separator: " ") {
            if token == "_" {
                samples.append(nil)
                continue
            }
            guard let x = token.lastIndex(of: "x") else {
                samples.append(Double(token))
                continue
            }
            let count = Int(token[token.index(after: x)...]) ?? 0
            let head = token[..<x]
            if head.hasPrefix("_") {
                samples += [Double?](repeating: nil, count: count)
                continue
            }
            // The sign between start and step: the last + or - not at the start or after an `e`.
            var split = head.endIndex
            var index = head.index(before: head.endIndex)
            while index > head.startIndex {
                if "+-".contains(head[index]), head[head.index(before: index)] != "e" {
                    split = index
                    break
                }
                index = head.index(before: index)
            }
            let start = Double(head[..<split]) ?? 0
            let step = split == head.endIndex ? 0 : Double(head[split...]) ?? 0
            for k in 0...count { samples.append(start + Double(k) * step) }
        }
        return samples
    }
}
