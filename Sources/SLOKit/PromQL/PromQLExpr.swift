/// A node of a parsed PromQL expression.
///
/// Every node carries the range of Unicode-scalar offsets it was parsed from
/// (`range`), so the compiler can point at the offending part of a query.
/// Equality deliberately ignores ranges: two expressions are equal when they
/// have the same structure and values, which is what a print → re-parse
/// round trip must preserve. Synthesised nodes use an empty range at 0.
struct PromQLExpr: Sendable, Equatable, CustomStringConvertible {
    /// What kind of node this is, with its operands.
    var kind: Kind
    /// Scalar offsets of the node within the parsed query (half-open).
    var range: Range<Int>

    init(_ kind: Kind, range: Range<Int> = 0..<0) {
        self.kind = kind
        self.range = range
    }

    /// The node kinds of the PromQL grammar.
    ///
    /// Offsets and `@` modifiers are fields of the selectors and subqueries
    /// they apply to (as in Prometheus), because PromQL only allows them
    /// there. Parentheses are kept as `.paren` nodes so printing reproduces
    /// them and `(x) offset 5m` stays distinguishable from `x offset 5m`.
    indirect enum Kind: Sendable, Equatable {
        /// A number literal; negative literals come from folding unary minus.
        case number(Double)
        /// A string literal (already unescaped).
        case string(String)
        /// An instant vector selector, e.g. `http_requests_total{job="api"}`.
        case vectorSelector(PromQLVectorSelector)
        /// A range vector selector, e.g. `x{a="b"}[5m] offset 1h`.
        case matrixSelector(PromQLMatrixSelector)
        /// A subquery, e.g. `rate(x[5m])[1h:1m]`.
        case subquery(PromQLSubquery)
        /// A function call, e.g. `rate(x[5m])`.
        case call(PromQLCall)
        /// An aggregation, e.g. `sum by (job) (x)` or `topk(5, x)`.
        case aggregation(PromQLAggregation)
        /// A binary operation, e.g. `a / on(job) group_left b`.
        case binary(PromQLBinaryExpr)
        /// A unary `+`/`-` applied to a non-literal operand.
        case unary(PromQLUnaryOperator, PromQLExpr)
        /// A parenthesised expression.
        case paren(PromQLExpr)

        static func == (lhs: Kind, rhs: Kind) -> Bool {
            switch (lhs, rhs) {
            case let (.number(a), .number(b)):
                // NaN literals must compare equal for round-trip checks.
                return a == b || (a.isNaN && b.isNaN)
            case let (.string(a), .string(b)):
                return a.utf8.elementsEqual(b.utf8)
            case let (.vectorSelector(a), .vectorSelector(b)):
                return a == b
            case let (.matrixSelector(a), .matrixSelector(b)):
                return a == b
            case let (.subquery(a), .subquery(b)):
                return a == b
            case let (.call(a), .call(b)):
                return a == b
            case let (.aggregation(a), .aggregation(b)):
                return a == b
            case let (.binary(a), .binary(b)):
                return a == b
            case let (.unary(opA, a), .unary(opB, b)):
                return opA == opB && a == b
            case let (.paren(a), .paren(b)):
                return a == b
            default:
                return false
            }
        }
    }

    /// Compares structure and values only; source ranges are ignored.
    static func == (lhs: PromQLExpr, rhs: PromQLExpr) -> Bool {
        lhs.kind == rhs.kind
    }

    /// Canonical PromQL text of this expression (see ``PromQLPrinter``).
    var description: String { PromQLPrinter.print(self) }
}
