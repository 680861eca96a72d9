/// The numbers of one report run: what the JSON, Markdown and HTML renderers print.
public struct ReportRun: Sendable {
    /// The instant the report describes (unix seconds).
    public var at: Int64
    public var prometheus: String
    public var services: [ServiceReport]
}

public struct ServiceReport: Sendable {
    public var name: String
    public var description: String?
    public var file: String
    public var slos: [SLOReport]
    public var sla: SLAReport?
}

/// A span of time: events in `(start, end]`.
public struct ReportSpan: Sendable, Hashable {
    public var start: Int64
    public var end: Int64
    public var seconds: Int64 { end - start }
}

/// What the SLI counts.
public enum ReportUnit: String, Sendable {
    case events, slices
    /// `errorRatio` SLIs: only the ratio is visible.
    case ratio
}

public enum ReportStatus: String, Sendable, CaseIterable {
    case healthy, burning, exhausted
    case noData = "no data"
}

/// One SLO (or one label set of a `groupBy` SLO) over its period.
public struct SLOReport: Sendable {
    public var name: String
    /// The `groupBy` labels of this row; empty for ungrouped SLOs.
    public var group: [(String, String)]
    public var description: String?
    public var objectivePercent: Double
    public var errorBudget: Double
    public var unit: ReportUnit
    public var period: PeriodMeasure
    /// Calendar periods only: the whole period before the current one.
    public var previous: PeriodMeasure?
    /// Burn rates over 1h, 6h, 1d, 3d and the whole period, in that order.
    public var burnRates: [(window: String, rate: Double?)]
    /// The burn the projection uses: the 1h burn rate.
    public var currentBurn: Double?
    public var exhaustion: Exhaustion?
    public var alerts: [AlertCheck]
    public var status: ReportStatus
    public var chart: BudgetChart
}

/// The SLI and budget over one span.
public struct PeriodMeasure: Sendable {
    /// `30d` (rolling) or `month` (calendar).
    public var name: String
    public var calendar: Bool
    public var span: ReportSpan
    /// The whole period's length: the rolling window, or the calendar period's real length.
    public var lengthSeconds: Int64
    /// Nil when there was no data.
    public var sli: Double?
    /// Events or slices; nil for ratio SLIs and when there was no data.
    public var total: Double?
    public var bad: Double?
    /// The budget in events or slices: error budget × total.
    public var budgetUnits: Double?
    /// The budget as time: error budget × period length, in minutes.
    public var budgetMinutes: Double
    /// Share of the budget spent (1 = all of it); nil when there was no data.
    public var consumed: Double?
    public var status: ReportStatus

    public var remaining: Double? { consumed.map { 1 - $0 } }
    public var consumedMinutes: Double? { consumed.map { $0 * budgetMinutes } }
    public var remainingMinutes: Double? { remaining.map { $0 * budgetMinutes } }
    public var good: Double? {
        guard let total, let bad else { return nil }
        return total - bad
    }
}

/// When the budget runs out if the current burn goes on.
public struct Exhaustion: Sendable {
    /// Seconds after the report's instant.
    public var inSeconds: Double
    public var at: Int64
    /// Calendar periods: false when the period ends (and the budget resets) first.
    public var beforePeriodEnds: Bool?
}

/// One burn-rate pair of the alert rules, judged from raw data at the report's instant.
public struct AlertCheck: Sendable {
    public var severity: String
    public var alertName: String
    public var short: String
    public var long: String
    public var factor: Double
    public var shortBurn: Double?
    public var longBurn: Double?
    public var firing: Bool
}

/// Budget remaining and burn rate over the period, one point per step.
public struct BudgetChart: Sendable {
    public var stepSeconds: Int64
    /// (end of step, remaining share of the period's budget spent up to then).
    public var remaining: [(time: Int64, value: Double)]
    /// (end of step, burn rate within that step).
    public var burn: [(time: Int64, value: Double)]
}

/// SLA commitments against what was achieved in the SLA period so far and the one before.
public struct SLAReport: Sendable {
    public var title: String
    public var period: String
    public var current: ReportSpan
    public var previous: ReportSpan
    public var commitments: [Commitment]

    public struct Commitment: Sendable {
        public var slo: String
        public var committedPercent: Double
        public var current: Achievement
        public var previous: Achievement
    }

    public struct Achievement: Sendable {
        /// Percent; nil when there was no data.
        public var achievedPercent: Double?
        public var met: Bool?
        /// The credit owed, in percent of the fee; 0 when met, nil without data.
        public var creditPercent: Double?
    }
}
