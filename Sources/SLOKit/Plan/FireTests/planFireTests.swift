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
    /// Each tier's alert as a check expects it, built once: every scenario checks them.
    let tierAlerts: [ExpectedAlertPlan]
    /// The raw input series by role, or the recorded error and total rates: printed once, each
    /// scenario only sets their values.
    private let rawInputs: [(role: SeriesSynthesis.Role, series: InputSeriesPlan)]
    private let errorsInput: InputSeriesPlan
    private let totalInput: InputSeriesPlan

    /// The tests' `evaluation_interval`: it divides 5 minutes, so the windows' tiles are exact.
    static let evaluation = DurationValue.minutes(5)
    /// The label that marks recorded series fed by a test (reserved: no spec label may be `slo_*`).
    static let inputLabel = (name: "slo_input", value: "fire-test")
    /// Simulations shared with the other SLOs of the compile.
    let schedules: SimulationCache

    init(slo: SLOModel, schedules: SimulationCache = SimulationCache()) {
        self.slo = slo
        self.schedules = schedules
        var labels = slo.labels
        labels[ReservedLabels.service] = slo.service
        labels[ReservedLabels.name] = slo.name
        ruleLabels = labels
        for label in slo.groupBy { labels[label] = "fire-test" }
        synthesized = SeriesSynthesis.series(for: slo)
        // Recorded series are fed under a label no rule writes, so they can never collide with a
        // sample the base recordings write themselves (a query ending in `or vector(0)` writes one
        // at every evaluation even without input); the rules then compute every window of this
        // label set from the fed series only.
        if synthesized == nil { labels[Self.inputLabel.name] = Self.inputLabel.value }
        seriesLabels = labels
        rawInputs = (synthesized ?? []).map {
            ($0.role, InputSeriesPlan(metric: $0.metric, labels: $0.labels, values: ""))
        }
        errorsInput = InputSeriesPlan(metric: SeriesNames.errorsRate, labels: labels, values: "")
        totalInput = InputSeriesPlan(metric: SeriesNames.totalRate, labels: labels, values: "")
        tierAlerts = slo.alerting.tiers.map { tier in
            ExpectedAlertPlan(
                labels: labels.merging(tier.labels) { $1 }, annotations: Self.plainAnnotations(tier.annotations))
        }
    }

    var isRaw: Bool { synthesized != nil }

    /// The SLO's scenarios, each keyed by its kind so a service can run the same kind for all
    /// its SLOs in one promtool test group (every group evaluates every rule of the file, so one
    /// group per kind keeps the cost linear in the number of SLOs).
    func plan() -> [(key: String, group: RuleTestGroupPlan)] { planWithImplied().groups }

    /// The scenarios, and the window pairs no scenario can observe (another pair of the same tier
    /// always fires with them: the Workbook's 2h/1d ticket pair is implied by 6h/3d).
    func planWithImplied() -> (groups: [(key: String, group: RuleTestGroupPlan)], implied: [BurnRateWindow]) {
        let schedule = schedules.schedule(for: FireTestSchedule.Key(slo: slo, recorded: !isRaw))
        var groups: [(String, RuleTestGroupPlan)] = []
        for entry in schedule.entries {
            switch entry.checks {
            case .burn(let checks):
                groups.append(
                    (entry.key, group(entry, checks: checks.map { burnCheck(at: $0.time, firing: $0.firing) })))
            case .exhausted(let quiet, let firing):
                guard let alert = slo.alerting.budgetExhausted else { continue }
                let expected = ExpectedAlertPlan(
                    labels: seriesLabels.merging(alert.labels) { $1 },
                    annotations: Self.plainAnnotations(alert.annotations))
                let checks = [
                    AlertCheckPlan(evalTime: .minutes(Int64(quiet)), alertName: alert.name, expected: []),
                    AlertCheckPlan(evalTime: .minutes(Int64(firing)), alertName: alert.name, expected: [expected]),
                ]
                groups.append((entry.key, group(entry, checks: checks)))
            case .zeroTraffic:
                groups.append((entry.key, zeroTrafficTest()))
            case .noData:
                if let group = noDataTest() { groups.append((entry.key, group)) }
            }
        }
        return (groups, schedule.implied)
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

    private func zeroTrafficTest() -> RuleTestGroupPlan {
        let horizon = 180
        var checks = [
            AlertCheckPlan(evalTime: .minutes(Int64(horizon)), alertName: slo.alerting.burnAlertName, expected: [])
        ]
        // An SLO fed through its recorded series has no raw input, so the query its no-data
        // alert watches is absent here: that alert is tested by the no-data scenario only.
        let quiet = [slo.alerting.budgetExhausted, isRaw ? slo.alerting.noData : nil].compactMap { $0 }
        for alert in quiet {
            checks.append(AlertCheckPlan(evalTime: .minutes(Int64(horizon)), alertName: alert.name, expected: []))
        }
        var own = SeriesSelector(slo: slo).matchers
        if !isRaw {
            own.insert(
                contentsOf: ",\(Self.inputLabel.name)=\"\(Self.inputLabel.value)\"", at: own.index(before: own.endIndex)
            )
        }
        let nan = "label_replace({__name__=~\"slo:.*\"}, \"metric\", \"$1\", \"__name__\", \"(.+)\")"
        let exprs = [
            ExprCheckPlan(expr: SeriesNames.budgetRemaining + own, evalTime: .minutes(Int64(horizon)), samples: []),
            ExprCheckPlan(
                expr: SeriesNames.errorRatio(slo.window.length) + own, evalTime: .minutes(Int64(horizon)), samples: []),
            ExprCheckPlan(expr: "\(nan) != \(nan)", evalTime: .minutes(Int64(horizon)), samples: []),
        ]
        let series =
            isRaw
            ? rawInputs.map { $0.series.with(values: "0+0x\(horizon)") }
            : [totalInput, errorsInput].map { $0.with(values: "0x\(horizon)") }
        return RuleTestGroupPlan(
            comment: "Zero traffic for 3 hours: the series exist but do not move. No alert fires and no series is NaN.",
            interval: .minutes(1), inputSeries: series, alertChecks: checks, exprChecks: exprs)
    }

    private func noDataTest() -> RuleTestGroupPlan? {
        guard let alert = slo.alerting.noData else { return nil }
        let query = slo.noDataQuery
        // `absent()` of a selector carries its `=` matchers; of any other expression, nothing.
        var labels: [String: String] = [:]
        if query.isSelector {
            guard let parsed = SeriesSynthesis.parse(query.text) else { return nil }
            for matcher in parsed.matchers where matcher.op == .equal && matcher.name != "__name__" {
                labels[matcher.name] = matcher.value
            }
        }
        let step = Self.evaluation.minutes
        let firing = (alert.forDuration.minutes + 2 * step - 1) / step * step
        let expected = ExpectedAlertPlan(
            labels: labels.merging(ruleLabels.merging(alert.labels) { $1 }) { $1 },
            annotations: Self.plainAnnotations(alert.annotations))
        return RuleTestGroupPlan(
            comment: "No series at all: after `for: \(alert.forDuration)` the no-data alert fires.",
            interval: .minutes(1), inputSeries: [],
            alertChecks: [
                AlertCheckPlan(evalTime: .minutes(Int64(firing)), alertName: alert.name, expected: [expected])
            ],
            exprChecks: [])
    }

    // MARK: Helpers

    /// The burn-rate alert check at `time`: the tiers at `firing` fire, with the SLO's labels.
    private func burnCheck(at time: Int, firing: [Int]) -> AlertCheckPlan {
        AlertCheckPlan(
            evalTime: .minutes(Int64(time)), alertName: slo.alerting.burnAlertName,
            expected: firing.map { tierAlerts[$0] })
    }

    /// Annotations promtool can compare literally; templated ones are checked through ALERTS.
    static func plainAnnotations(_ annotations: [String: String]) -> [String: String]? {
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

    private func group(_ entry: FireTestSchedule.Entry, checks: [AlertCheckPlan]) -> RuleTestGroupPlan {
        RuleTestGroupPlan(
            comment: entry.comment, interval: .minutes(1), inputSeries: inputSeries(entry), alertChecks: checks,
            exprChecks: [])
    }

    /// Counters (raw) or gauges (recorded) that follow the scenario's phases up to its horizon.
    private func inputSeries(_ entry: FireTestSchedule.Entry) -> [InputSeriesPlan] {
        if isRaw { return rawInputs.map { $0.series.with(values: entry.counters[$0.role]!) } }
        return [errorsInput.with(values: entry.gauge), totalInput.with(values: "1x\(entry.horizon)")]
    }

    static func render(_ metric: String, _ labels: [String: String]) -> String {
        var out = metric + "{"
        for (index, label) in labels.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out += "," }
            out += label.key + "=" + PromQLPrinter.quote(label.value)
        }
        return out + "}"
    }
}
