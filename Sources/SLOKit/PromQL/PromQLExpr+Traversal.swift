extension PromQLExpr {
    /// Direct sub-expressions in source order (aggregation parameter before
    /// the aggregated expression).
    var children: [PromQLExpr] {
        switch kind {
        case .number, .string, .vectorSelector, .matrixSelector:
            return []
        case .subquery(let subquery): return [subquery.expr]
        case .call(let call): return call.args
        case .aggregation(let aggregation):
            return aggregation.param.map { [$0, aggregation.expr] } ?? [aggregation.expr]
        case .binary(let binary): return [binary.lhs, binary.rhs]
        case .unary(_, let operand), .paren(let operand): return [operand]
        }
    }

    /// Visits this node and all descendants in pre-order (parents first, then
    /// children in source order).
    func forEach(_ body: (PromQLExpr) throws -> Void) rethrows {
        try body(self)
        for child in children {
            try child.forEach(body)
        }
    }

    /// Rewrites the tree bottom-up: children are transformed first, then
    /// `transform` is applied to the node with its new children. Return the
    /// node unchanged to keep it. Source ranges of rebuilt nodes are kept.
    ///
    /// The result is not re-checked; call ``PromQLTypeChecker/check(_:)`` (or
    /// print and re-parse) if the rewrite could produce an invalid query.
    func transformed(_ transform: (PromQLExpr) throws -> PromQLExpr) rethrows -> PromQLExpr {
        var node = self
        switch kind {
        case .number, .string, .vectorSelector, .matrixSelector:
            break
        case .subquery(var subquery):
            subquery.expr = try subquery.expr.transformed(transform)
            node.kind = .subquery(subquery)
        case .call(var call):
            call.args = try call.args.map { try $0.transformed(transform) }
            node.kind = .call(call)
        case .aggregation(var aggregation):
            aggregation.param = try aggregation.param?.transformed(transform)
            aggregation.expr = try aggregation.expr.transformed(transform)
            node.kind = .aggregation(aggregation)
        case .binary(var binary):
            binary.lhs = try binary.lhs.transformed(transform)
            binary.rhs = try binary.rhs.transformed(transform)
            node.kind = .binary(binary)
        case .unary(let op, let operand):
            node.kind = .unary(op, try operand.transformed(transform))
        case .paren(let inner):
            node.kind = .paren(try inner.transformed(transform))
        }
        return try transform(node)
    }
}
