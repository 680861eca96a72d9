/// Alerting options, at service level (defaults) or per SLO (overrides).
struct AlertingSpec: Sendable {
    var range: SourceRange
    /// Base alert name; SLO level only.
    var name: Located<String>?
    var disabled: Located<Bool>?
    var labels: [LabelSpec]
    var annotations: [LabelSpec]
    var page: AlertTierSpec?
    var ticket: AlertTierSpec?
    var budgetExhausted: AlertTierSpec?
    var noData: AlertTierSpec?
}

/// One kind of alert: page, ticket, budget exhausted or no data.
struct AlertTierSpec: Sendable {
    var range: SourceRange
    var disabled: Located<Bool>?
    var labels: [LabelSpec]
    var annotations: [LabelSpec]
    /// How long the condition must hold (`for:`); only for `noData` and `budgetExhausted`.
    var forDuration: Located<DurationValue>?
}
