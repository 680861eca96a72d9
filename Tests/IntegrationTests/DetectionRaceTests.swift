import Foundation
import Testing

@testable import SLOKit

/// Issue 16's race: our rules and Sloth's (or, at 7 days, the SRE Workbook's maths scaled to 7
/// days, written Sloth's way) read the same counters in one promtool run, evaluated every minute.
///
/// Each error ratio of the detection tables (100% … 2%) is one test group: six hours of healthy
/// traffic (one hour at 7 days), then errors at that share of requests. promtool checks that our page and ticket fire
/// at exactly the minute the burn simulator predicts for Prometheus 2 (quiet the minute before)
/// and that the rival's alert of the same tier is still quiet two minutes before ours fires: ours
/// is never more than one evaluation later, the tolerance for Sloth's recordings and alerts being
/// separate groups (here its best order, recordings first). The history covers every page window,
/// so the page minutes are also the steady-state cells of the SLO's detection table, which the test
/// compares.
@Suite struct DetectionRaceTests {
    /// Minutes of healthy traffic before the errors start: as long as the longest page window
    /// (6 hours at 30 and 28 days, 1 hour at 7 days), so the page minutes are steady-state ones.
    static func history(window: String) -> Int { window == "7d" ? 60 : 360 }
    /// What errors and total count, in every rule set of the race.
    static let errors = #"http_requests_total{job="bench",code=~"5.."}"#
    static let total = #"http_requests_total{job="bench"}"#

    /// The SLO of the race: 99.9% over `window`, the policy's default alert tiers.
    static func spec(window: String) -> String {
        """
        version: slo/v1
        service: bench
        window: \(window)
        slos:
          - name: availability
            objective: 99.9
            sli:
              errors: \(errors)
              total: \(total)
        """
    }

    /// Sloth's generated rules for its 30-day 99.9% example, reading our counters, its page and
    /// ticket alerts renamed `RivalPage` / `RivalTicket`; at 28 days with `windows/google-28d.yaml`'s
    /// factors (the windows are the same).
    static func slothRules(days: Int) throws -> String {
        var text = String(decoding: try Fixtures.anchor("sloth/examples/_gen/getting-started.yml").bytes, as: UTF8.self)
        var replacements = [
            (#"http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}"#, errors),
            (#"http_request_duration_seconds_count{job="myservice"}"#, total),
        ]
        if days == 28 {
            replacements += [
                ("(14.4 *", "(13.44 *"), ("(6 *", "(5.6 *"), ("(3 *", "(2.8 *"), ("(1 *", "(0.9333333333333333 *"),
                ("[30d]", "[28d]"),
            ]
        }
        for (old, new) in replacements {
            #expect(text.contains(old), "Sloth's rules no longer contain \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        for name in ["RivalPage", "RivalTicket"] {
            guard let range = text.range(of: "- alert: MyServiceHighErrorRate") else { break }
            text.replaceSubrange(range, with: "- alert: \(name)")
        }
        return text
    }

    /// Sloth-style rules for our tiers: every window a ratio of raw `rate()`s, recorded in one group
    /// and read by the alerts in the next (the Workbook's maths at whatever SLO window).
    static func workbookRules(_ slo: SLOModel) -> String {
        let windows = Set(slo.alerting.tiers.flatMap { $0.windows.flatMap { [$0.short, $0.long] } }).sorted()
        var text = "groups:\n- name: rival-recordings\n  rules:\n"
        for window in windows {
            text += """
                  - record: rival:error_ratio_\(window)
                    expr: sum(rate(\(errors)[\(window)])) / sum(rate(\(total)[\(window)]))

                """
        }
        text += "- name: rival-alerts\n  rules:\n"
        for tier in slo.alerting.tiers {
            let pairs = tier.windows.map { pair in
                let threshold = "(\(NumberFormat.clean(pair.factor)) * \(NumberFormat.clean(slo.errorBudget)))"
                return
                    "(rival:error_ratio_\(pair.short) > \(threshold) and rival:error_ratio_\(pair.long) > \(threshold))"
            }
            text += """
                  - alert: \(tier.severity == .page ? "RivalPage" : "RivalTicket")
                    expr: \(pairs.joined(separator: " or "))

                """
        }
        return text
    }

    /// Minutes from the start of the errors to the first evaluation at which the tier fires under
    /// one convention (evaluated every minute), nil if not within `limit`.
    static func fireMinute(
        _ simulator: BurnSimulator, _ tier: BurnRateTier, budget: Double, after history: Int, leftOpen: Bool, limit: Int
    ) -> Int? {
        (1...limit).first { minute in
            tier.windows.contains {
                simulator.pairFires($0, budget: budget, at: history + minute, leftOpen: leftOpen) == .yes
            }
        }
    }

    /// The race at one SLO window: one promtool file, a test group per error ratio.
    struct Race {
        var file: String
        /// Per ratio, minutes to page and to ticket (Prometheus 2).
        var page: [Int]
        var ticket: [Int]
    }

    static func race(window: String, rival: (SLOModel) throws -> String, in scratch: ScratchFolder) throws -> Race {
        let source = SourceFile(path: "bench.yaml", text: spec(window: window))
        let result = Compiler().compile([source])
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        let slo = try #require(Compiler().check([source]).models.first?.slos.first)
        let rules = try #require(result.files.first { $0.path.hasSuffix("/rules.yml") }).contents
        let folder = "race-\(window)"
        try scratch.write("\(folder)/ours.yml", rules)
        try scratch.write("\(folder)/rival.yml", try rival(slo))
        let page = try #require(slo.alerting.tiers.first { $0.severity == .page })
        let ticket = try #require(slo.alerting.tiers.first { $0.severity == .ticket })
        let table = DetectionTable(.init(slo: slo))
        let history = Self.history(window: window)
        var race = Race(file: "", page: [], ticket: [])
        var groups: [String] = []
        for (index, ratio) in DetectionTable.ratios.enumerated() {
            let limit = 90
            let scenario = BurnSimulator.Scenario(
                phases: [(0, 0), (history, ratio)], recorded: false, horizon: history + limit)
            let simulator = BurnSimulator(scenario: scenario, interval: 1)
            let budget = slo.errorBudget
            let fire = { (tier: BurnRateTier, leftOpen: Bool) in
                fireMinute(simulator, tier, budget: budget, after: history, leftOpen: leftOpen, limit: limit)
            }
            let pageMinute = try #require(fire(page, false), "\(window) \(ratio): no page within \(limit) min")
            let ticketMinute = try #require(fire(ticket, false), "\(window) \(ratio): no ticket within \(limit) min")
            race.page.append(pageMinute)
            race.ticket.append(ticketMinute)
            // The history covers every page window: the table's steady-state cell is this minute
            // (the later of Prometheus 2 and 3).
            let laterConvention = max(pageMinute, fire(page, true) ?? .max)
            #expect(
                table.tierFire(.page)[index] == laterConvention,
                "\(window) \(ratio): the detection table says \(table.tierFire(.page)[index] ?? -1) min to page")
            let end = history + max(pageMinute, ticketMinute)
            let counters = { (share: (Double) -> Double) in
                FireTestSchedule.counterValues(scenario, horizon: end) { share($0) }
            }
            let traffic = FireTestSchedule.traffic
            var checks: [String] = []
            func check(_ selector: String, at minute: Int, firing: Bool) {
                guard minute >= 0 else { return }
                let samples = firing ? "[{labels: '{}', value: 1}]" : "[]"
                checks.append(
                    "      - expr: count(ALERTS{\(selector),alertstate=\"firing\"})\n"
                        + "        eval_time: \(history + minute)m\n        exp_samples: \(samples)")
            }
            for (severity, minute, rivalName) in [
                ("page", pageMinute, "RivalPage"), ("ticket", ticketMinute, "RivalTicket"),
            ] {
                let ours = #"slo_service="bench",slo_severity="\#(severity)""#
                check(ours, at: minute, firing: true)
                check(ours, at: minute - 1, firing: false)
                check(#"alertname="\#(rivalName)""#, at: minute - 2, firing: false)
            }
            groups.append(
                """
                  # \(NumberFormat.clean(ratio * 100))% errors after \(history) min: page +\(pageMinute), ticket +\(ticketMinute)
                  - interval: 1m
                    input_series:
                      - series: 'http_requests_total{job="bench",code="500"}'
                        values: '\(counters { ($0 * traffic).rounded() })'
                      - series: 'http_requests_total{job="bench",code="200"}'
                        values: '\(counters { traffic - ($0 * traffic).rounded() })'
                    promql_expr_test:
                \(checks.joined(separator: "\n"))
                """)
        }
        race.file = try scratch.write(
            "\(folder)/race.test.yml",
            "rule_files: [ours.yml, rival.yml]\nevaluation_interval: 1m\ntests:\n" + groups.joined(separator: "\n")
                + "\n")
        return race
    }

    /// Runs the races; the full outage must page within two minutes.
    static func run(_ races: [(window: String, race: Race)]) async throws {
        let outcomes = try await Promtool.runAll(
            races.map { ["test", "rules", $0.race.file] }, estimatedSeconds: races.map { _ in 6 })
        for ((window, race), outcome) in zip(races, outcomes) {
            #expect(outcome.status == 0, "\(window):\n\(outcome.output.suffix(4000))")
            #expect(race.page[0] <= 2, "\(window): a full outage pages after \(race.page[0]) min")
        }
    }

    @Test(.needsAnchors) func pagesAndTicketsNoLaterThanSlothAt30And28DaysAndTheWorkbookAt7() async throws {
        let scratch = try ScratchFolder()
        let races = [
            ("30d", try Self.race(window: "30d", rival: { _ in try Self.slothRules(days: 30) }, in: scratch)),
            ("28d", try Self.race(window: "28d", rival: { _ in try Self.slothRules(days: 28) }, in: scratch)),
            ("7d", try Self.race(window: "7d", rival: Self.workbookRules, in: scratch)),
        ]
        try await Self.run(races)
    }
}
