/// The binary operators of PromQL with Prometheus' precedence.
enum PromQLBinaryOperator: String, Sendable, Equatable, Hashable, CaseIterable {
    case add = "+"
    case sub = "-"
    case mul = "*"
    case div = "/"
    case mod = "%"
    case pow = "^"
    case atan2 = "atan2"
    case equal = "=="
    case notEqual = "!="
    case greater = ">"
    case less = "<"
    case greaterOrEqual = ">="
    case lessOrEqual = "<="
    case and = "and"
    case or = "or"
    case unless = "unless"

    /// Binding strength, higher binds tighter: `or` 1, `and`/`unless` 2,
    /// comparisons 3, `+ -` 4, `* / % atan2` 5, `^` 6.
    var precedence: Int {
        switch self {
        case .or: return 1
        case .and, .unless: return 2
        case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual: return 3
        case .add, .sub: return 4
        case .mul, .div, .mod, .atan2: return 5
        case .pow: return 6
        }
    }

    /// Only `^` is right-associative (`2 ^ 3 ^ 2` is `2 ^ (3 ^ 2)`).
    var isRightAssociative: Bool { self == .pow }

    /// `== != > < >= <=`: filters unless `bool` is given; between scalars `bool` is required.
    var isComparison: Bool { precedence == 3 }

    /// `and`, `or`, `unless`: only allowed between instant vectors, always many-to-many.
    var isSetOperator: Bool { self == .and || self == .or || self == .unless }

    /// Whether Prometheus drops the metric name from results of this operator
    /// (arithmetic operators; comparisons only with `bool`).
    var dropsMetricName: Bool {
        switch self {
        case .add, .sub, .mul, .div, .mod, .pow, .atan2: return true
        default: return false
        }
    }
}
