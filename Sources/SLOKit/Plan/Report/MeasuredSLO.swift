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
    /// presence[group key]: the sorted end times of the intervals of `presenceWidth` seconds that
    /// hold a sample (5-minute presence points, or timeslices).
    private(set) var presence: [String: [Int64]] = [:]
    private(set) var presenceWidth: Int64 = SLOReportPlan.coverageStep

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
        var present: [String: Set<Int64>] = [:]
        for job in plan.coverageJobs() {
            guard case .range(let series)? = answers[job] else { continue }
            for one in series {
                let (key, _) = Self.key(one.labels, plan.slo.groupBy)
                for point in one.points where !point.value.isNaN {
                    present[key, default: []].insert(Int64(point.time.rounded()))
                }
            }
        }
        presence = present.mapValues { $0.sorted() }
        presenceWidth = SLOReportPlan.coverageStep
        keys = seen.keys.sorted()
        labels = seen
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
        presenceWidth = plan.queries.sliceSeconds ?? SLOReportPlan.coverageStep
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
            presence[key] = times
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

    /// How much of `span` has samples for one group: the overlap of each present interval
    /// `(t - width, t]` with the span.
    func coverage(_ span: ReportSpan, key: String) -> Coverage {
        Self.coverage(span, times: presence[key] ?? [], width: presenceWidth)
    }

    /// Coverage by any group: what an SLA period was measured over.
    func coverageOfAnyGroup(_ span: ReportSpan) -> Coverage {
        let times = presence.count == 1 ? presence.first!.value : Set(presence.values.joined()).sorted()
        return Self.coverage(span, times: times, width: presenceWidth)
    }

    private static func coverage(_ span: ReportSpan, times: [Int64], width: Int64) -> Coverage {
        guard span.seconds > 0 else { return .none(span) }
        var seconds: Int64 = 0
        var index = firstIndex(in: times, after: span.start)
        while index < times.count, times[index] - width < span.end {
            let time = times[index]
            seconds += min(time, span.end) - max(time - width, span.start)
            index += 1
        }
        return Coverage(seconds: min(seconds, span.seconds), spanSeconds: span.seconds)
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
