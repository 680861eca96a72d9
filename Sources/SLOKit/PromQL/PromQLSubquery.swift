/// A subquery such as `rate(x[5m])[1h:1m] offset 1d`.
struct PromQLSubquery: Sendable, Equatable {
    var expr: PromQLExpr
    var range: PromQLDuration
    /// The resolution after the colon; `nil` for `[1h:]` (use the global evaluation interval).
    var step: PromQLDuration?
    /// `offset` of the subquery itself (the inner selectors may have their own).
    var offset: PromQLDuration?
    /// `@` modifier of the subquery itself.
    var at: PromQLAtModifier?

    init(
        expr: PromQLExpr, range: PromQLDuration, step: PromQLDuration? = nil, offset: PromQLDuration? = nil,
        at: PromQLAtModifier? = nil
    ) {
        self.expr = expr
        self.range = range
        self.step = step
        self.offset = offset
        self.at = at
    }
}
