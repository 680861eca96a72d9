/// Alerting options, at service level (defaults) or per SLO (overrides).
public struct AlertingSpec: Sendable {
    public var range: SourceRange
    /// Base alert name; SLO level only.
    public var name: Located<String>?
    public var disabled: Located<Bool>?
    public var labels: [LabelSpec]
    public var annotations: [LabelSpec]
    public var page: AlertTierSpec?
    public var ticket: AlertTierSpec?
    public var budgetExhausted: AlertTierSpec?
    public var noData: AlertTierSpec?
}

/// One kind of alert: page, ticket, budget exhausted or no data.
public struct AlertTierSpec: Sendable {
    public var range: SourceRange
    public var disabled: Located<Bool>?
    public var labels: [LabelSpec]
    public var annotations: [LabelSpec]
    /// How long the condition must hold (`for:`); only for `noData` and `budgetExhausted`.
    public var forDuration: Located<DurationValue>?
}
