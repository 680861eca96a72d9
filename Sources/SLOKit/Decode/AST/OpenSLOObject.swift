/// One OpenSLO `v1` object, checked against the OpenSLO schema; references between objects (SLI,
/// alert policy, condition, notification target by name) are resolved once every file is read.
struct OpenSLOObject: Sendable {
    enum Body: Sendable {
        case service(description: Located<String>?)
        case dataSource(type: Located<String>?)
        case sli(OpenSLOIndicator)
        case slo(OpenSLOSLO)
        case alertPolicy(OpenSLOAlertPolicy)
        case alertCondition
        case notificationTarget
    }

    var file: String
    var range: SourceRange
    var kind: Located<OpenSLOKind>
    var name: Located<String>
    var body: Body
}

/// The OpenSLO v1 kinds this compiler reads; any other `kind` is SLO802.
enum OpenSLOKind: String, Sendable, Hashable, CaseIterable {
    case service = "Service"
    case dataSource = "DataSource"
    case sli = "SLI"
    case slo = "SLO"
    case alertPolicy = "AlertPolicy"
    case alertCondition = "AlertCondition"
    case alertNotificationTarget = "AlertNotificationTarget"
}

/// An SLI: a ratio of two (or three) metrics, a raw ratio, or a threshold on one metric.
struct OpenSLOIndicator: Sendable {
    enum Metric: Sendable {
        case ratio(good: OpenSLOMetric?, bad: OpenSLOMetric?, total: OpenSLOMetric?, raw: OpenSLOMetric?)
        case threshold(OpenSLOMetric)
    }

    var range: SourceRange
    var metric: Metric
}

/// A `metricSource`: a query for a data source type (inline `type`, or the referenced DataSource's).
struct OpenSLOMetric: Sendable {
    var range: SourceRange
    var type: Located<String>?
    var sourceRef: Located<String>?
    var query: QuerySpec?
}

struct OpenSLOSLO: Sendable {
    var service: Located<String>
    var description: Located<String>?
    var indicator: OpenSLOIndicator?
    var indicatorRef: Located<String>?
    var window: Located<WindowSpec>?
    var budgeting: Located<String>?
    var objectives: [OpenSLOObjective]
    var alertPolicyRefs: [Located<String>]
    var alertPolicies: [OpenSLOAlertPolicy]
}

struct OpenSLOObjective: Sendable {
    var range: SourceRange
    var displayName: Located<String>?
    /// The target as a percentage (from `target` × 100 or `targetPercent`).
    var objective: Located<Double>?
    var op: Located<String>?
    var value: Located<Double>?
    var timeSliceWindow: Located<DurationValue>?
}

struct OpenSLOAlertPolicy: Sendable {
    var range: SourceRange
    var conditionRefs: [Located<String>]
    var targetRefs: [Located<String>]
    /// Names of inline notification targets: they become routing labels like referenced ones.
    var inlineTargets: [Located<String>]
}
