import Foundation
import Testing

@testable import SLOKit

/// The detection table's ticket cells and its reset column against promtool (issue 16).
///
/// `DetectionRaceTests` checks the page cells through the race with Sloth; the ticket cells and
/// the reset column of BUDGET.md (and the ticket column of ALERTS.md) come from the same
/// simulator and are checked here, for a 7-day 99.9% SLO with the policy's four pairs (the
/// longest window is 17 hours; at 30 days the ticket's 3-day window would need 3 days of
/// evaluations per promtool run, some 25 s of CPU, where this costs about a third of that).
///
/// One scenario per error ratio: clean history longer than every window, then errors at the
/// ratio until the slowest pair has fired and one short window more (the table's reset scenario
/// for that pair), then none. The SLO groups by a `case` label and each ratio is one value of
/// it, so one rule set and one promtool run cover the whole table. Per pair, promtool evaluates
/// the pair's own condition (its block of the generated alert's `or`, narrowed to the case) at the
/// simulator's minutes under Prometheus 2's convention (the promtool at hand): firing at the fire
/// minute and not the minute before; still firing the minute before the reset and not at it. The
/// fire minutes are every pair's table cell; the reset minutes are the table's cell for the
/// slowest pair of each ratio and the simulator's prediction for the shared scenario for the
/// others (their errors last longer than in their own cell). A minute the simulator leaves
/// undecided (within floating-point noise of a threshold) is not checked.
@Suite struct DetectionTablePromtoolTests {
    static let spec = """
        version: slo/v1
        service: bench
        window: 7d
        slos:
          - name: availability
            objective: 99.9
            sli:
              errors: http_requests_total{job="bench",code=~"5.."}
              total: http_requests_total{job="bench"}
              groupBy: [case]
        """

    /// Each alert pair's condition in the generated rules, by its windows: the blocks of the
    /// alerts' `or`, as written.
    static func pairConditions(_ rules: String) -> [String: String] {
        var found: [String: String] = [:]
        for alert in rules.components(separatedBy: "  - alert: ").dropFirst() {
            // The block scalar under `expr: |`, up to the next key of the rule.
            let lines = alert.split(separator: "\n", omittingEmptySubsequences: false)
            guard let start = lines.firstIndex(where: { $0.hasPrefix("    expr: |") }) else { continue }
            let body = lines[(start + 1)...].prefix { $0.hasPrefix("      ") }.map { $0.dropFirst(6) }
            for block in body.joined(separator: "\n").components(separatedBy: "\nor\n") {
                let windows = block.matches(of: /ratio_rate(\w+)\{/).map { String($0.output.1) }
                guard windows.count == 2 else { continue }
                found["\(windows[0])/\(windows[1])"] = block.split(separator: "\n").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.joined(separator: " ")
            }
        }
        return found
    }

    @Test func ticketAndResetCellsAgreeWithPromtool() async throws {
        let source = SourceFile(path: "bench.yaml", text: Self.spec)
        let result = Compiler().compile([source])
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        let slo = try #require(Compiler().check([source]).models.first?.slos.first)
        let rules = try #require(result.files.first { $0.path.hasSuffix("/rules.yml") }).contents
        let conditions = Self.pairConditions(rules)
        let table = DetectionTable(.init(slo: slo))
        #expect(Set(table.rows.map(\.severity)) == [.page, .ticket])
        let budget = slo.errorBudget
        // Clean history: the longest window and an hour, so every window and level is full.
        let longest = table.rows.map(\.pair.long.minutes).max()!
        let history = longest + 60
        var series: [String] = []
        var checks: [String] = []
        var end = 0
        var cells = (fire: 0, exactReset: 0, tickets: 0)
        for (index, ratio) in DetectionTable.ratios.enumerated() {
            let rows = table.rows.compactMap { row in row.cells[index].map { (row, $0) } }
            guard let stop = rows.map({ $0.1.stop($0.0.pair) }).max() else { continue }
            let name = "r\(index)"
            let limit = history + stop + longest + 2 * BurnSimulator.tile + 60
            // The scenario with a real history, as promtool gets it: the simulator must give the
            // table's minutes, or the history is too short to stand for a clean past.
            let scenario = BurnSimulator.Scenario(
                phases: [(0, 0), (history, ratio), (history + stop, 0)], recorded: false, horizon: limit)
            let simulator = BurnSimulator(scenario: scenario, interval: 1)
            var horizon = 0
            var planned: [(condition: String, fire: Int, reset: Int, pair: BurnRateWindow)] = []
            for (row, cell) in rows {
                let key = "\(row.pair.short)/\(row.pair.long)"
                let condition = try #require(conditions[key], "no alert pair \(key) in the rules")
                let fires = { (minute: Int) in
                    simulator.pairFires(row.pair, budget: budget, at: minute, leftOpen: false)
                }
                let fire = try #require((history + 1...history + stop).first { fires($0) == .yes })
                #expect(fire == history + cell.fireByConvention[0], "\(key) at \(ratio): fire minute")
                let reset = try #require(
                    (history + stop + 1...limit).first { fires($0) == .no }, "\(key) at \(ratio): no reset")
                if cell.stop(row.pair) == stop {
                    #expect(reset == history + stop + cell.resetByConvention[0], "\(key) at \(ratio): reset minute")
                    cells.exactReset += 1
                }
                cells.fire += 1
                if row.severity == .ticket { cells.tickets += 1 }
                horizon = max(horizon, reset + 1)
                planned.append((condition, fire, reset, row.pair))
            }
            end = max(end, horizon)
            let traffic = FireTestSchedule.traffic
            let counters = { (share: (Double) -> Double) in
                FireTestSchedule.counterValues(scenario, horizon: horizon) { share($0) }
            }
            series.append(
                """
                      - series: 'http_requests_total{job="bench",case="\(name)",code="500"}'
                        values: '\(counters { ($0 * traffic).rounded() })'
                      - series: 'http_requests_total{job="bench",case="\(name)",code="200"}'
                        values: '\(counters { traffic - ($0 * traffic).rounded() })'
                """)
            for (condition, fire, reset, pair) in planned {
                let narrowed = condition.replacingOccurrences(
                    of: #"slo_name="availability"}"#, with: #"slo_name="availability",case="\#(name)"}"#)
                for (minute, firing) in [(fire, true), (fire - 1, false), (reset - 1, true), (reset, false)]
                where simulator.pairFires(pair, budget: budget, at: minute, leftOpen: false) == (firing ? .yes : .no) {
                    checks.append(
                        """
                              - expr: count(\(narrowed))
                                eval_time: \(minute)m
                                exp_samples: \(firing ? "[{labels: '{}', value: 1}]" : "[]")
                        """)
                }
            }
        }
        #expect(cells.tickets == 2 * DetectionTable.ratios.count, "both ticket pairs at every ratio")
        #expect(cells.exactReset >= DetectionTable.ratios.count)
        #expect(checks.count >= 4 * cells.fire - 4, "few minutes left undecided")
        let scratch = try ScratchFolder()
        try scratch.write("rules.yml", rules)
        let file = try scratch.write(
            "table.test.yml",
            """
            rule_files: [rules.yml]
            evaluation_interval: 1m
            tests:
              # \(cells.fire) cells of a 7-day 99.9% SLO, \(history) min of clean history, until minute \(end)
              - interval: 1m
                input_series:
            \(series.joined(separator: "\n"))
                promql_expr_test:
            \(checks.joined(separator: "\n"))

            """)
        let outcome = try await Promtool.run(["test", "rules", file], estimatedSeconds: 12)
        #expect(outcome.status == 0, "\(outcome.output.suffix(4000))")
    }
}
