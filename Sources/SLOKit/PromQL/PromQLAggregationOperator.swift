/// The aggregation operators of PromQL 2.42.
enum PromQLAggregationOperator: String, Sendable, Equatable, Hashable, CaseIterable {
    case sum, avg, count, min, max, group, stddev, stdvar, topk, bottomk, quantile
    case countValues = "count_values"

    /// Whether the operator takes a parameter before the aggregated expression.
    var takesParameter: Bool {
        switch self {
        case .topk, .bottomk, .quantile, .countValues: return true
        default: return false
        }
    }

    /// The type the parameter must have, if the operator takes one.
    var parameterType: PromQLValueType? {
        switch self {
        case .topk, .bottomk, .quantile: return .scalar
        case .countValues: return .string
        default: return nil
        }
    }
}
