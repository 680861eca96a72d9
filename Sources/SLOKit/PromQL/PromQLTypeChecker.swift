/// The semantic checks Prometheus runs after a query parsed without syntax
/// errors (`checkAST` in `promql/parser/parse.go`), in the same traversal
/// order, so that the first error reported is the one Prometheus reports.
///
/// It is run by ``PromQLParser/parse(_:)``; it is exposed so rewritten
/// expressions can be checked again.
enum PromQLTypeChecker {
    /// Checks `expr` and returns its result type.
    @discardableResult
    static func check(_ expr: PromQLExpr) throws(PromQLError) -> PromQLValueType {
        switch expr.kind {
        case .number:
            return .scalar
        case .string:
            return .string
        case .vectorSelector(let selector):
            try checkSelector(selector, range: expr.range)
            return .instantVector
        case .matrixSelector(let matrix):
            try checkSelector(matrix.selector, range: expr.range)
            return .rangeVector
        case .subquery(let subquery):
            let type = try check(subquery.expr)
            if type != .instantVector {
                throw PromQLError(
                    offset: expr.range.lowerBound, end: expr.range.upperBound,
                    message: "subquery is only allowed on instant vector, got \(type) instead")
            }
            return .rangeVector
        case .paren(let inner):
            return try check(inner)
        case .unary(_, let operand):
            let type = try check(operand)
            if type != .scalar && type != .instantVector {
                throw PromQLError(
                    offset: expr.range.lowerBound, end: expr.range.upperBound,
                    message:
                        "unary expression only allowed on expressions of type scalar or instant vector, got \"\(type)\"",
                    kind: .type)
            }
            return type
        case .aggregation(let aggregation):
            try expect(aggregation.expr, .instantVector, context: "aggregation expression")
            if let parameterType = aggregation.op.parameterType, let param = aggregation.param {
                try expect(param, parameterType, context: "aggregation parameter")
            }
            return .instantVector
        case .call(let call):
            return try checkCall(call, range: expr.range)
        case .binary(let binary):
            return try checkBinary(binary, range: expr.range)
        }
    }

    private static func expect(_ expr: PromQLExpr, _ type: PromQLValueType, context: String) throws(PromQLError) {
        let actual = try check(expr)
        if actual != type {
            var message = "expected type \(type) in \(context), got \(actual)"
            if type == .rangeVector, actual == .instantVector {
                message += "; add a range such as [5m] to the selector"
            } else if type == .instantVector, actual == .rangeVector {
                message += "; remove the range or wrap it in a function such as rate(…)"
            }
            throw PromQLError(offset: expr.range.lowerBound, end: expr.range.upperBound, message: message, kind: .type)
        }
    }

    private static func checkSelector(_ selector: PromQLVectorSelector, range: Range<Int>) throws(PromQLError) {
        if let name = selector.name {
            for matcher in selector.matchers where matcher.name == "__name__" {
                throw PromQLError(
                    offset: range.lowerBound, end: range.upperBound,
                    message: "metric name must not be set twice: \"\(name)\" or \"\(matcher.value)\"")
            }
            return
        }
        if !selector.matchers.contains(where: { !$0.matchesEmptyString }) {
            throw PromQLError(
                offset: range.lowerBound, end: range.upperBound,
                message:
                    "vector selector must contain at least one non-empty matcher; add a metric name or a matcher such as job=\"api\" (a matcher that also matches the empty string, like x=\"\" or x=~\".*\", does not count)"
            )
        }
    }

    private static func checkCall(_ call: PromQLCall, range: Range<Int>) throws(PromQLError) -> PromQLValueType {
        guard let function = call.function else {
            throw PromQLError(
                offset: range.lowerBound, end: range.upperBound, message: "unknown function with name \"\(call.name)\"")
        }
        let count = call.args.count
        let expected = function.argumentTypes.count
        if function.variadic == 0 {
            if count != expected {
                throw PromQLError(
                    offset: range.lowerBound, end: range.upperBound,
                    message: "expected \(expected) argument(s) in call to \"\(function.name)\", got \(count)")
            }
        } else if count < function.minimumArgumentCount {
            throw PromQLError(
                offset: range.lowerBound, end: range.upperBound,
                message:
                    "expected at least \(function.minimumArgumentCount) argument(s) in call to \"\(function.name)\", got \(count)"
            )
        } else if let maximum = function.maximumArgumentCount, count > maximum {
            throw PromQLError(
                offset: range.lowerBound, end: range.upperBound,
                message: "expected at most \(maximum) argument(s) in call to \"\(function.name)\", got \(count)")
        }
        for (index, arg) in call.args.enumerated() {
            guard let type = function.argumentType(at: index) else { break }
            try expect(arg, type, context: "call to function \"\(function.name)\"")
        }
        return function.returnType
    }

    private static func checkBinary(_ binary: PromQLBinaryExpr, range: Range<Int>) throws(PromQLError)
        -> PromQLValueType
    {
        let lhsType = try check(binary.lhs)
        let rhsType = try check(binary.rhs)
        let op = binary.op
        let operatorRange =
            binary.operatorRange.isEmpty && binary.operatorRange.lowerBound == 0 ? range : binary.operatorRange
        func fail(_ at: Range<Int>, _ message: String, kind: PromQLError.Kind = .syntax) -> PromQLError {
            PromQLError(offset: at.lowerBound, end: at.upperBound, message: message, kind: kind)
        }
        if binary.returnBool && !op.isComparison {
            throw fail(operatorRange, "bool modifier can only be used on comparison operators")
        }
        if op.isComparison && !binary.returnBool && lhsType == .scalar && rhsType == .scalar {
            throw fail(
                operatorRange, "comparisons between scalars must use BOOL modifier; write e.g. 1 \(op.rawValue) bool 2")
        }
        if let matching = binary.matching, matching.kind == .on, let group = matching.group {
            for label in matching.labels where group.labels.contains(label) {
                throw fail(operatorRange, "label \"\(label)\" must not occur in ON and GROUP clause at once")
            }
        }
        if lhsType != .scalar && lhsType != .instantVector {
            throw fail(
                binary.lhs.range, "binary expression must contain only scalar and instant vector types, got \(lhsType)",
                kind: .type)
        }
        if rhsType != .scalar && rhsType != .instantVector {
            throw fail(
                binary.rhs.range, "binary expression must contain only scalar and instant vector types, got \(rhsType)",
                kind: .type)
        }
        if lhsType != .instantVector || rhsType != .instantVector {
            if let matching = binary.matching, !matching.labels.isEmpty {
                throw fail(range, "vector matching only allowed between instant vectors")
            }
        } else if op.isSetOperator, binary.matching?.group != nil {
            throw fail(range, "no grouping allowed for \"\(op.rawValue)\" operation")
        }
        if (lhsType == .scalar || rhsType == .scalar) && op.isSetOperator {
            throw fail(
                range,
                "set operator \"\(op.rawValue)\" not allowed in binary scalar expression; \"\(op.rawValue)\" needs instant vectors on both sides"
            )
        }
        return lhsType == .scalar && rhsType == .scalar ? .scalar : .instantVector
    }
}
