/// One label matcher of a vector selector, e.g. `code=~"5.."`.
struct PromQLLabelMatcher: Sendable, Equatable, CustomStringConvertible {
    /// The four matching operators of PromQL.
    enum Operator: String, Sendable, Equatable, Hashable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case regexMatch = "=~"
        case regexNoMatch = "!~"

        /// Whether the value is a regular expression.
        var isRegex: Bool { self == .regexMatch || self == .regexNoMatch }
    }

    var name: String
    var op: Operator
    /// The unescaped value (a regular expression for `=~` and `!~`).
    var value: String
    /// Scalar offsets of the whole matcher in the query; ignored by `==`.
    var range: Range<Int>

    init(name: String, op: Operator, value: String, range: Range<Int> = 0..<0) {
        self.name = name
        self.op = op
        self.value = value
        self.range = range
    }

    /// Compares name, operator and value (byte-wise); ignores `range`.
    static func == (lhs: PromQLLabelMatcher, rhs: PromQLLabelMatcher) -> Bool {
        lhs.op == rhs.op && lhs.name == rhs.name && lhs.value.utf8.elementsEqual(rhs.value.utf8)
    }

    /// Whether this matcher accepts a series that does not have the label
    /// (Prometheus treats a missing label as the empty string).
    ///
    /// Prometheus requires every selector without a metric name to contain at
    /// least one matcher for which this is `false`, so that a typo cannot
    /// select every series. Regex matchers are fully anchored.
    var matchesEmptyString: Bool {
        switch op {
        case .equal: return value.isEmpty
        case .notEqual: return !value.isEmpty
        case .regexMatch: return PromQLRegexValidator.matchesEmptyString(value)
        case .regexNoMatch: return !PromQLRegexValidator.matchesEmptyString(value)
        }
    }

    var description: String {
        name + op.rawValue + PromQLPrinter.quote(value)
    }
}
