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
    /// The engine keys beside `rules:` (limit, query offset, labels, tenants, partial responses).
    var options = RuleGroupOptions()

    /// How often the SLO groups are evaluated: the windows' 5-minute tiles are exact when the
    /// interval divides 5 minutes, and the detection tables are computed for this interval.
    static let evaluationInterval = DurationValue.minutes(1)
}

/// The keys of a rule group other than its name, interval and rules, each written only when set:
/// rulers reject keys they do not know (promtool 2.42 rejects all but `limit`), so an option
/// nobody asked for never appears.
struct RuleGroupOptions: Sendable, Hashable {
    /// Most alerts or series one evaluation may produce (`limit`); 0 means no limit.
    var limit: Int?
    /// How far back every query of the group looks (`query_offset`, Prometheus ≥ 2.53 and Mimir;
    /// vmalert calls it `eval_delay`), under the key `queryOffsetKey`.
    var queryOffset: DurationValue?
    var queryOffsetKey = "query_offset"
    /// Labels added to every series and alert of the group (`labels`, Prometheus ≥ 3.0, vmalert).
    var labels: [String: String] = [:]
    /// Mimir federated rule groups: the tenants the group's queries read (`source_tenants`).
    var sourceTenants: [String] = []
    /// Thanos Ruler: what a query does when a store does not answer (`partial_response_strategy`).
    var partialResponseStrategy: String?
}

enum RulePlan: Sendable {
    case record(RecordingRulePlan)
    case alert(AlertingRulePlan)

    /// The recorded series or the alert's name.
    var name: String {
        switch self {
        case .record(let record): record.record
        case .alert(let alert): alert.alert
        }
    }
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
    /// The severity tier of a burn-rate alert; nil for budget-exhausted and no-data alerts.
    var tier: BurnRateTier.Severity? = nil
}
