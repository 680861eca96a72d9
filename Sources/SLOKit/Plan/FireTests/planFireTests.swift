/// The fire-tests of one SLO: scenarios whose outcome the burn-rate maths predicts, checked by
/// promtool against the generated rules.
///
/// Scenarios: each burn-rate window pair at 1.1× its threshold after a healthy history as long as
/// its long window (quiet just before the predicted time, firing at it, quiet again after
/// recovery), errors at 0.9× the lowest threshold (never fires), a full outage (pages), zero
/// traffic (nothing, and no NaN), a spent budget, and missing metrics (no-data alert).
struct FireTestPlanner {
    let slo: SLOModel
    /// Labels of the SLO's recorded series in the tests (rule labels plus synthetic group values).
    let seriesLabels: [String: String]
    /// Labels the rules themselves set (no group labels): what an `absent()` alert carries.
    let ruleLabels: [String: String]
    /// Raw input series, or nil: the tests then feed the first recorded series.
    let synthesized: [SeriesSynthesis.Series]?

    /// Requests per minute in raw scenarios. Shares are rounded to whole requests, so counters
    /// hold integers that promtool adds up exactly (a fractional step accumulates rounding error
    /// and a segment boundary could then look like a counter reset).
    static let traffic = 100_000_000.0
    static let evaluation = DurationValue.minutes(5)
    /// At most this much healthy history before errors start (keeps long-window tests cheap).
    static let maxHistory = 3 * 24 * 60

    init(slo: SLOModel) {
        self.slo = slo
        var labels = slo.labels
        labels[ReservedLabels.service] = slo.service
        labels[ReservedLabels.name] = slo.name
        ruleLabels = labels
        for label in slo.groupBy { labels[label] = "fire-test" }
        seriesLabels = labels
        synthesized = SeriesSynthesis.series(for: slo)
    }

    var isRaw: Bool { synthesized != nil }

    /// The SLO's scenarios, each keyed by its kind so a service can run the same kind for all
    /// its SLOs in one promtool test group (every group evaluates every rule of the file, so one
    /// group per kind keeps the cost linear in the number of SLOs).
    func plan() -> [(key: String, group: RuleTestGroupPlan)] { planWithImplied().groups }

    /// The scenarios, and the window pairs no scenario can observe (another pair of the same tier
    /// always fires with them: the Workbook's 2h/1d ticket pair is implied by 6h/3d).
    func planWithImplied() -> (groups: [(key: String, group: RuleTestGroupPlan)], implied: [BurnRateWindow]) {
        var implied: [BurnRateWindow] = []
        var groups: [(String, RuleTestGroupPlan)] = []
        let budget = slo.errorBudget
        let lowest = slo.alerting.tiers.flatMap(\.windows).min { $0.factor < $1.factor }
        var testedLowest = false
        for tier in slo.alerting.tiers {
            for (index, pair) in tier.windows.enumerated() {
                let isLowest = pair == lowest
                let test = pairTest(tier: tier, pair: pair, budget: budget, belowHistory: isLowest)
                if test == nil, isImplied(pair, in: tier) { implied.append(pair) }
                if let group = test {
                    groups.append(("\(tier.severity.rawValue)-\(index)", group))
                    testedLowest = testedLowest || (isLowest && pair.long.minutes <= Self.maxHistory)
                }
            }
        }
        if !testedLowest, let group = belowThresholdTest(budget: budget) { groups.append(("below", group)) }
        if let group = outageTest() { groups.append(("outage", group)) }
        groups.append(("zero", zeroTrafficTest()))
        if let group = exhaustedTest(budget: budget) { groups.append(("exhausted", group)) }
        if let group = noDataTest() { groups.append(("no-data", group)) }
        return (groups, implied)
    }

    /// Every raw selector the SLO's rules read: a test series matched by another SLO's selector
    /// would feed that SLO too, so such SLOs get separate test groups.
    var rawSelectors: [PromQLVectorSelector] {
        var queries: [String] = []
        func add(_ query: EventQuery) {
            switch query {
            case .selector(let text): queries.append(text)
            case .template(let text): queries.append(text.replacingAll(QuerySpec.windowPlaceholder, with: "5m"))
            }
        }
        switch slo.sli {
        case .errors(let a, let b), .good(let a, let b):
            add(a)
            add(b)
        case .errorRatio(let template): add(.template(template))
        case .latency(let metric, let matchers, _):
            queries += ["\(metric)_bucket{\(matchers)}", "\(metric)_count{\(matchers)}"]
        case .timeslice(let query, _, _): queries.append(query)
        }
        return queries.flatMap { query -> [PromQLVectorSelector] in
            guard let expr = try? PromQLParser.parseSyntax(query) else { return [] }
            return expr.selectors.map(\.selector)
        }
    }

    /// Every alert name this SLO defines: two SLOs sharing one cannot share a test group.
    var alertNames: Set<String> {
        var names: Set<String> = [slo.alerting.burnAlertName]
        for alert in [slo.alerting.budgetExhausted, slo.alerting.noData].compactMap({ $0 }) { names.insert(alert.name) }
        return names
    }

    // MARK: Scenarios

    /// One window pair: errors at 1.1× its threshold after a history long enough to dilute the
    /// tier's slower pairs, so this pair is the one that fires. For the lowest threshold of all the
    /// history runs at 0.9× that threshold, which doubles as the "just below fires nothing" test.
    private func pairTest(
        tier: BurnRateTier, pair: BurnRateWindow, budget: Double, belowHistory: Bool
    ) -> RuleTestGroupPlan? {
        let threshold = pair.factor * budget
        let share = quantize(min(1, 1.1 * threshold))
        guard share > threshold * (1 + BurnSimulator.margin) else { return nil }
        let slower = tier.windows.filter { $0.factor < pair.factor }.map(\.long.minutes)
        let wanted = (slower + [pair.long.minutes]).max()!
        // A history as long as the window proves the window's length; past 3 days that costs too
        // many evaluations, so such pairs start erroring at once and prove their threshold only.
        let belowHistory = belowHistory && wanted <= Self.maxHistory
        let start = wanted <= Self.maxHistory ? roundUp(wanted) : 60
        let before = belowHistory ? quantize(0.9 * threshold) : 0
        // The maths' crossing time, plus the rules' own lag: a 5-minute rate and 5-minute steps.
        let crossing = (threshold - before) / (share - before)
        let promised = Int((Double(pair.long.minutes) * crossing).rounded(.up)) + 2 * BurnSimulator.step
        let deadline = start + pair.long.minutes + pair.short.minutes + 6 * BurnSimulator.step
        var scenario = BurnSimulator.Scenario(
            phases: [(0, before), (start, share)], recorded: !isRaw, horizon: deadline)
        var simulator = BurnSimulator(scenario: scenario)
        guard
            let firing = firstTime(
                from: start, through: deadline, simulator,
                where: {
                    self.fires(tier, $0, $1) == .yes && self.burnCheck(at: $1, $0) != nil
                })
        else { return nil }
        // The pair must matter: without it the tier would fire later (else it is implied).
        var others = tier
        others.windows.removeAll { $0 == pair }
        if !others.windows.isEmpty, fires(others, simulator, firing) != .no { return nil }
        var checks: [AlertCheckPlan] = []
        if belowHistory {
            for time in Set([60, 24 * 60, start].map(roundUp)).sorted() where time <= start {
                guard let check = burnCheck(at: time, simulator), check.expected.isEmpty else { return nil }
                checks.append(check)
            }
        } else if let baseline = burnCheck(at: start, simulator) {
            checks.append(baseline)
        }
        if let quiet = lastTime(
            before: firing, after: start, simulator,
            where: {
                self.fires(tier, $0, $1) == .no && self.burnCheck(at: $1, $0) != nil
            }), let check = burnCheck(at: quiet, simulator)
        {
            checks.append(check)
        }
        guard let fired = burnCheck(at: firing, simulator) else { return nil }
        checks.append(fired)
        // Recovery: errors stop; the short window must clear the alert.
        let stop = firing
        let recoveryEnd = stop + pair.short.minutes + 4 * BurnSimulator.step
        scenario = BurnSimulator.Scenario(
            phases: [(0, before), (start, share), (stop, 0)], recorded: !isRaw, horizon: recoveryEnd)
        simulator = BurnSimulator(scenario: scenario)
        var horizon = firing
        if let cleared = firstTime(
            from: stop + BurnSimulator.step, through: recoveryEnd, simulator,
            where: {
                self.pairFires(pair, $0, $1) == .no && self.burnCheck(at: $1, $0) != nil
            }), let check = burnCheck(at: cleared, simulator)
        {
            checks.append(check)
            horizon = cleared
        } else {
            scenario.phases.removeLast()
        }
        let history =
            belowHistory
            ? "\(DurationText.words(.minutes(Int64(start)))) at 0.9× this lowest threshold (nothing may fire)"
            : "\(DurationText.words(.minutes(Int64(start)))) of healthy traffic"
        let comment = """
            \(tier.severity.rawValue) \(pair.short)/\(pair.long) at \(NumberFormat.clean(pair.factor))×: errors at 1.1× \
            that rate (\(DurationText.percent(share)) of requests) after \(history). The maths crosses the threshold \
            \(DurationText.words(.minutes(Int64(promised - 2 * BurnSimulator.step)))) in, so with the rules' 5-minute \
            rates and steps the alert is due by +\(DurationText.words(.minutes(Int64(promised)))); it is checked quiet \
            before and firing at +\(DurationText.words(.minutes(Int64(firing - start)))), the first evaluation where \
            Prometheus 2 and 3 agree with a 3% margin, then cleared within \(DurationText.words(pair.short)) of recovery.
            """
        return group(comment: comment, scenario: scenario, horizon: horizon, checks: checks)
    }

    private func isImplied(_ pair: BurnRateWindow, in tier: BurnRateTier) -> Bool {
        tier.windows.contains { other in
            other != pair && other.budgetShare >= pair.budgetShare && other.long >= pair.long
        }
    }

    private func belowThresholdTest(budget: Double) -> RuleTestGroupPlan? {
        let lowest = slo.alerting.tiers.flatMap(\.windows).min { $0.factor < $1.factor }
        guard let lowest else { return nil }
        let share = quantize(0.9 * lowest.factor * budget)
        let longest = slo.alerting.tiers.flatMap(\.windows).map(\.long.minutes).max() ?? 60
        let horizon = roundUp(min(longest, Self.maxHistory) + 60)
        let scenario = BurnSimulator.Scenario(phases: [(0, share)], recorded: !isRaw, horizon: horizon)
        let simulator = BurnSimulator(scenario: scenario)
        var checks: [AlertCheckPlan] = []
        for time in Set([30, 120, horizon / 2, horizon].map(roundUp)).sorted() where time <= horizon {
            guard allQuiet(time, simulator) else { return nil }
            checks.append(
                AlertCheckPlan(evalTime: .minutes(Int64(time)), alertName: slo.alerting.burnAlertName, expected: []))
        }
        let comment = """
            Errors at 0.9× the lowest threshold (\(NumberFormat.clean(lowest.factor))× burn, \(DurationText.percent(share)) of requests) \
            for \(DurationText.words(.minutes(Int64(horizon)))): no burn-rate alert may fire.
            """
        return group(comment: comment, scenario: scenario, horizon: horizon, checks: checks)
    }

    private func outageTest() -> RuleTestGroupPlan? {
        guard let page = slo.alerting.tiers.first(where: { $0.severity == .page }) ?? slo.alerting.tiers.first else {
            return nil
        }
        let start = 60
        let scenario = BurnSimulator.Scenario(phases: [(0, 0), (start, 1)], recorded: !isRaw, horizon: start + 120)
        let simulator = BurnSimulator(scenario: scenario)
        guard
            let firing = firstTime(
                from: start, through: start + 120, simulator, where: { self.fires(page, $0, $1) == .yes }),
            let quiet = burnCheck(at: start, simulator), let fired = burnCheck(at: firing, simulator)
        else { return nil }
        let comment = """
            Full outage from minute \(start): every request fails. The \(page.severity.rawValue) alert fires \
            \(DurationText.words(.minutes(Int64(firing - start)))) later (rules evaluated every 5 minutes).
            """
        return group(comment: comment, scenario: scenario, horizon: firing, checks: [quiet, fired])
    }

    private func zeroTrafficTest() -> RuleTestGroupPlan {
        let horizon = 180
        var checks = [
            AlertCheckPlan(evalTime: .minutes(Int64(horizon)), alertName: slo.alerting.burnAlertName, expected: [])
        ]
        for alert in [slo.alerting.budgetExhausted, slo.alerting.noData].compactMap({ $0 }) {
            checks.append(AlertCheckPlan(evalTime: .minutes(Int64(horizon)), alertName: alert.name, expected: []))
        }
        let own = SeriesSelector(slo: slo).matchers
        let nan = "label_replace({__name__=~\"slo:.*\"}, \"metric\", \"$1\", \"__name__\", \"(.+)\")"
        let exprs = [
            ExprCheckPlan(expr: SeriesNames.budgetRemaining + own, evalTime: .minutes(Int64(horizon)), samples: []),
            ExprCheckPlan(
                expr: SeriesNames.errorRatio(slo.window.length) + own, evalTime: .minutes(Int64(horizon)), samples: []),
            ExprCheckPlan(expr: "\(nan) != \(nan)", evalTime: .minutes(Int64(horizon)), samples: []),
        ]
        let series: [InputSeriesPlan]
        if let synthesized {
            series = synthesized.map { InputSeriesPlan(metric: $0.metric, labels: $0.labels, values: "0+0x\(horizon)") }
        } else {
            let values = "0x\(horizon)"
            series = [SeriesNames.totalRate, SeriesNames.errorsRate].map {
                InputSeriesPlan(metric: $0, labels: seriesLabels, values: values)
            }
        }
        return RuleTestGroupPlan(
            comment: "Zero traffic for 3 hours: the series exist but do not move. No alert fires and no series is NaN.",
            interval: .minutes(1), inputSeries: series, alertChecks: checks, exprChecks: exprs)
    }

    private func exhaustedTest(budget: Double) -> RuleTestGroupPlan? {
        guard let alert = slo.alerting.budgetExhausted else { return nil }
        let share = quantize(min(1, 20 * budget))
        let start = 30
        let hold = alert.forDuration.minutes
        let horizon = roundUp(start + hold + 240)
        let scenario = BurnSimulator.Scenario(phases: [(0, 0), (start, share)], recorded: !isRaw, horizon: horizon)
        let simulator = BurnSimulator(scenario: scenario)
        let window = slo.window.length.minutes
        guard
            let firing = firstTime(
                from: start, through: horizon, simulator,
                where: {
                    $0.exhausted(window: window, budget: budget, for: hold, at: $1) == .yes
                })
        else { return nil }
        let expected = ExpectedAlertPlan(
            labels: seriesLabels.merging(alert.labels) { $1 }, annotations: plainAnnotations(alert.annotations))
        let checks = [
            AlertCheckPlan(evalTime: .minutes(Int64(start)), alertName: alert.name, expected: []),
            AlertCheckPlan(evalTime: .minutes(Int64(firing)), alertName: alert.name, expected: [expected]),
        ]
        let comment = """
            Errors at \(DurationText.percent(share)) of requests from minute \(start): the window's error ratio passes the \
            budget (\(DurationText.percent(budget))) and, after `for: \(alert.forDuration)`, the budget-exhausted alert fires.
            """
        return group(comment: comment, scenario: scenario, horizon: firing, checks: checks)
    }

    private func noDataTest() -> RuleTestGroupPlan? {
        guard let alert = slo.alerting.noData, let selector = slo.noDataSelector,
            let parsed = SeriesSynthesis.parse(selector)
        else { return nil }
        var labels: [String: String] = [:]
        for matcher in parsed.matchers where matcher.op == .equal && matcher.name != "__name__" {
            labels[matcher.name] = matcher.value
        }
        let firing = roundUp(alert.forDuration.minutes + BurnSimulator.step)
        let expected = ExpectedAlertPlan(
            labels: labels.merging(ruleLabels.merging(alert.labels) { $1 }) { $1 },
            annotations: plainAnnotations(alert.annotations))
        return RuleTestGroupPlan(
            comment: "No series at all: after `for: \(alert.forDuration)` the no-data alert fires.",
            interval: .minutes(1), inputSeries: [],
            alertChecks: [
                AlertCheckPlan(evalTime: .minutes(Int64(firing)), alertName: alert.name, expected: [expected])
            ],
            exprChecks: [])
    }

    // MARK: Helpers

    private func fires(_ tier: BurnRateTier, _ simulator: BurnSimulator, _ time: Int) -> BurnSimulator.Truth {
        simulator.tierFires(tier, budget: slo.errorBudget, at: time)
    }

    private func pairFires(_ pair: BurnRateWindow, _ simulator: BurnSimulator, _ time: Int) -> BurnSimulator.Truth {
        let threshold = pair.factor * slo.errorBudget
        return simulator.exceeds(window: pair.short.minutes, threshold: threshold, at: time)
            && simulator.exceeds(window: pair.long.minutes, threshold: threshold, at: time)
    }

    private func allQuiet(_ time: Int, _ simulator: BurnSimulator) -> Bool {
        slo.alerting.tiers.allSatisfy { fires($0, simulator, time) == .no }
    }

    /// The burn-rate check at `time`: every tier's state must be certain, else nil.
    private func burnCheck(at time: Int, _ simulator: BurnSimulator) -> AlertCheckPlan? {
        var expected: [ExpectedAlertPlan] = []
        for tier in slo.alerting.tiers {
            switch fires(tier, simulator, time) {
            case .unknown: return nil
            case .no: continue
            case .yes:
                expected.append(
                    ExpectedAlertPlan(
                        labels: seriesLabels.merging(tier.labels) { $1 },
                        annotations: plainAnnotations(tier.annotations)))
            }
        }
        return AlertCheckPlan(
            evalTime: .minutes(Int64(time)), alertName: slo.alerting.burnAlertName, expected: expected)
    }

    private func firstTime(
        from start: Int, through end: Int, _ simulator: BurnSimulator, where condition: (BurnSimulator, Int) -> Bool
    ) -> Int? {
        var time = roundUp(start)
        while time <= end {
            if condition(simulator, time) { return time }
            time += BurnSimulator.step
        }
        return nil
    }

    private func lastTime(
        before end: Int, after start: Int, _ simulator: BurnSimulator, where condition: (BurnSimulator, Int) -> Bool
    ) -> Int? {
        var time = end - BurnSimulator.step
        while time > start {
            if condition(simulator, time) { return time }
            time -= BurnSimulator.step
        }
        return nil
    }

    /// A share of whole requests per minute.
    private func quantize(_ share: Double) -> Double {
        isRaw ? (share * Self.traffic).rounded() / Self.traffic : share
    }

    private func roundUp(_ minutes: Int) -> Int {
        (minutes + BurnSimulator.step - 1) / BurnSimulator.step * BurnSimulator.step
    }

    /// Annotations promtool can compare literally; templated ones are checked through ALERTS.
    private func plainAnnotations(_ annotations: [String: String]) -> [String: String]? {
        annotations.values.contains { Self.hasTemplate($0) } ? nil : annotations
    }

    private static func hasTemplate(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{"), previous == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }

    private func group(
        comment: String, scenario: BurnSimulator.Scenario, horizon: Int, checks: [AlertCheckPlan]
    ) -> RuleTestGroupPlan {
        RuleTestGroupPlan(
            comment: comment, interval: .minutes(1),
            inputSeries: inputSeries(scenario, horizon: horizon), alertChecks: checks, exprChecks: [])
    }

    /// Counters (raw) or gauges (recorded) that follow the scenario's phases up to `horizon`.
    private func inputSeries(_ scenario: BurnSimulator.Scenario, horizon: Int) -> [InputSeriesPlan] {
        if let synthesized {
            return synthesized.map { series in
                let perMinute: (Double) -> Double = {
                    switch series.role {
                    case .bad: ($0 * Self.traffic).rounded()
                    case .good: Self.traffic - ($0 * Self.traffic).rounded()
                    case .all: Self.traffic
                    }
                }
                return InputSeriesPlan(
                    metric: series.metric, labels: series.labels,
                    values: Self.counterValues(scenario, horizon: horizon, increment: perMinute))
            }
        }
        return [
            InputSeriesPlan(
                metric: SeriesNames.errorsRate, labels: seriesLabels,
                values: Self.gaugeValues(scenario, horizon: horizon)),
            InputSeriesPlan(metric: SeriesNames.totalRate, labels: seriesLabels, values: "1x\(horizon)"),
        ]
    }

    /// `0+dx N` segments, one per phase; a sample per minute.
    static func counterValues(_ scenario: BurnSimulator.Scenario, horizon: Int, increment: (Double) -> Double) -> String
    {
        var segments: [String] = []
        var value = 0.0
        var minute = 0
        let bounds = scenario.phases.map(\.from).filter { $0 > 0 && $0 < horizon } + [horizon]
        for bound in bounds {
            let step = increment(scenario.share(atMinute: minute + 1))
            if minute == 0 {
                segments.append("0+\(NumberFormat.clean(step))x\(bound)")
                value = step * Double(bound)
            } else {
                let first = value + step
                segments.append("\(NumberFormat.clean(first))+\(NumberFormat.clean(step))x\(bound - minute - 1)")
                value = first + step * Double(bound - minute - 1)
            }
            minute = bound
        }
        return segments.joined(separator: " ")
    }

    /// A sample a minute: the share of bad events at that time (recorded rates fed as gauges).
    static func gaugeValues(_ scenario: BurnSimulator.Scenario, horizon: Int) -> String {
        var segments: [String] = []
        var minute = 0
        while minute <= horizon {
            let share = scenario.share(atMinute: minute)
            var end = minute
            while end + 1 <= horizon, scenario.share(atMinute: end + 1) == share { end += 1 }
            segments.append("\(NumberFormat.clean(share))x\(end - minute)")
            minute = end + 1
        }
        return segments.joined(separator: " ")
    }

    static func render(_ metric: String, _ labels: [String: String]) -> String {
        let body = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\(PromQLPrinter.quote($0.value))" }
        return "\(metric){\(body.joined(separator: ","))}"
    }
}
