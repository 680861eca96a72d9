/// A service with every default applied: what the planners compile, and what documents describe.
struct ServiceModel: Sendable {
    var name: String
    var description: String?
    var file: String
    var labels: [String: String]
    var slos: [SLOModel]
    var sla: SLASpec?
    var kubernetesMetadata: KubernetesMetadata?
}

extension ServiceModel {
    /// What documents about every service need of this one.
    var outline: ServiceOutline {
        ServiceOutline(
            name: name, description: description, sloCount: slos.count, groupLabels: Set(slos.flatMap(\.groupBy)))
    }
}

/// A service as the outputs about every service see it (`index.md`, `alertmanager.yml`, the
/// overview dashboard): small enough to keep for every service while each is rendered and released.
struct ServiceOutline: Sendable, Hashable {
    var name: String
    var description: String?
    var sloCount: Int
    /// Every label any of its SLIs groups by.
    var groupLabels: Set<String>
}

/// One SLO, resolved: numbers as ratios, windows as durations, alerts fully named and labelled.
struct SLOModel: Sendable {
    var service: String
    var name: String
    var description: String?
    /// The objective in percent, as written (99.9).
    var objectivePercent: Double
    var window: SLOWindow
    var budgeting: BudgetingMethod
    var sli: SLIModel
    var groupBy: [String]
    /// Service labels overridden by SLO labels; set on every series and alert.
    var labels: [String: String]
    var alerting: AlertingModel
    var location: SourceLocation
    /// Where a latency SLI's `threshold` is written: live checks point there.
    var thresholdLocation: SourceLocation?

    /// The objective as a ratio (0.999).
    var target: Double { NumberFormat.withoutBinaryNoise(objectivePercent / 100) }

    /// The error budget as a ratio (0.001), rounded so it prints as written.
    var errorBudget: Double { NumberFormat.withoutBinaryNoise(1 - target) }
}

/// The SLO window: rolling, or a calendar period alerting on its nominal length.
struct SLOWindow: Sendable, Hashable {
    var spec: WindowSpec
    /// The length used in rule maths: the rolling duration or the period's nominal length.
    var length: DurationValue

    init(_ spec: WindowSpec) {
        self.spec = spec
        switch spec {
        case .rolling(let duration): length = duration
        case .calendar(let period): length = .days(Int64(period.nominalDays))
        }
    }

    /// `30d` for rolling windows, `month` for calendar ones.
    var name: String {
        switch spec {
        case .rolling(let duration): duration.description
        case .calendar(let period): period.rawValue
        }
    }

    var isCalendar: Bool {
        if case .calendar = spec { return true }
        return false
    }
}

/// The SLI in the form the planner compiles.
enum SLIModel: Sendable {
    case errors(EventQuery, total: EventQuery)
    case good(EventQuery, total: EventQuery)
    /// A template yielding the error ratio; long windows average its 5m values (time-weighted).
    case errorRatio(template: String)
    /// `matchers` is the selector without braces (may be empty).
    case latency(metric: String, matchers: String, thresholdSeconds: Double)
    case timeslice(query: String, condition: SliceCondition, slice: DurationValue)

    /// True when fire-tests can feed raw metrics (the compiler knows the selectors).
    var isSelectorBased: Bool {
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
enum EventQuery: Sendable, Hashable {
    case selector(String)
    case template(String)
}
