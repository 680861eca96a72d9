/// The numbers of one report run: what the JSON, Markdown and HTML renderers print.
struct ReportRun: Sendable {
    /// The instant the report describes (unix seconds).
    var at: Int64
    var prometheus: String
    /// The share of a period that must have samples before its numbers are judged (`--min-coverage`).
    var minCoverage: Double
    var services: [ServiceReport]
}

struct ServiceReport: Sendable {
    var name: String
    var description: String?
    var file: String
    var slos: [SLOReport]
    var sla: SLAReport?
}

/// A span of time: events in `(start, end]`.
struct ReportSpan: Sendable, Hashable {
    var start: Int64
    var end: Int64
    var seconds: Int64 { end - start }
}

/// What the SLI counts.
enum ReportUnit: String, Sendable {
    case events, slices
    /// `errorRatio` SLIs: only the ratio is visible.
    case ratio
}

enum ReportStatus: String, Sendable, CaseIterable {
    case healthy, burning, exhausted
    case noData = "no data"
    /// Samples cover less of the period than `--min-coverage`: the numbers describe a sliver and
    /// are never judged met, exhausted or projected.
    case insufficientData = "insufficient data"
    /// The spec does not fit the live data (a latency threshold that is no bucket bound): no
    /// numbers at all, since they would be wrong rather than bad.
    case misconfigured
}

/// How much of a span has samples: the time the SLI was actually measured over.
struct Coverage: Sendable, Hashable {
    /// Seconds of the span with samples, to the presence query's 5-minute resolution.
    var seconds: Int64
    /// The span's length (the period so far for calendar periods).
    var spanSeconds: Int64

    /// The covered share of the span, 0 for an empty span.
    var share: Double { spanSeconds > 0 ? min(1, Double(seconds) / Double(spanSeconds)) : 0 }

    static func none(_ span: ReportSpan) -> Coverage { Coverage(seconds: 0, spanSeconds: max(0, span.seconds)) }
}

/// One SLO (or one label set of a `groupBy` SLO) over its period.
struct SLOReport: Sendable {
    var name: String
    /// The `groupBy` labels of this row; empty for ungrouped SLOs.
    var group: [(String, String)]
    var description: String?
    var objectivePercent: Double
    var errorBudget: Double
    var unit: ReportUnit
    var period: PeriodMeasure
    /// Calendar periods only: the whole period before the current one.
    var previous: PeriodMeasure?
    /// Burn rates over 1h, 6h, 1d, 3d and the whole period, in that order.
    var burnRates: [(window: String, rate: Double?)]
    /// The burn the projection uses: the 1h burn rate.
    var currentBurn: Double?
    var exhaustion: Exhaustion?
    var alerts: [AlertCheck]
    var status: ReportStatus
    /// Why a `misconfigured` SLO has no numbers, e.g. `no bucket le="0.45"; the histogram has 0.1, 0.4, 0.5`.
    var problem: String?
    var chart: BudgetChart
}

/// The SLI and budget over one span.
struct PeriodMeasure: Sendable {
    /// `30d` (rolling) or `month` (calendar).
    var name: String
    var calendar: Bool
    var span: ReportSpan
    /// The whole period's length: the rolling window, or the calendar period's real length.
    var lengthSeconds: Int64
    /// Nil when there was no data.
    var sli: Double?
    /// Events or slices; nil for ratio SLIs and when there was no data.
    var total: Double?
    var bad: Double?
    /// The budget in events or slices: error budget × total.
    var budgetUnits: Double?
    /// The budget as time: error budget × period length, in minutes.
    var budgetMinutes: Double
    /// Share of the budget of the events (or slices, or time) observed that is spent (1 = all of
    /// it); nil when there was no data.
    var consumed: Double?
    /// The part of the span that has samples.
    var coverage: Coverage
    /// Whether the coverage reaches `--min-coverage`: only then are minutes and verdicts given.
    var sufficient: Bool
    var status: ReportStatus

    var remaining: Double? { consumed.map { 1 - $0 } }
    /// The budget spent as time over the whole period, when enough of it was measured to say so.
    var consumedMinutes: Double? { sufficient ? consumed.map { $0 * budgetMinutes } : nil }
    var remainingMinutes: Double? { sufficient ? remaining.map { $0 * budgetMinutes } : nil }
    var good: Double? {
        guard let total, let bad else { return nil }
        return total - bad
    }
}

/// When the budget runs out if the current burn goes on.
struct Exhaustion: Sendable {
    /// Seconds after the report's instant.
    var inSeconds: Double
    var at: Int64
    /// Calendar periods: false when the period ends (and the budget resets) first.
    var beforePeriodEnds: Bool?
}

/// One burn-rate pair of the alert rules, judged from raw data at the report's instant.
struct AlertCheck: Sendable {
    var severity: String
    var alertName: String
    var short: String
    var long: String
    var factor: Double
    var shortBurn: Double?
    var longBurn: Double?
    var firing: Bool
}

/// Budget remaining and burn rate over the period, one point per step.
struct BudgetChart: Sendable {
    var stepSeconds: Int64
    /// (end of step, remaining share of the period's budget spent up to then).
    var remaining: [(time: Int64, value: Double)]
    /// (end of step, burn rate within that step).
    var burn: [(time: Int64, value: Double)]
}

/// SLA commitments against what was achieved in the SLA period so far and the one before.
struct SLAReport: Sendable {
    var title: String
    var period: String
    var current: ReportSpan
    var previous: ReportSpan
    var commitments: [Commitment]

    struct Commitment: Sendable {
        var slo: String
        var committedPercent: Double
        var current: Achievement
        var previous: Achievement
    }

    struct Achievement: Sendable {
        /// Percent over the events observed; nil when there was no data.
        var achievedPercent: Double?
        /// Nil without data or with too little of the period measured.
        var met: Bool?
        /// The credit owed, in percent of the fee; 0 when met, nil when there is no verdict.
        var creditPercent: Double?
        /// The part of the SLA period with samples (of any group of a `groupBy` SLO).
        var coverage: Coverage
        var verdict: Verdict
    }

    enum Verdict: String, Sendable, CaseIterable {
        case met, missed
        case noData = "no data"
        case insufficientData = "insufficient data"
        case misconfigured
    }
}
