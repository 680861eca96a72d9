/// What an SLO measures, in one of the supported forms.
public struct SLISpec: Sendable {
    public enum Kind: Sendable {
        /// `errors` over `total` events.
        case errors(QuerySpec, total: QuerySpec)
        /// `good` over `total` events.
        case good(QuerySpec, total: QuerySpec)
        /// A query that yields the error ratio itself.
        case errorRatio(QuerySpec)
        /// A classic histogram: good events are those in the bucket at the threshold.
        case latency(LatencySLISpec)
        /// A slice of time is good while a condition on a query holds.
        case timeslice(TimesliceSLISpec)
    }

    public var range: SourceRange
    public var kind: Kind
    /// Labels that split the SLO into one budget per label value.
    public var groupBy: [Located<String>]
}

/// A PromQL text from the spec, with the scalar it came from so errors inside it can be located.
public struct QuerySpec: Sendable {
    public var text: String
    public var source: ScalarSource

    /// A full PromQL query uses Sloth's `{{.window}}` placeholder; anything else must be a selector.
    public var isTemplate: Bool { text.contains(Self.windowPlaceholder) }

    public static let windowPlaceholder = "{{.window}}"
}

public struct LatencySLISpec: Sendable {
    public var metric: Located<String>
    public var selector: QuerySpec?
    /// The bucket bound in seconds; the text as written is kept for messages.
    public var threshold: Located<Double>
}

public struct TimesliceSLISpec: Sendable {
    public var query: QuerySpec
    public var good: Located<SliceCondition>
    public var slice: Located<DurationValue>
}

/// `< 1000`: the comparison that makes a slice good.
public struct SliceCondition: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case equal = "=="
        case notEqual = "!="
    }

    public var op: Operator
    public var value: Double
}
