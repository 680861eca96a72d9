/// The alerts of one SLO, resolved from service defaults and SLO overrides.
public struct AlertingModel: Sendable {
    /// Name shared by the page and ticket burn-rate alerts (told apart by `slo_severity`).
    public var burnAlertName: String
    public var tiers: [BurnRateTier]
    public var budgetExhausted: SimpleAlert?
    public var noData: SimpleAlert?
}

/// Page or ticket: fires when any of its window pairs burns faster than its factor.
public struct BurnRateTier: Sendable {
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case page, ticket
    }

    public var severity: Severity
    public var windows: [BurnRateWindow]
    public var labels: [String: String]
    public var annotations: [String: String]
}

/// One multi-window condition: both the short and the long window burn above `factor`.
public struct BurnRateWindow: Sendable, Hashable {
    public var short: DurationValue
    public var long: DurationValue
    /// Share of the whole budget spent within `long` when burning at exactly `factor` (0.02).
    public var budgetShare: Double
    /// Burn rate threshold: budgetShare × window / long.
    public var factor: Double

    /// How long a burn at `factor` takes to spend the whole budget.
    public func exhaustion(window: DurationValue) -> DurationValue {
        DurationValue(milliseconds: Int64((Double(window.milliseconds) / factor).rounded()))
    }
}

/// Budget-exhausted and no-data alerts: one condition held for `for`.
public struct SimpleAlert: Sendable {
    public var name: String
    public var forDuration: DurationValue
    public var labels: [String: String]
    public var annotations: [String: String]
}
