extension SLOReportPlan {
    /// The report rows: one per group with data, or one "no data" row. A `problem` (a live check
    /// that failed, such as a threshold that is no bucket bound) makes one `misconfigured` row
    /// without numbers: they would be wrong rather than bad.
    func reports(_ measured: MeasuredSLO, problem: String? = nil) -> [SLOReport] {
        if let problem { return [misconfigured(problem)] }
        let keys = measured.keys.isEmpty ? [""] : measured.keys
        return keys.map { report(measured, key: $0) }
    }

    private func report(_ measured: MeasuredSLO, key: String) -> SLOReport {
        let budget = slo.errorBudget
        let current = measure(span, length: length, measured: measured, key: key)
        let burns = Self.burnWindows.map { window in
            (
                window.name,
                measured.errorRatio(ending(at: at, seconds: window.seconds), key: key, plan: self)
                    .map { $0 / budget }
            )
        }
        let currentBurn = burns.first?.1
        let alerts = alertPairs.map { pair in
            let short = measured.errorRatio(
                ending(at: at, seconds: pair.window.short.milliseconds / 1000), key: key, plan: self
            ).map { $0 / budget }
            let long = measured.errorRatio(
                ending(at: at, seconds: pair.window.long.milliseconds / 1000), key: key, plan: self
            ).map { $0 / budget }
            return AlertCheck(
                severity: pair.severity, alertName: pair.alertName, short: pair.window.short.description,
                long: pair.window.long.description, factor: pair.window.factor, shortBurn: short, longBurn: long,
                firing: (short ?? 0) > pair.window.factor && (long ?? 0) > pair.window.factor)
        }
        var period = current
        if period.status == .healthy, (currentBurn ?? 0) > 1 || alerts.contains(where: \.firing) {
            period.status = .burning
        }
        // A projection needs a measured period: from a sliver of it, it would extrapolate noise.
        var exhaustion: Exhaustion?
        if period.sufficient, let remaining = current.remaining, remaining > 0, let burn = currentBurn, burn > 0,
            remaining * Double(length) / burn <= Self.exhaustionHorizon
        {
            let seconds = remaining * Double(length) / burn
            let time = at + Int64(seconds.rounded(.down))
            exhaustion = Exhaustion(
                inSeconds: seconds, at: time,
                beforePeriodEnds: calendar == nil ? nil : Double(at) + seconds <= Double(span.start + length))
        }
        return SLOReport(
            name: slo.name, group: measured.labels[key] ?? [], description: slo.description,
            objectivePercent: slo.objectivePercent, errorBudget: budget, unit: unit, period: period,
            previous: previous.map { previous in
                measure(previous, length: previous.seconds, measured: measured, key: key)
            },
            burnRates: burns + [("window", current.consumed)], currentBurn: currentBurn, exhaustion: exhaustion,
            alerts: alerts, status: period.status, problem: nil,
            chart: chart(measured, key: key, period: current))
    }

    private var unit: ReportUnit { queries.countsSlices ? .slices : queries.hasEvents ? .events : .ratio }

    private func misconfigured(_ problem: String) -> SLOReport {
        let budget = slo.errorBudget
        func empty(_ span: ReportSpan, length: Int64) -> PeriodMeasure {
            PeriodMeasure(
                name: periodName, calendar: calendar != nil, span: span, lengthSeconds: length, sli: nil, total: nil,
                bad: nil, budgetUnits: nil, budgetMinutes: budget * Double(length) / 60, consumed: nil,
                coverage: .none(span), sufficient: false, status: .misconfigured)
        }
        return SLOReport(
            name: slo.name, group: [], description: slo.description, objectivePercent: slo.objectivePercent,
            errorBudget: budget, unit: unit, period: empty(span, length: length),
            previous: previous.map { empty($0, length: $0.seconds) },
            burnRates: Self.burnWindows.map { ($0.name, nil) } + [("window", nil)], currentBurn: nil,
            exhaustion: nil,
            alerts: alertPairs.map { pair in
                AlertCheck(
                    severity: pair.severity, alertName: pair.alertName, short: pair.window.short.description,
                    long: pair.window.long.description, factor: pair.window.factor, shortBurn: nil, longBurn: nil,
                    firing: false)
            }, status: .misconfigured, problem: problem,
            chart: BudgetChart(stepSeconds: chartStep, remaining: [], burn: []))
    }

    /// Projections beyond a century say nothing useful (and would not fit an RFC 3339 year).
    static let exhaustionHorizon = 100 * 365.25 * 86_400

    /// The numbers of one span. Its status is `no data` without events, `insufficient data` when
    /// samples cover less of it than `minCoverage` (never `exhausted`: a few bad minutes out of a
    /// few measured hours say nothing about the period), else `exhausted` or `healthy`.
    private func measure(_ span: ReportSpan, length: Int64, measured: MeasuredSLO, key: String) -> PeriodMeasure {
        let budget = slo.errorBudget
        let ratio = measured.errorRatio(span, key: key, plan: self)
        let counts = measured.counts(span, key: key, plan: self)
        let consumed = ratio.map { $0 / budget }
        let coverage = measured.coverage(span, key: key)
        let sufficient = coverage.share >= minCoverage
        let status: ReportStatus =
            if let consumed { !sufficient ? .insufficientData : consumed >= 1 ? .exhausted : .healthy } else { .noData }
        return PeriodMeasure(
            name: periodName, calendar: calendar != nil, span: span, lengthSeconds: length, sli: ratio.map { 1 - $0 },
            total: counts?.total, bad: counts?.bad, budgetUnits: counts.map { $0.total * budget },
            budgetMinutes: budget * Double(length) / 60, consumed: consumed, coverage: coverage,
            sufficient: sufficient, status: status)
    }

    /// Budget left after each step and the burn rate within each step.
    ///
    /// Prometheus extrapolates each step's `increase` on its own and attributes an increment
    /// between the last sample of one step and the first of the next to neither, so the steps do
    /// not add up to the period's count. The chart keeps their shape and scales them: bad events
    /// (and all events) of every step, the part of a calendar period before the first step
    /// included, are multiplied by one factor per quantity so they add up to the period's own
    /// counts. The budget-left line then starts at exactly 100% and ends at exactly the
    /// remaining budget, and the burn rates, weighted by events, average to the period's.
    private func chart(_ measured: MeasuredSLO, key: String, period: PeriodMeasure) -> BudgetChart {
        guard let range = chartRange, let ratio = measured.errorRatio(span, key: key, plan: self) else {
            return BudgetChart(stepSeconds: chartStep, remaining: [], burn: [])
        }
        let budget = slo.errorBudget
        let isRatio: Bool = if case .errorRatio = slo.sli { true } else { false }
        // (end of step, bad, all): events, or for ratio SLIs the ratio × seconds and the seconds.
        func piece(_ values: [ReportQueries.Quantity: Double], seconds: Int64) -> (bad: Double, all: Double)? {
            if isRatio {
                return MeasuredSLO.errorRatio(values, plan: self).map { ($0 * Double(seconds), Double(seconds)) }
            }
            return MeasuredSLO.counts(values, plan: self).map { ($0.bad, $0.total) }
        }
        var steps: [(time: Int64, bad: Double, all: Double)] = []
        for index in 0..<range.count {
            let time = range.start + index * chartStep
            if let counted = piece(measured.chartValues(key: key, time: time), seconds: chartStep) {
                steps.append((time, counted.bad, counted.all))
            }
        }
        let before = chartRemainder.flatMap { span in
            measured.values[span]?[key].flatMap { piece($0, seconds: span.seconds) }
        }
        let periodBad = isRatio ? ratio * Double(span.seconds) : period.bad ?? 0
        let periodAll = isRatio ? Double(span.seconds) : period.total ?? 0
        let stepsBad = steps.reduce(before?.bad ?? 0) { $0 + $1.bad }
        let stepsAll = steps.reduce(before?.all ?? 0) { $0 + $1.all }
        guard periodAll > 0, stepsAll > 0 else { return BudgetChart(stepSeconds: chartStep, remaining: [], burn: []) }
        let allScale = periodAll / stepsAll
        // Bad events Prometheus put in no step at all (a burst between two steps' samples) are
        // spread over the steps by their share of all events.
        let badScale = stepsBad > 0 ? periodBad / stepsBad : 0
        func scaledBad(_ bad: Double, _ all: Double) -> Double {
            stepsBad > 0 ? bad * badScale : periodBad * all / stepsAll
        }
        let denominator = periodAll * budget
        var spent = before.map { scaledBad($0.bad, $0.all) } ?? 0
        var remaining: [(time: Int64, value: Double)] = [(span.start, 1)]
        var burn: [(time: Int64, value: Double)] = []
        for (index, step) in steps.enumerated() {
            let bad = scaledBad(step.bad, step.all)
            spent += bad
            // The last point is the period's own figure, free of the rounding of the sums.
            remaining.append((step.time, index == steps.count - 1 ? 1 - ratio / budget : 1 - spent / denominator))
            let all = step.all * allScale
            burn.append((step.time, all > 0 ? bad / all / budget : 0))
        }
        return BudgetChart(stepSeconds: chartStep, remaining: remaining, burn: burn)
    }
}
