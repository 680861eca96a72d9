/// One OpenSLO `v1` object, checked against the OpenSLO schema; references between objects (SLI,
/// alert policy, condition, notification target by name) are resolved once every file is read.
public struct OpenSLOObject: Sendable {
    public enum Body: Sendable {
        case service(description: Located<String>?)
        case dataSource(type: Located<String>?)
        case sli(OpenSLOIndicator)
        case slo(OpenSLOSLO)
        case alertPolicy(OpenSLOAlertPolicy)
        case alertCondition
        case notificationTarget
    }

    public var file: String
    public var range: SourceRange
    public var kind: Located<String>
    public var name: Located<String>
    public var body: Body
}

/// An SLI: a ratio of two (or three) metrics, a raw ratio, or a threshold on one metric.
public struct OpenSLOIndicator: Sendable {
    public enum Metric: Sendable {
        case ratio(good: OpenSLOMetric?, bad: OpenSLOMetric?, total: OpenSLOMetric?, raw: OpenSLOMetric?)
        case threshold(OpenSLOMetric)
    }

    public var range: SourceRange
    public var metric: Metric
}

/// A `metricSource`: a query for a data source type (inline `type`, or the referenced DataSource's).
public struct OpenSLOMetric: Sendable {
    public var range: SourceRange
    public var type: Located<String>?
    public var sourceRef: Located<String>?
    public var query: QuerySpec?
}

public struct OpenSLOSLO: Sendable {
    public var service: Located<String>
    public var description: Located<String>?
    public var indicator: OpenSLOIndicator?
    public var indicatorRef: Located<String>?
    public var window: Located<WindowSpec>?
    public var budgeting: Located<String>?
    public var objectives: [OpenSLOObjective]
    public var alertPolicyRefs: [Located<String>]
    public var alertPolicies: [OpenSLOAlertPolicy]
}

public struct OpenSLOObjective: Sendable {
    public var range: SourceRange
    public var displayName: Located<String>?
    /// The target as a percentage (from `target` × 100 or `targetPercent`).
    public var objective: Located<Double>?
    public var op: Located<String>?
    public var value: Located<Double>?
    public var timeSliceWindow: Located<DurationValue>?
}

public struct OpenSLOAlertPolicy: Sendable {
    public var range: SourceRange
    public var conditionRefs: [Located<String>]
    public var targetRefs: [Located<String>]
    /// Names of inline notification targets: they become routing labels like referenced ones.
    public var inlineTargets: [Located<String>]
}
