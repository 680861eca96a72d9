/// A service with every default applied: what the planners compile, and what documents describe.
public struct ServiceModel: Sendable {
    public var name: String
    public var description: String?
    public var file: String
    public var labels: [String: String]
    public var slos: [SLOModel]
    public var sla: SLASpec?
    public var kubernetesMetadata: KubernetesMetadata?
}

/// One SLO, resolved: numbers as ratios, windows as durations, alerts fully named and labelled.
public struct SLOModel: Sendable {
    public var service: String
    public var name: String
    public var description: String?
    /// The objective in percent, as written (99.9).
    public var objectivePercent: Double
    public var window: SLOWindow
    public var budgeting: BudgetingMethod
    public var sli: SLIModel
    public var groupBy: [String]
    /// Service labels overridden by SLO labels; set on every series and alert.
    public var labels: [String: String]
    public var alerting: AlertingModel
    public var location: SourceLocation

    /// The objective as a ratio (0.999).
    public var target: Double { NumberFormat.withoutBinaryNoise(objectivePercent / 100) }

    /// The error budget as a ratio (0.001), rounded so it prints as written.
    public var errorBudget: Double { NumberFormat.withoutBinaryNoise(1 - target) }
}

/// The SLO window: rolling, or a calendar period alerting on its nominal length.
public struct SLOWindow: Sendable, Hashable {
    public var spec: WindowSpec
    /// The length used in rule maths: the rolling duration or the period's nominal length.
    public var length: DurationValue

    public init(_ spec: WindowSpec) {
        self.spec = spec
        switch spec {
        case .rolling(let duration): length = duration
        case .calendar(let period): length = .days(Int64(period.nominalDays))
        }
    }

    /// `30d` for rolling windows, `month` for calendar ones.
    public var name: String {
        switch spec {
        case .rolling(let duration): duration.description
        case .calendar(let period): period.rawValue
        }
    }

    public var isCalendar: Bool {
        if case .calendar = spec { return true }
        return false
    }
}

/// The SLI in the form the planner compiles.
public enum SLIModel: Sendable {
    case errors(EventQuery, total: EventQuery)
    case good(EventQuery, total: EventQuery)
    /// A template yielding the error ratio; long windows average its 5m values (time-weighted).
    case errorRatio(template: String)
    /// `matchers` is the selector without braces (may be empty).
    case latency(metric: String, matchers: String, thresholdSeconds: Double)
    case timeslice(query: String, condition: SliceCondition, slice: DurationValue)

    /// True when fire-tests can feed raw metrics (the compiler knows the selectors).
    public var isSelectorBased: Bool {
        switch self {
        case .errors(let errors, let total), .good(let errors, let total):
            if case .selector = errors, case .selector = total { return true }
            return false
        case .latency: return true
        case .errorRatio, .timeslice: return false
        }
    }
}

/// An event query: a bare selector (the compiler writes the rate), or a `{{.window}}` template.
public enum EventQuery: Sendable, Hashable {
    case selector(String)
    case template(String)
}
