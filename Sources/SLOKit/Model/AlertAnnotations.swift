/// Default alert annotations: what happened, in plain words, with the numbers that matter.
enum AlertAnnotations {
    static func burnRate(severity: BurnRateTier.Severity, windows: [BurnRateWindow], slo: SLOModel) -> [String: String]
    {
        let conditions = windows.map { window in
            "\(DurationText.percent(window.budgetShare)) of the budget in \(DurationText.words(window.long)) (\(Readable.factor(window.factor))× the sustainable rate)"
        }
        let fastest = windows.max { $0.factor < $1.factor }!
        let speed = severity == .page ? "fast" : "steadily"
        return [
            "summary": "\(slo.service) \(slo.name): error budget burning \(speed) (\(severity.rawValue))",
            "description":
                "The \(slo.window.name) error budget of \(slo.service) \(slo.name) (objective \(NumberFormat.clean(slo.objectivePercent))%) is being spent at \(conditions.joined(separator: " or ")); at \(Readable.factor(fastest.factor))× the whole budget is gone in \(DurationText.words(fastest.exhaustion(window: slo.window.length))).",
        ]
    }

    static func budgetExhausted(slo: SLOModel) -> [String: String] {
        if case .calendar(let period) = slo.window.spec {
            // Measured since the period started (UTC), against the whole period's events: it
            // clears when the next period starts.
            return [
                "summary": "\(slo.service) \(slo.name): this \(period.rawValue)'s error budget exhausted",
                "description":
                    "The bad events of \(slo.service) \(slo.name) since the calendar \(period.rawValue) started (UTC) exceed the budget of the whole \(period.rawValue) at the objective of \(NumberFormat.clean(slo.objectivePercent))%: even without further errors the \(period.rawValue) ends below it. The alert clears when the next \(period.rawValue) starts.",
            ]
        }
        return [
            "summary": "\(slo.service) \(slo.name): error budget exhausted",
            "description":
                "The \(slo.window.name) error budget of \(slo.service) \(slo.name) is spent: the SLI over the window is below the objective of \(NumberFormat.clean(slo.objectivePercent))%.",
        ]
    }

    static func noData(slo: SLOModel, after: DurationValue) -> [String: String] {
        [
            "summary": "\(slo.service) \(slo.name): no data for the SLI",
            "description":
                "The metrics behind \(slo.service) \(slo.name) have reported nothing for \(DurationText.words(after)); the SLO cannot be measured and its burn-rate alerts cannot fire.",
        ]
    }
}
