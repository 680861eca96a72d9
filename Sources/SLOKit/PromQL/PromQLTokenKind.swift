/// Token kinds, following the item types of Prometheus' lexer.
enum PromQLTokenKind: UInt8 {
    case eof
    case identifier
    case metricIdentifier
    case number
    case string
    case duration

    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, colon
    case eql  // `=` (label matching)
    case eqlRegex  // `=~`
    case neqRegex  // `!~`

    // Operators.
    case add, sub, mul, div, mod, pow, eqlc, neq, lss, lte, gtr, gte
    case land, lor, lunless, atan2, at

    // Aggregators.
    case sum, avg, count, min, max, group, stddev, stdvar, topk, bottomk, countValues, quantile

    // Keywords.
    case bool, by, groupLeft, groupRight, ignoring, offset, on, without
    case start, end

    /// The binary operator this token stands for, if any.
    var binaryOperator: PromQLBinaryOperator? {
        switch self {
        case .add: return .add
        case .sub: return .sub
        case .mul: return .mul
        case .div: return .div
        case .mod: return .mod
        case .pow: return .pow
        case .atan2: return .atan2
        case .eqlc: return .equal
        case .neq: return .notEqual
        case .gtr: return .greater
        case .lss: return .less
        case .gte: return .greaterOrEqual
        case .lte: return .lessOrEqual
        case .land: return .and
        case .lor: return .or
        case .lunless: return .unless
        default: return nil
        }
    }

    /// The aggregation operator this token stands for, if any.
    var aggregationOperator: PromQLAggregationOperator? {
        switch self {
        case .sum: return .sum
        case .avg: return .avg
        case .count: return .count
        case .min: return .min
        case .max: return .max
        case .group: return .group
        case .stddev: return .stddev
        case .stdvar: return .stdvar
        case .topk: return .topk
        case .bottomk: return .bottomk
        case .countValues: return .countValues
        case .quantile: return .quantile
        default: return nil
        }
    }

    /// Tokens that may name a metric at the start of an expression
    /// (`metric_identifier` in Prometheus' grammar): `sum`, `by`, `offset`,
    /// `and`… are valid metric names, `bool`, `on`, `atan2`… are not.
    var isMetricIdentifier: Bool {
        switch self {
        case .identifier, .metricIdentifier, .avg, .bottomk, .by, .count, .countValues, .group,
            .land, .lor, .lunless, .max, .min, .offset, .quantile, .stddev, .stdvar, .sum, .topk,
            .without, .start, .end:
            return true
        default:
            return false
        }
    }

    /// Tokens accepted as a label name in `by (…)`, `on (…)` etc.
    /// (`maybe_label` in Prometheus' grammar; note `without` is not one).
    var isMaybeLabel: Bool {
        switch self {
        case .identifier, .metricIdentifier, .avg, .bool, .bottomk, .by, .count, .countValues,
            .group, .groupLeft, .groupRight, .ignoring, .land, .lor, .lunless, .max, .min,
            .offset, .on, .quantile, .stddev, .stdvar, .sum, .topk, .start, .end, .atan2:
            return true
        default:
            return false
        }
    }

    var isKeyword: Bool {
        rawValue >= PromQLTokenKind.land.rawValue && self != .at
    }
}
