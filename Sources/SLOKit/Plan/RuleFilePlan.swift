/// A Prometheus rule file as data: what `rules.yml` will say, before any text exists.
struct RuleFilePlan: Sendable {
    var groups: [RuleGroupPlan]
}

/// One rule group per SLO, so rulers can evaluate SLOs in parallel; recordings come before
/// the alerts that read them.
struct RuleGroupPlan: Sendable {
    var name: String
    /// The group's own evaluation interval, overriding the ruler's global one; nil inherits it.
    var interval: DurationValue?
    var rules: [RulePlan]

    /// How often the SLO groups are evaluated: the windows' 5-minute tiles are exact when the
    /// interval divides 5 minutes, and the detection tables are computed for this interval.
    static let evaluationInterval = DurationValue.minutes(1)
}

enum RulePlan: Sendable {
    case record(RecordingRulePlan)
    case alert(AlertingRulePlan)
}

struct RecordingRulePlan: Sendable {
    var record: String
    var expr: String
    var labels: [String: String]
}

struct AlertingRulePlan: Sendable {
    var alert: String
    var expr: String
    var forDuration: DurationValue?
    var labels: [String: String]
    var annotations: [String: String]
}
