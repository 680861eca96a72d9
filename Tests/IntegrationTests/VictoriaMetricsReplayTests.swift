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
/// Every scenario of every service goes into one VictoriaMetrics server at once: its input series
/// are imported with a label of their own (`slo_scenario`), and its rule groups read only that
/// scenario (vmalert's group `params: extra_label`) and write it back onto what they record
/// (group `labels`). The expectations are the fire-tests' own checks (`rules.test.yml`), which
/// `OwnSpecTests` runs through promtool on the shipped rules in the same test command: the same
/// alerts at every checked instant.
///
/// SLOs whose SLI is not a plain selector (timeslices) are fed as the fire-tests feed them: their
/// 5-minute rates, the same samples. promtool gets them under `slo_input="fire-test"`, a label no
/// rule writes, so they cannot collide with the base recordings, and its chained rules read them
/// where they would read those recordings. Here they stand in for the base recordings instead:
/// imported with the labels those would write (the flat rules sum every window by `groupBy`, so
/// an extra label on the fed rates would part them from the levels recorded from them), and the
/// replay leaves those SLOs' base recordings out, so nothing it records can collide with them.
/// The flat rules read the SLI's raw expression for each newest tile, which has no input here, so
/// for these SLOs they read the fed rates in its place (`readingFedRates`).
///
/// Replay evaluates a group rule by rule over the whole range, so a rule reading a recording needs
/// that recording's whole history stored first: the rules run in one replay per dependency depth
/// (recordings of raw series, then what reads them, …), with a flush in between. Live vmalert has
/// no such order, which is why the flat layout never reads a recording of its own round. (So
/// this replay also passes the chained rules: it proves the flat rules compute the same alerts in
/// MetricsQL; that they never wait on their own round is `ScaleOutRulesTests`' check.) Only the
/// checked alerts and the recordings they read are replayed, each scenario up to its last check.
@Suite(.serialized) struct VictoriaMetricsReplayTests {
    /// promtool's t = 0: a whole day, so 5-minute, hourly and daily boundaries fall where promtool's do.
    static let origin: Int64 = 1_704_067_200_000  // 2024-01-01T00:00:00Z
    /// Replay ranges: a scenario is replayed up to the first of these that holds its last check, a
    /// longer one up to the longest scenario's last check (one vmalert run per range and depth).
    static let ranges: [DurationValue] = [.hours(1), .hours(12)]
    /// Stands for the scenario number in the rules rendered once per SLO.
    static let placeholder = "7777777"

    struct Scenario {
        var index: Int
        var service: ServiceModel
        var group: RuleTestGroupPlan
        /// The SLOs whose alerts the scenario checks.
        var planners: [FireTestPlanner]
        /// The last checked instant (ms from the origin).
        var end: Int64
    }

    @Test func replayFiresWhatPromtoolChecks() async throws {
        let scratch = try ScratchFolder()
        let models = try Self.ownModels()
        var scenarios: [Scenario] = []
        let cache = SimulationCache()
        for service in models {
            var stats = FireTestStats()
            let plan = planServiceFireTests(service, schedules: cache, stats: &stats).plan
            let planners = service.slos.map { FireTestPlanner(slo: $0, schedules: cache) }
            for group in plan.groups {
                let names = Set(group.alertChecks.map(\.alertName))
                scenarios.append(
                    Scenario(
                        index: scenarios.count, service: service, group: group,
                        planners: planners.filter { !$0.alertNames.isDisjoint(with: names) },
                        end: group.alertChecks.map(\.evalTime.milliseconds).max() ?? 0))
            }
        }
        let recorded = scenarios.filter { $0.planners.contains { !$0.isRaw } }.count
        #expect(scenarios.count >= 8 && recorded >= 8, "\(scenarios.count) scenarios, \(recorded) with recorded input")

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
                var labels = series.labels.merging(["slo_scenario": "\(scenario.index)"]) { $1 }
                labels.removeValue(forKey: FireTestPlanner.inputLabel.name)
                let name = FireTestPlanner.render(series.metric, labels)
                let step = scenario.group.interval.milliseconds
                for (index, value) in Self.expand(series.values).enumerated() {
                    guard let value else { continue }
                    lines.append("\(name) \(NumberFormat.clean(value)) \(Self.origin + Int64(index) * step)")
                }
            }
        }
        try server.importPrometheus(lines.joined(separator: "\n") + "\n")

        // Each scenario's groups, evaluated every 5 minutes like the fire-tests, by depth and range.
        let longest = scenarios.map(\.end).max() ?? 0
        var rendered: [String: [(Int, String)]] = [:]
        var groupsByDepth: [Int: [Int64: [String]]] = [:]
        for scenario in scenarios {
            let end = Self.ranges.map(\.milliseconds).first { $0 >= scenario.end } ?? longest
            let checked = Set(scenario.group.alertChecks.map(\.alertName))
            for planner in scenario.planners {
                let alerts = planner.alertNames.intersection(checked)
                let key = "\(planner.slo.service)/\(planner.slo.name):\(alerts.sorted())"
                if rendered[key] == nil { rendered[key] = try Self.renderedParts(planner, alerts: alerts) }
                for (depth, text) in rendered[key]! {
                    groupsByDepth[depth, default: [:]][end, default: []].append(
                        text.replacingOccurrences(of: Self.placeholder, with: "\(scenario.index)"))
                }
            }
        }
        var replays = 0
        for depth in groupsByDepth.keys.sorted() {
            for (end, groups) in groupsByDepth[depth]!.sorted(by: { $0.key < $1.key }) {
                let file = scratch.url.appendingPathComponent("depth\(depth)-\(end).yml").path
                try ("groups:\n" + groups.joined()).write(toFile: file, atomically: true, encoding: .utf8)
                try await server.replay(rules: file, from: Self.origin, to: Self.origin + end)
                replays += 1
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
            for check in scenario.group.alertChecks {
                checked += 1
                // The fed rates' `slo_input` reaches promtool's alerts through the chained rules'
                // one-to-one ratios; the rates imported here do not carry it.
                let expected = Set(
                    check.expected.map { $0.labels.filter { $0.key != FireTestPlanner.inputLabel.name } })
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
            "vmalert replay: \(scenarios.count) scenarios, \(replays) replays, \(checked) checked instants, \(firingChecks) with alerts firing"
        )
    }

    /// One SLO's flat rules that `alerts` need — those alerts and every recording they read,
    /// transitively — rendered as vmalert groups, one per dependency depth, for any scenario: the
    /// scenario number is `placeholder` in the group's name, labels and `extra_label`.
    static func renderedParts(_ planner: FireTestPlanner, alerts: Set<String>) throws -> [(Int, String)] {
        var settings = RuleGroupSettings()
        settings.interval = .minutes(5)
        settings.labels = ["slo_scenario": placeholder]
        var group = settings.apply(to: planRuleGroup(planner.slo, layout: .flat), .vmalert)
        group.name += "-s\(placeholder)"
        if !planner.isRaw { group.rules = try readingFedRates(group.rules, of: planner.slo) }
        return byDepth(needed(group.rules, by: alerts)).map { depth, rules in
            var part = group
            part.rules = rules
            let text = renderRuleFile(RuleFilePlan(groups: [part]), source: "test")
            let body = (text.components(separatedBy: "groups:\n").last ?? "").replacingOccurrences(
                of: "\n  interval: 5m\n",
                with: "\n  interval: 5m\n  params:\n    extra_label: [\"slo_scenario=\(placeholder)\"]\n")
            #expect(body.components(separatedBy: placeholder).count == 4, "the placeholder occurs elsewhere")
            return (depth, body)
        }
    }

    /// The alerts named and the recordings they read, transitively, in the group's order.
    static func needed(_ rules: [RulePlan], by alerts: Set<String>) -> [RulePlan] {
        var names = alerts
        var count = 0
        while names.count != count {
            count = names.count
            for rule in rules where names.contains(rule.name) {
                names.formUnion(reads(rule))
            }
        }
        return rules.filter { names.contains($0.name) }
    }

    /// The flat rules of an SLO fed through its recorded 5-minute rates: the base recordings are
    /// left out (the fed rates are what they would record), and every inline copy of the SLI's raw
    /// expression (the newest tile of each window and level, the 5-minute ratio) reads the fed
    /// rates summed by `groupBy` instead, which is what promtool's chained rules read. The no-data
    /// alert keeps it.
    static func readingFedRates(_ rules: [RulePlan], of slo: SLOModel) throws -> [RulePlan] {
        var fed: [String: PromQLExpr] = [:]
        for side in [RuleExpressions.EventSide.errors, .total] {
            // Summed by `groupBy`: the raw expression's series carry those labels only.
            fed[RuleExpressions.text(RuleExpressions.rawRate(slo, side))] = PromQLExpr(
                .aggregation(
                    PromQLAggregation(
                        op: .sum, expr: RuleExpressions.own(side.rate, of: slo),
                        grouping: slo.groupBy.isEmpty ? nil : .by(slo.groupBy))))
        }
        let base = [SeriesNames.errorsRate, SeriesNames.totalRate]
        let rawErrors = String(RuleExpressions.text(RuleExpressions.rawRate(slo, .errors)).dropFirst().dropLast())
        func substitute(_ text: String, layout: (PromQLExpr) -> String) throws -> String {
            // The raw expression is inlined in parentheses; the printed text identifies it.
            layout(
                try PromQLParser.parse(text).transformed { node in
                    guard case .paren = node.kind else { return node }
                    return fed[RuleExpressions.text(node)] ?? node
                })
        }
        return try rules.filter { !base.contains($0.name) }.map { rule in
            var rule = rule
            switch rule {
            case .record(var record):
                record.expr = try substitute(record.expr, layout: RuleExpressions.recordingText)
                rule = .record(record)
            case .alert(var alert) where alert.alert != slo.alerting.noData?.name:
                alert.expr = try substitute(alert.expr, layout: RuleExpressions.alertText)
                rule = .alert(alert)
            default: return rule
            }
            try #require(
                !expression(rule).contains(rawErrors), "\(rule.name) still reads the raw SLI: \(expression(rule))")
            return rule
        }
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

    /// A rule's PromQL, whichever kind it is.
    static func expression(_ rule: RulePlan) -> String {
        switch rule {
        case .record(let record): record.expr
        case .alert(let alert): alert.expr
        }
    }

    /// The recordings a rule reads (names only).
    static func reads(_ rule: RulePlan) -> [String] {
        expression(rule).matches(of: /slo:[a-z0-9_:]+/).map { String($0.0) }
    }

    /// The rules grouped by how many recordings deep they read: 0 reads raw series only.
    static func byDepth(_ rules: [RulePlan]) -> [(Int, [RulePlan])] {
        var depth: [String: Int] = [:]
        var result: [Int: [RulePlan]] = [:]
        for rule in rules {
            let own = (reads(rule).compactMap { depth[$0] }.max() ?? -1) + 1
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
