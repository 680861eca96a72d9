/// What an SLO measures, in one of the supported forms.
struct SLISpec: Sendable {
    enum Kind: Sendable {
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

    var range: SourceRange
    var kind: Kind
    /// Labels that split the SLO into one budget per label value.
    var groupBy: [Located<String>]
}

/// A PromQL text from the spec, with the scalar it came from so errors inside it can be located.
struct QuerySpec: Sendable {
    var text: String
    var source: ScalarSource

    /// A full PromQL query uses Sloth's `{{.window}}` placeholder; anything else must be a selector.
    var isTemplate: Bool { text.contains(Self.windowPlaceholder) }

    static let windowPlaceholder = "{{.window}}"
}

struct LatencySLISpec: Sendable {
    var metric: Located<String>
    var selector: QuerySpec?
    /// The bucket bound in seconds; the text as written is kept for messages.
    var threshold: Located<Double>
}

struct TimesliceSLISpec: Sendable {
    var query: QuerySpec
    var good: Located<SliceCondition>
    var slice: Located<DurationValue>
}

/// `< 1000`: the comparison that makes a slice good.
struct SliceCondition: Sendable, Hashable {
    enum Operator: String, Sendable, Hashable, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case equal = "=="
        case notEqual = "!="
    }

    var op: Operator
    var value: Double
}
