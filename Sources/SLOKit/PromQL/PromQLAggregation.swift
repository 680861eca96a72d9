/// An aggregation such as `sum by (job) (x)` or `topk(5, x)`.
struct PromQLAggregation: Sendable, Equatable {
    var op: PromQLAggregationOperator
    /// The parameter of `topk`, `bottomk`, `quantile` and `count_values`.
    var param: PromQLExpr?
    var expr: PromQLExpr
    /// The `by`/`without` clause; `nil` when absent. `by ()` is kept as
    /// `.by([])` so printing reproduces what was written.
    var grouping: PromQLGrouping?

    init(
        op: PromQLAggregationOperator, param: PromQLExpr? = nil, expr: PromQLExpr, grouping: PromQLGrouping? = nil
    ) {
        self.op = op
        self.param = param
        self.expr = expr
        self.grouping = grouping
    }
}
