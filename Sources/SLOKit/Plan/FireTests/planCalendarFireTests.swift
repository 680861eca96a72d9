/// The calendar fire-tests of one service (`calendar.test.yml`): a calendar SLO's budget across a
/// period boundary, and each SLA commitment's "SLA at risk" alert, checked by promtool against the
/// unchanged `rules.yml`.
///
/// promtool's test clock starts at 1970-01-01 00:00 UTC, so a month boundary is a month of
/// evaluations away and a 91-day quarter half a year. Evaluating every rule every 5 minutes that
/// long would cost minutes of CPU (promtool evaluates every rule of the file at every step), so
/// these tests feed the 6-hour level `slo:sli_errors:increase6h` (and the total) under the
/// `slo_input` label, evaluate once a day at midnight, and let the rules build `increase1d` and the
/// calendar recordings from it: `increase1d` reads the input at 6-hour offsets, which all hold a
/// sample, and at midnight the hourly and 5-minute parts of the period-to-date sum are empty by
/// definition. The path from raw series to the levels is what `rules.test.yml` tests.
func planCalendarFireTests(_ service: ServiceModel) -> RuleTestFilePlan? {
    var groups: [RuleTestGroupPlan] = []
    for slo in service.slos {
        let commitment = SLACommitmentTerms(slo: slo, sla: service.sla)
        let planner = CalendarFireTests(slo: slo)
        if case .calendar(let period) = slo.window.spec, let group = planner.boundaryTest(period) {
            groups.append(group)
        }
        if let commitment { groups += planner.slaTests(commitment) }
    }
    guard !groups.isEmpty else { return nil }
    // A calendar group reads the levels its SLO group records at the same step: without an
    // order, promtool evaluates the groups in random order and the newest day is sometimes missing.
    return RuleTestFilePlan(
        ruleFile: "rules.yml", groups: groups, evaluationInterval: CalendarFireTests.evaluation,
        groupEvalOrder: planServiceRuleGroups(service).map(\.name))
}

/// The scenarios of one SLO; every time is in seconds since 1970-01-01 00:00 UTC.
struct CalendarFireTests {
    let slo: SLOModel
    /// The labels of the fed series and of every series and alert the rules derive from them.
    let labels: [String: String]

    /// The tests' `evaluation_interval`: the coarsest at which the day tiles are recorded.
    static let evaluation = DurationValue.days(1)
    static let day: Int64 = 86400
    static let step: Int64 = day
    /// The fed level and its step.
    static let input = DurationValue.hours(6)
    static let inputSeconds: Int64 = 6 * 3600
    /// All events per input step in every scenario (one a second).
    static let perStep: Double = 21600

    /// What every calendar scenario feeds: `errors` bad events and ``perStep`` events in all per
    /// input step, until `horizon`.
    func inputSeries(errors: String, horizon: Int64) -> [InputSeriesPlan] {
        [
            InputSeriesPlan(metric: SeriesNames.errorsIncrease(Self.input), labels: labels, values: errors),
            InputSeriesPlan(
                metric: SeriesNames.totalIncrease(Self.input), labels: labels,
                values: "\(NumberFormat.clean(Self.perStep))x\(horizon / Self.inputSeconds)"),
        ]
    }

    init(slo: SLOModel) {
        self.slo = slo
        var labels = slo.labels
        labels[ReservedLabels.service] = slo.service
        labels[ReservedLabels.name] = slo.name
        for label in slo.groupBy { labels[label] = "fire-test" }
        labels[FireTestPlanner.inputLabel.name] = FireTestPlanner.inputLabel.value
        self.labels = labels
    }

    /// The period instance a scenario uses: the first that starts at or after the epoch, except
    /// a quarter boundary, which crosses from the 91-day second quarter into the third.
    static func instance(_ period: CalendarPeriod, boundary: Bool) -> (start: Int64, length: Int64) {
        var start = UTCTime.periodStart(period, containing: 0)
        if start < 0 { start = UTCTime.periodEnd(period, startingAt: start) }
        if boundary && period == .quarter { start = UTCTime.periodEnd(period, startingAt: start) }
        return (start, UTCTime.periodEnd(period, startingAt: start) - start)
    }

    /// Bad events on the last days of the period (the 28th–30th of a month) spend its whole budget
    /// twice over: the budget-exhausted alert fires within the period, the period-to-date counts
    /// hold every one of them, and at the first evaluation of the next period the alert has
    /// cleared and nothing of the burst counts.
    func boundaryTest(_ period: CalendarPeriod) -> RuleTestGroupPlan? {
        guard let alert = slo.alerting.budgetExhausted else { return nil }
        let (start, length) = Self.instance(period, boundary: true)
        let end = start + length
        let budget = slo.errorBudget
        // Long enough that the bad share stays at most a half.
        let burstDays = max(3, Int64((4 * budget * Double(length) / Double(Self.day)).rounded(.up)))
        let burstStart = end - (burstDays + 1) * Self.day
        let burstEnd = end - Self.day
        let share = 2 * budget * Double(length) / Double(burstEnd - burstStart)
        guard share <= 1, burstStart > start else { return nil }
        // Exhausted when the bad events reach the budget of the whole period's events.
        let crossing = Double(burstStart) + budget * Double(length) / share
        let pending = (Int64(crossing.rounded(.down)) / Self.step + 1) * Self.step
        let hold = max(alert.forDuration.milliseconds / 1000, Self.step)
        let firing = (pending + hold + Self.step - 1) / Self.step * Self.step
        guard firing <= end - Self.step else { return nil }
        let horizon = end + Self.step
        let errors = levelValues(until: horizon) { hour in
            hour >= burstStart && hour < burstEnd ? share * Self.perStep : 0
        }
        var expected = labels.merging(alert.labels) { $1 }
        expected[ReservedLabels.period] = period.rawValue
        let annotations = FireTestPlanner.plainAnnotations(alert.annotations)
        let burst = share * Self.perStep * Double((burstEnd - burstStart) / Self.inputSeconds)
        let periodWords = Self.describe(period, start: start, end: end)
        return RuleTestGroupPlan(
            comment:
                "[\(slo.name)] Calendar \(period.rawValue) boundary (\(periodWords)): \(Readable.percent(share)) of the events are bad from \(UTCTime.readable(burstStart)) to \(UTCTime.readable(burstEnd)), twice the period's budget. The budget-exhausted alert fires at \(UTCTime.readable(firing)) and has cleared at the period's end; the \(NumberFormat.clean(burst)) bad events count in this \(period.rawValue) only.",
            interval: Self.input,
            inputSeries: inputSeries(errors: errors, horizon: horizon),
            alertChecks: [
                AlertCheckPlan(evalTime: seconds(burstStart), alertName: alert.name, expected: []),
                AlertCheckPlan(
                    evalTime: seconds(firing), alertName: alert.name,
                    expected: [ExpectedAlertPlan(labels: expected, annotations: annotations)]),
            ]
                + (firing == end - Self.step
                    ? []
                    : [
                        AlertCheckPlan(
                            evalTime: seconds(end - Self.step), alertName: alert.name,
                            expected: [ExpectedAlertPlan(labels: expected, annotations: annotations)])
                    ]) + [AlertCheckPlan(evalTime: seconds(end), alertName: alert.name, expected: [])],
            exprChecks: [
                near(SeriesNames.errorsToDate, period, at: end - Self.step, burst),
                near(SeriesNames.periodLength, period, at: end - Self.step, Double(length), input: false),
                near(SeriesNames.errorsToDate, period, at: end + Self.step, 0),
                near(SeriesNames.totalToDate, period, at: end + Self.step, Self.perStep * 4),
                near(SeriesNames.budgetRemaining, period, at: end + Self.step, 1),
            ])
    }

    /// A new error rate from the period's second day: at twice what the rest of the period can
    /// take the alert fires while the period so far is within the SLA, and the breach time is
    /// halfway from the rate's start to the period's end; at half that rate it stays quiet and its
    /// breach time lies after the period's end.
    func slaTests(_ commitment: SLACommitmentTerms) -> [RuleTestGroupPlan] {
        let period = commitment.period
        let (start, length) = Self.instance(period, boundary: false)
        let end = start + length
        let budget = commitment.errorBudget
        // Early in the period, so the test evaluates a few days, not the whole period.
        let rise = start + Self.day
        // Two evaluations: the alert is pending at the first, firing at the second.
        let check = rise + 2 * Self.step
        let name = slo.slaAtRiskAlertName
        var expected = labels.merging(
            planSLAAtRisk(slo, commitment: commitment, calendar: CalendarRules(slo: slo, period: period)).labels
        ) { $1 }
        expected[ReservedLabels.period] = period.rawValue
        var groups: [RuleTestGroupPlan] = []
        for factor in [2.0, 0.5] {
            let share = factor * budget * Double(length) / Double(end - rise)
            guard share <= 1 else { continue }
            let breach = Double(rise) + budget * Double(length) / share
            let horizon = check
            let errors = levelValues(until: horizon) { $0 >= rise ? share * Self.perStep : 0 }
            let fires = factor > 1
            let level = 100 * (1 - factor * budget)
            let tier = BudgetMath.credit(achievedPercent: level, tiers: commitment.credits)
            let checks = [
                AlertCheckPlan(evalTime: seconds(rise), alertName: name, expected: []),
                AlertCheckPlan(
                    evalTime: seconds(check), alertName: name,
                    expected: fires ? [ExpectedAlertPlan(labels: expected, annotations: nil)] : []),
            ]
            // The premise: the bad events so far are within what the whole period allows.
            let errorsSoFar = share * Double(check - rise)
            guard errorsSoFar < budget * Double(length) else { continue }
            var exprs = [
                near(SeriesNames.errorsToDate, period, at: check, errorsSoFar),
                near(SeriesNames.totalToDate, period, at: check, Double(check - start)),
            ]
            exprs.append(
                fires
                    ? near(SeriesNames.slaBreach, period, at: check, breach, tolerance: 60)
                    : ExprCheckPlan(
                        expr: "\(selector(SeriesNames.slaBreach, period)) > bool \(end)", evalTime: seconds(check),
                        samples: [(labels: sampleLabels(period), value: 1)]))
            let outcome =
                fires
                ? "fires by \(UTCTime.readable(check)) (projected level \(NumberFormat.clean(level))%, credit at stake: \(tier.map { "\(NumberFormat.clean($0.creditPercent))%" } ?? "none")), with the breach at \(UTCTime.readable(Int64(breach)))"
                : "stays quiet (projected level \(NumberFormat.clean(level))%)"
            groups.append(
                RuleTestGroupPlan(
                    comment:
                        "[\(slo.name)] SLA at risk, \(Self.describe(period, start: start, end: end)): from \(UTCTime.readable(rise)) \(Readable.percent(share)) of the events are bad, \(NumberFormat.clean(factor))× what the rest of the \(period.rawValue) can take against the SLA's \(NumberFormat.clean(commitment.objectivePercent))%. The alert \(outcome).",
                    interval: Self.input,
                    inputSeries: inputSeries(errors: errors, horizon: horizon),
                    alertChecks: checks, exprChecks: exprs))
        }
        return groups
    }

    // MARK: Helpers

    /// promtool values for the fed level from 0 to `until`: `value(stepStart)` per step, runs of
    /// equal values compressed (`0x239 108x47`).
    private func levelValues(until: Int64, _ value: (Int64) -> Double) -> String {
        var runs: [(value: Double, count: Int)] = []
        // The sample at h counts the step (h − 6h, h].
        for hour in stride(from: Int64(0), through: until, by: Int(Self.inputSeconds)) {
            let events = hour == 0 ? 0 : value(hour - Self.inputSeconds)
            if let last = runs.last, last.value == events {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((events, 1))
            }
        }
        return runs.map { "\(NumberFormat.clean($0.value))x\($0.count - 1)" }.joined(separator: " ")
    }

    private func seconds(_ value: Int64) -> DurationValue { DurationValue(milliseconds: value * 1000) }

    private func selector(_ metric: String, _ period: CalendarPeriod) -> String {
        CalendarRules(slo: slo, period: period).select(metric)
    }

    /// The labels of a derived series, as promtool prints them (the fed labels and the period).
    private func sampleLabels(_ period: CalendarPeriod, input: Bool = true) -> String {
        var set = input ? labels : labels.filter { $0.key != FireTestPlanner.inputLabel.name }
        if !input { for label in slo.groupBy { set[label] = nil } }
        set[ReservedLabels.period] = period.rawValue
        return FireTestPlanner.render("", set)
    }

    /// `metric` is within `tolerance` (relative 1e-9 by default) of `value` at `time`.
    private func near(
        _ metric: String, _ period: CalendarPeriod, at time: Int64, _ value: Double, tolerance: Double? = nil,
        input: Bool = true
    ) -> ExprCheckPlan {
        let bound = tolerance ?? max(1e-9, abs(value) * 1e-9)
        return ExprCheckPlan(
            expr: "abs(\(selector(metric, period)) - \(NumberFormat.clean(value))) < bool \(NumberFormat.clean(bound))",
            evalTime: seconds(time), samples: [(labels: sampleLabels(period, input: input), value: 1)])
    }

    static func describe(_ period: CalendarPeriod, start: Int64, end: Int64) -> String {
        "\(period.rawValue) \(UTCTime.readable(start)) to \(UTCTime.readable(end)), \((end - start) / day) days"
    }
}

/// The note at the top of `calendar.test.yml`: why it feeds 6-hour levels and steps a day.
let calendarTestsNote =
    "Calendar periods in promtool's clock, which starts at 1970-01-01 00:00 UTC: the tests feed the 6-hour levels slo:sli_errors:increase6h and slo:sli_total:increase6h and evaluate once a day at midnight, so a month or a 91-day quarter costs a few dozen evaluations instead of tens of thousands; the rules build increase1d and the calendar series from them. rules.test.yml tests the raw series up to those levels."
