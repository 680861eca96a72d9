/// What a report measures for one SLO: its period, the spans of its burn rates and alert pairs,
/// the previous calendar period, SLA periods, and the chart's steps.
struct SLOReportPlan: Sendable {
    let slo: SLOModel
    let queries: ReportQueries
    let at: Int64
    let periodName: String
    /// Set when the period is a calendar one.
    let calendar: CalendarPeriod?
    /// `(start, at]`: the rolling window, or the calendar period so far.
    let span: ReportSpan
    /// The whole period's length (a calendar period's real length, e.g. 31 days for March).
    let length: Int64
    let previous: ReportSpan?
    let slaSpans: [ReportSpan]
    let chartStep: Int64
    /// The share of a span that must have samples before its numbers are judged.
    let minCoverage: Double

    /// The burn rates every report shows, besides the whole period's.
    static let burnWindows: [(name: String, seconds: Int64)] = [
        ("1h", 3600), ("6h", 21_600), ("1d", 86_400), ("3d", 259_200),
    ]
    /// Chart resolution: about this many points over a period.
    static let chartPoints: Int64 = 120

    init(slo: SLOModel, at: Int64, mode: ReportPeriodMode?, sla: SLASpec?, minCoverage: Double) {
        self.slo = slo
        self.minCoverage = minCoverage
        self.queries = ReportQueries(slo: slo)
        self.at = at
        let period: CalendarPeriod? =
            switch (slo.window.spec, mode) {
            case (.calendar(let period), nil), (.calendar(let period), .calendar?): period
            case (.rolling, .calendar?): Self.calendarPeriod(near: slo.window.length)
            default: nil
            }
        calendar = period
        if let period {
            let start = UTCTime.periodStart(period, containing: at)
            let end = UTCTime.periodEnd(period, startingAt: start)
            periodName = period.rawValue
            span = ReportSpan(start: start, end: at)
            length = end - start
            previous = ReportSpan(start: UTCTime.previousPeriodStart(period, before: start), end: start)
        } else {
            let seconds = slo.window.length.milliseconds / 1000
            periodName = DurationValue(milliseconds: seconds * 1000).description
            span = ReportSpan(start: at - seconds, end: at)
            length = seconds
            previous = nil
        }
        if let sla, sla.commitments.contains(where: { $0.slo.value == slo.name }) {
            let spans = Self.slaSpans(sla.period?.value ?? .month, at: at)
            slaSpans = [spans.current, spans.previous]
        } else {
            slaSpans = []
        }
        let perPoint = (length + Self.chartPoints - 1) / Self.chartPoints
        chartStep = max(60, (perPoint + 59) / 60 * 60)
    }

    /// The SLA period containing `at` (so far) and the whole one before it.
    static func slaSpans(_ period: CalendarPeriod, at: Int64) -> (current: ReportSpan, previous: ReportSpan) {
        let start = UTCTime.periodStart(period, containing: at)
        return (
            ReportSpan(start: start, end: at),
            ReportSpan(start: UTCTime.previousPeriodStart(period, before: start), end: start)
        )
    }

    /// `--period calendar` for a rolling SLO: the calendar period closest to its window.
    static func calendarPeriod(near window: DurationValue) -> CalendarPeriod {
        let days = window.seconds / 86_400
        return days <= 10 ? .week : days <= 45 ? .month : days <= 180 ? .quarter : .year
    }

    var alertPairs: [(severity: String, alertName: String, window: BurnRateWindow)] {
        slo.alerting.tiers.flatMap { tier in
            tier.windows.map { (tier.severity.rawValue, slo.alerting.burnAlertName, $0) }
        }
    }

    func ending(at end: Int64, seconds: Int64) -> ReportSpan { ReportSpan(start: end - seconds, end: end) }

    /// Every span to measure; empty spans (a calendar period that starts at `at`) have no data.
    var spans: Set<ReportSpan> {
        var result: Set<ReportSpan> = [span]
        if let previous { result.insert(previous) }
        for window in Self.burnWindows { result.insert(ending(at: at, seconds: window.seconds)) }
        for pair in alertPairs {
            result.insert(ending(at: at, seconds: pair.window.short.milliseconds / 1000))
            result.insert(ending(at: at, seconds: pair.window.long.milliseconds / 1000))
        }
        result.formUnion(slaSpans)
        return result.filter { $0.seconds > 0 }
    }

    /// Spans sent as instant queries: every span, each counted by Prometheus in one `increase`
    /// over the whole span (never a sum of the chart's steps, which would drop the increments
    /// between steps and extrapolate each step on its own), plus the part of a calendar period
    /// before the chart's first step, which the chart needs.
    var instantSpans: Set<ReportSpan> {
        var result = spans
        if let remainder = chartRemainder { result.insert(remainder) }
        return result
    }

    /// The part of the period before the chart's first step (a calendar period so far).
    var chartRemainder: ReportSpan? {
        guard !queries.countsSlices, let chart = chartRange else { return nil }
        let firstStepStart = chart.start - chartStep
        return firstStepStart > span.start ? ReportSpan(start: span.start, end: firstStepStart) : nil
    }

    /// The chart's points: steps ending at `at`, back to the period's start.
    var chartRange: (start: Int64, count: Int64)? {
        let count = (at - span.start) / chartStep
        guard count >= 1 else { return nil }
        return (at - (count - 1) * chartStep, count)
    }

    /// The spans whose coverage a report shows: the period, the previous calendar period and the
    /// SLA periods.
    var coverageSpans: [ReportSpan] {
        ([span] + (previous.map { [$0] } ?? []) + slaSpans).filter { $0.seconds > 0 }
    }

    /// Resolution of the coverage: one presence point per 5 minutes, so a covered span is right to
    /// within 5 minutes at each of its edges and at each gap.
    static let coverageStep: Int64 = 300

    /// Event and ratio SLIs: range queries of the presence of the SLI's total series at 5-minute
    /// steps ending at `at`, in chunks, back to the earliest span whose coverage is shown. Each
    /// point says whether the 5 minutes before it hold a sample.
    func coverageJobs() -> [ReportJob] {
        guard !queries.countsSlices, let earliest = coverageSpans.map(\.start).min() else { return [] }
        let step = Self.coverageStep
        // The oldest point whose 5 minutes reach past `earliest`.
        let points = (at - earliest + step - 1) / step
        var start = at - (points - 1) * step
        var jobs: [ReportJob] = []
        let query = queries.presence()
        while start <= at {
            let end = min(at, start + (Self.pointsPerRangeQuery - 1) * step)
            jobs.append(ReportJob(query: query, kind: .range(start: start, end: end, step: step)))
            start = end + step
        }
        return jobs
    }

    /// Prometheus answers at most 11,000 points per series in a range query.
    static let pointsPerRangeQuery: Int64 = 10_000

    /// Timeslice SLIs: range queries of the slice condition at the slice's step, in chunks, covering
    /// every span. Points sit at multiples of the step, where Prometheus puts a subquery's.
    func sliceJobs() -> [ReportJob] {
        guard let step = queries.sliceSeconds, let earliest = spans.map(\.start).min() else { return [] }
        var start = (earliest + step) / step * step  // the first multiple of step after `earliest`
        var jobs: [ReportJob] = []
        let query = queries.expression(.slice, range: step)
        while start <= at {
            let end = min(at, start + (Self.pointsPerRangeQuery - 1) * step)
            jobs.append(ReportJob(query: query, kind: .range(start: start, end: end, step: step)))
            start = end + step
        }
        return jobs
    }

    /// The instant queries' end times, each with the ranges its combined query measures.
    var instantRanges: [(end: Int64, ranges: [Int64])] {
        Dictionary(grouping: instantSpans, by: \.end).map { ($0.key, $0.value.map(\.seconds).sorted()) }
            .sorted { $0.end < $1.end }
    }

    /// One instant query per quantity and end time (all ranges combined), one range query per
    /// quantity for the chart, and the presence queries of the coverage. Timeslice SLIs count
    /// everything, coverage included, from their slice points.
    func jobs() -> [ReportJob] {
        if queries.countsSlices { return sliceJobs() }
        var jobs: [ReportJob] = []
        for (end, ranges) in instantRanges {
            jobs += queries.quantities.map { instantJob($0, end: end, ranges: ranges) }
        }
        jobs += queries.quantities.compactMap(chartJob)
        jobs += coverageJobs()
        return jobs
    }

    func chartJob(_ quantity: ReportQueries.Quantity) -> ReportJob? {
        guard let chart = chartRange else { return nil }
        return ReportJob(
            query: queries.expression(quantity, range: chartStep),
            kind: .range(start: chart.start, end: at, step: chartStep))
    }

    func instantJob(_ quantity: ReportQueries.Quantity, end: Int64, ranges: [Int64]) -> ReportJob {
        ReportJob(query: queries.combined(quantity, ranges: ranges), kind: .instant(end))
    }
}
