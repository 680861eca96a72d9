extension PromQLExpr {
    /// The static result type, computed like Prometheus' `Expr.Type()`:
    /// a binary operation is a scalar only if both sides are scalars,
    /// parentheses and unary operators have their operand's type.
    var resultType: PromQLValueType {
        switch kind {
        case .number: return .scalar
        case .string: return .string
        case .vectorSelector, .aggregation: return .instantVector
        case .matrixSelector, .subquery: return .rangeVector
        case .call(let call): return call.function?.returnType ?? .instantVector
        case .binary(let binary):
            return binary.lhs.resultType == .scalar && binary.rhs.resultType == .scalar ? .scalar : .instantVector
        case .unary(_, let operand), .paren(let operand): return operand.resultType
        }
    }
}
