/// The type of value a PromQL expression evaluates to.
///
/// Mirrors Prometheus' `ValueType`; the parser uses it for the same type
/// checks Prometheus performs, and callers use it to decide whether an
/// expression may be used as a rule (see ``isValidRuleResult``).
enum PromQLValueType: String, Sendable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
    case scalar
    case instantVector
    case rangeVector
    case string

    /// The wording Prometheus uses in its documentation and error messages.
    var description: String {
        switch self {
        case .scalar: return "scalar"
        case .instantVector: return "instant vector"
        case .rangeVector: return "range vector"
        case .string: return "string"
        }
    }

    /// Whether a recording or alerting rule may produce this type.
    ///
    /// `promtool check rules` accepts any expression that parses, but rule
    /// evaluation fails at run time with "rule result is not a vector or
    /// scalar" for strings and range vectors, so the compiler must reject them.
    var isValidRuleResult: Bool {
        self == .scalar || self == .instantVector
    }
}
