/// The alerts of one SLO, resolved from service defaults and SLO overrides.
struct AlertingModel: Sendable {
    /// Name shared by the page and ticket burn-rate alerts (told apart by `slo_severity`).
    var burnAlertName: String
    var tiers: [BurnRateTier]
    var budgetExhausted: SimpleAlert?
    var noData: SimpleAlert?
}

/// Page or ticket: fires when any of its window pairs burns faster than its factor.
struct BurnRateTier: Sendable {
    enum Severity: String, Sendable, Hashable, CaseIterable {
        case page, ticket
    }

    var severity: Severity
    var windows: [BurnRateWindow]
    var labels: [String: String]
    var annotations: [String: String]
}

/// One multi-window condition: both the short and the long window burn above `factor`.
struct BurnRateWindow: Sendable, Hashable {
    var short: DurationValue
    var long: DurationValue
    /// Share of the whole budget spent within `long` when burning at exactly `factor` (0.02).
    var budgetShare: Double
    /// Burn rate threshold: budgetShare × window / long.
    var factor: Double

    /// How long a burn at `factor` takes to spend the whole budget.
    func exhaustion(window: DurationValue) -> DurationValue {
        DurationValue(milliseconds: Int64((Double(window.milliseconds) / factor).rounded()))
    }
}

/// Budget-exhausted and no-data alerts: one condition held for `for`.
struct SimpleAlert: Sendable {
    var name: String
    var forDuration: DurationValue
    var labels: [String: String]
    var annotations: [String: String]
}
