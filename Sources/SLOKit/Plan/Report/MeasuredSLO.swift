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
        if plan.queries.countsSlices {
            self.init(slicesOf: plan, answers: answers)
        } else {
            self.init(eventsOf: plan, answers: answers)
        }
    }

    /// Event and ratio SLIs: the combined instant queries and the chart's range queries.
    private init(eventsOf plan: SLOReportPlan, answers: [ReportJob: ReportAnswer]) {
        var seen: [String: [(String, String)]] = [:]
        for (end, ranges) in plan.instantRanges {
            for quantity in plan.queries.quantities {
                guard case .instant(let samples)? = answers[plan.instantJob(quantity, end: end, ranges: ranges)] else {
                    continue
                }
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
                let (key, groupLabels) = Self.key(one.labels, plan.slo.groupBy)
                if quantity != .bad, quantity != .good { seen[key] = groupLabels }
                for point in one.points where !point.value.isNaN {
                    chart[quantity, default: [:]][key, default: [:]][Int64(point.time.rounded()), default: 0] +=
                        point.value
                }
            }
        }
        keys = seen.keys.sorted()
        labels = seen
        if plan.periodFromChart { addPeriodFromChart(plan) }
    }

    /// The period's counts: the chart's steps plus the remainder before them. Ratio SLIs weigh
    /// each step by its length (their long-window ratio is a time average).
    private mutating func addPeriodFromChart(_ plan: SLOReportPlan) {
        let remainder = plan.chartRemainder
        for key in keys {
            var period: [Quantity: Double] = [:]
            for quantity in plan.queries.quantities {
                let steps = chart[quantity]?[key] ?? [:]
                let before = remainder.flatMap { values[$0]?[key]?[quantity] }
                if quantity == .ratio {
                    var weighted = steps.values.reduce(0) { $0 + $1 * Double(plan.chartStep) }
                    var seconds = Double(steps.count) * Double(plan.chartStep)
                    if let before, let remainder {
                        weighted += before * Double(remainder.seconds)
                        seconds += Double(remainder.seconds)
                    }
                    if seconds > 0 { period[quantity] = weighted / seconds }
                } else if !steps.isEmpty || before != nil {
                    period[quantity] = steps.values.reduce(0, +) + (before ?? 0)
                }
            }
            if !period.isEmpty { values[plan.span, default: [:]][key] = period }
        }
    }

    /// Timeslice SLIs: every span and chart step counted from the fetched slice points.
    private init(slicesOf plan: SLOReportPlan, answers: [ReportJob: ReportAnswer]) {
        // points[key]: (slice end time, good) for every series of the key, in time order.
        var points: [String: [(time: Int64, good: Bool)]] = [:]
        for job in plan.sliceJobs() {
            guard case .range(let series)? = answers[job] else { continue }
            for one in series {
                let (key, groupLabels) = Self.key(one.labels, plan.slo.groupBy)
                labels[key] = groupLabels
                points[key, default: []].append(
                    contentsOf: one.points.lazy.filter { !$0.value.isNaN }.map {
                        (Int64($0.time.rounded()), $0.value > 0)
                    })
            }
        }
        keys = points.keys.sorted()
        let spans = Array(plan.spans)
        let chartEnds: [Int64] =
            plan.chartRange.map { range in
                (0..<range.count).map { range.start + $0 * plan.chartStep }
            } ?? []
        for key in keys {
            // Prefix sums over the sorted slice times answer any span in two binary searches.
            var sorted = points[key]!
            if zip(sorted, sorted.dropFirst()).contains(where: { $0.time >= $1.time }) {
                // Several series in one group: one slice per time, good only when every series is.
                var merged: [Int64: Bool] = [:]
                for point in sorted { merged[point.time] = (merged[point.time] ?? true) && point.good }
                sorted = merged.map { (time: $0.key, good: $0.value) }.sorted { $0.time < $1.time }
            }
            let times = sorted.map(\.time)
            var good = [0.0]
            var all = [0.0]
            good.reserveCapacity(sorted.count + 1)
            all.reserveCapacity(sorted.count + 1)
            for point in sorted {
                good.append(good.last! + (point.good ? 1 : 0))
                all.append(all.last! + 1)
            }
            func count(after start: Int64, through end: Int64) -> (good: Double, all: Double) {
                let from = Self.firstIndex(in: times, after: start)
                let to = Self.firstIndex(in: times, after: end)
                return (good[to] - good[from], all[to] - all[from])
            }
            for span in spans {
                let counted = count(after: span.start, through: span.end)
                guard counted.all > 0 else { continue }
                values[span, default: [:]][key] = [.goodSlices: counted.good, .totalSlices: counted.all]
            }
            for end in chartEnds {
                let counted = count(after: end - plan.chartStep, through: end)
                guard counted.all > 0 else { continue }
                chart[.goodSlices, default: [:]][key, default: [:]][end] = counted.good
                chart[.totalSlices, default: [:]][key, default: [:]][end] = counted.all
            }
        }
    }

    /// The index of the first element greater than `value` in ascending `times`.
    private static func firstIndex(in times: [Int64], after value: Int64) -> Int {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
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
            return (settled(measured[.bad] ?? 0, of: total), total)
        case .good, .latency:
            // No good series at all means every event was bad, as in the rules.
            guard let total = measured[.total], total > 0 else { return nil }
            return (settled(total - (measured[.good] ?? 0), of: total), total)
        case .timeslice:
            guard let total = measured[.totalSlices], total > 0 else { return nil }
            return (max(0, total - (measured[.goodSlices] ?? 0)), total)
        case .errorRatio: return nil
        }
    }

    /// Bad events within [0, total]; a difference of sums that is only floating-point noise (under
    /// 1e-9 of all events) is 0, so it cannot make a burn rate or an exhaustion date appear.
    private static func settled(_ bad: Double, of total: Double) -> Double {
        bad < total * 1e-9 ? 0 : min(total, bad)
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
        if let remaining = current.remaining, remaining > 0, let burn = currentBurn, burn > 0,
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
            objectivePercent: slo.objectivePercent, errorBudget: budget,
            unit: queries.countsSlices ? .slices : queries.hasEvents ? .events : .ratio, period: period,
            previous: previous.map { previous in
                measure(previous, length: previous.seconds, measured: measured, key: key)
            },
            burnRates: burns + [("window", current.consumed)], currentBurn: currentBurn, exhaustion: exhaustion,
            alerts: alerts, status: period.sli == nil ? .noData : status,
            chart: chart(measured, key: key, total: current.total))
    }

    /// Projections beyond a century say nothing useful (and would not fit an RFC 3339 year).
    static let exhaustionHorizon = 100 * 365.25 * 86_400

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
