/// The answers for one SLO, indexed by span, group and quantity.
struct MeasuredSLO: Sendable {
    typealias Quantity = ReportQueries.Quantity

    /// values[span][group key][quantity]
    private(set) var values: [ReportSpan: [String: [Quantity: Double]]] = [:]
    /// chart[quantity][group key][time]
    private(set) var chart: [Quantity: [String: [Int64: Double]]] = [:]
    /// Group keys with data, sorted, with their labels.
    private(set) var keys: [String] = []
    private(set) var labels: [String: [(String, String)]] = [:]

    init(plan: SLOReportPlan, answers: [ReportJob: ReportAnswer]) {
        var seen: [String: [(String, String)]] = [:]
        let spans = plan.spans
        for end in Set(spans.map(\.end)) {
            for quantity in plan.queries.quantities {
                guard case .instant(let samples)? = answers[plan.instantJob(quantity, end: end)] else { continue }
                for sample in samples where !sample.value.isNaN {
                    guard let range = sample.labels[ReportQueries.rangeLabel].flatMap({ Int64($0) }) else { continue }
                    let (key, groupLabels) = Self.key(sample.labels, plan.slo.groupBy)
                    // Several series in one group (a template without `sum`) add up.
                    values[ReportSpan(start: end - range, end: end), default: [:]][key, default: [:]][
                        quantity, default: 0] += sample.value
                    if quantity != .bad, quantity != .good, quantity != .goodSlices { seen[key] = groupLabels }
                }
            }
        }
        for quantity in plan.queries.quantities {
            guard let job = plan.chartJob(quantity), case .range(let series)? = answers[job] else { continue }
            for one in series {
                let (key, _) = Self.key(one.labels, plan.slo.groupBy)
                for point in one.points where !point.value.isNaN {
                    chart[quantity, default: [:]][key, default: [:]][Int64(point.time.rounded()), default: 0] +=
                        point.value
                }
            }
        }
        keys = seen.keys.sorted()
        labels = seen
    }

    private static func key(_ labels: [String: String], _ groupBy: [String]) -> (String, [(String, String)]) {
        let group = groupBy.map { ($0, labels[$0] ?? "") }
        return (group.map { "\($0.0)=\($0.1)" }.joined(separator: "\u{1F}"), group)
    }

    /// Bad and all units (events or slices) in a span; nil without data. Ratio SLIs have none.
    func counts(_ span: ReportSpan, key: String, plan: SLOReportPlan) -> (bad: Double, total: Double)? {
        guard span.seconds > 0, let measured = values[span]?[key] else { return nil }
        return Self.counts(measured, plan: plan)
    }

    static func counts(_ measured: [Quantity: Double], plan: SLOReportPlan) -> (bad: Double, total: Double)? {
        switch plan.slo.sli {
        case .errors:
            guard let total = measured[.total], total > 0 else { return nil }
            return (min(total, max(0, measured[.bad] ?? 0)), total)
        case .good, .latency:
            // No good series at all means every event was bad, as in the rules.
            guard let total = measured[.total], total > 0 else { return nil }
            return (min(total, max(0, total - (measured[.good] ?? 0))), total)
        case .timeslice:
            guard let total = measured[.totalSlices], total > 0 else { return nil }
            return (max(0, total - (measured[.goodSlices] ?? 0)), total)
        case .errorRatio: return nil
        }
    }

    /// The share of bad events (or slices, or the ratio) in a span; nil without data.
    func errorRatio(_ span: ReportSpan, key: String, plan: SLOReportPlan) -> Double? {
        guard span.seconds > 0, let measured = values[span]?[key] else { return nil }
        return Self.errorRatio(measured, plan: plan)
    }

    static func errorRatio(_ measured: [Quantity: Double], plan: SLOReportPlan) -> Double? {
        if case .errorRatio = plan.slo.sli {
            guard let ratio = measured[.ratio], ratio.isFinite else { return nil }
            return min(1, max(0, ratio))
        }
        guard let counts = counts(measured, plan: plan) else { return nil }
        return counts.bad / counts.total
    }

    /// The chart's values of one group at one time.
    func chartValues(key: String, time: Int64) -> [Quantity: Double] {
        var result: [Quantity: Double] = [:]
        for (quantity, groups) in chart {
            if let value = groups[key]?[time] { result[quantity] = value }
        }
        return result
    }
}

extension SLOReportPlan {
    /// The report rows: one per group with data, or one "no data" row.
    func reports(_ measured: MeasuredSLO) -> [SLOReport] {
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
        var status = current.status
        if status == .healthy, (currentBurn ?? 0) > 1 || alerts.contains(where: \.firing) { status = .burning }
        var period = current
        period.status = status
        var exhaustion: Exhaustion?
        if let remaining = current.remaining, remaining > 0, let burn = currentBurn, burn > 0 {
            let seconds = remaining * Double(length) / burn
            let time = at + Int64(min(seconds, 1e15).rounded(.down))
            exhaustion = Exhaustion(
                inSeconds: seconds, at: time,
                beforePeriodEnds: calendar == nil ? nil : Double(at) + seconds <= Double(span.start + length))
        }
        return SLOReport(
            name: slo.name, group: measured.labels[key] ?? [], description: slo.description,
            objectivePercent: slo.objectivePercent, errorBudget: budget,
            unit: queries.countsSlices ? .slices : queries.hasEvents ? .events : .ratio, period: period,
            previous: previous.map { previous in
                measure(previous, length: previous.seconds, measured: measured, key: key)
            },
            burnRates: burns + [("window", current.consumed)], currentBurn: currentBurn, exhaustion: exhaustion,
            alerts: alerts, status: period.sli == nil ? .noData : status,
            chart: chart(measured, key: key, total: current.total))
    }

    private func measure(_ span: ReportSpan, length: Int64, measured: MeasuredSLO, key: String) -> PeriodMeasure {
        let budget = slo.errorBudget
        let ratio = measured.errorRatio(span, key: key, plan: self)
        let counts = measured.counts(span, key: key, plan: self)
        let consumed = ratio.map { $0 / budget }
        let status: ReportStatus = consumed == nil ? .noData : consumed! >= 1 ? .exhausted : .healthy
        return PeriodMeasure(
            name: periodName, calendar: calendar != nil, span: span, lengthSeconds: length, sli: ratio.map { 1 - $0 },
            total: counts?.total, bad: counts?.bad, budgetUnits: counts.map { $0.total * budget },
            budgetMinutes: budget * Double(length) / 60, consumed: consumed, status: status)
    }

    /// Remaining budget after each step (counting back from the period's measured total), and the
    /// burn rate within each step.
    private func chart(_ measured: MeasuredSLO, key: String, total: Double?) -> BudgetChart {
        guard let range = chartRange else { return BudgetChart(stepSeconds: chartStep, remaining: [], burn: []) }
        let budget = slo.errorBudget
        var steps: [(time: Int64, bad: Double, burn: Double)] = []
        for index in 0..<range.count {
            let time = range.start + index * chartStep
            let values = measured.chartValues(key: key, time: time)
            if case .errorRatio = slo.sli {
                guard let ratio = MeasuredSLO.errorRatio(values, plan: self) else { continue }
                steps.append((time, ratio * Double(chartStep), ratio / budget))
            } else {
                guard let counts = MeasuredSLO.counts(values, plan: self) else { continue }
                steps.append((time, counts.bad, counts.bad / counts.total / budget))
            }
        }
        // Ratio SLIs weigh each step by its time; the others by events.
        let denominator: Double? =
            if case .errorRatio = slo.sli { Double(span.seconds) * budget } else { total.map { $0 * budget } }
        var remaining: [(time: Int64, value: Double)] = []
        if let denominator, denominator > 0, let ratio = measured.errorRatio(span, key: key, plan: self) {
            var left = 1 - ratio / budget
            for step in steps.reversed() {
                remaining.append((step.time, left))
                left += step.bad / denominator
            }
            remaining.append((span.start, 1))
            remaining.reverse()
        }
        return BudgetChart(stepSeconds: chartStep, remaining: remaining, burn: steps.map { ($0.time, $0.burn) })
    }
}
