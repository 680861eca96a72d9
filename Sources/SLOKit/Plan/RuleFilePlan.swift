/// A Prometheus rule file as data: what `rules.yml` will say, before any text exists.
public struct RuleFilePlan: Sendable {
    public var groups: [RuleGroupPlan]
}

/// One rule group per SLO, so rulers can evaluate SLOs in parallel; recordings come before
/// the alerts that read them.
public struct RuleGroupPlan: Sendable {
    public var name: String
    public var rules: [RulePlan]
}

public enum RulePlan: Sendable {
    case record(RecordingRulePlan)
    case alert(AlertingRulePlan)
}

public struct RecordingRulePlan: Sendable {
    public var record: String
    public var expr: String
    public var labels: [String: String]
}

public struct AlertingRulePlan: Sendable {
    public var alert: String
    public var expr: String
    public var forDuration: DurationValue?
    public var labels: [String: String]
    public var annotations: [String: String]
}
