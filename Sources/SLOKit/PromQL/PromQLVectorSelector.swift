/// An instant vector selector such as `http_requests_total{job="api"} offset 5m`.
struct PromQLVectorSelector: Sendable, Equatable {
    /// The metric name written before the braces, if any. A name given as
    /// `{__name__="x"}` stays a matcher; see ``metricName``.
    var name: String?
    /// The matchers written inside the braces, in source order.
    var matchers: [PromQLLabelMatcher]
    /// The `offset` modifier (may be negative); `nil` when absent.
    var offset: PromQLDuration?
    /// The `@` modifier; `nil` when absent.
    var at: PromQLAtModifier?

    init(
        name: String? = nil, matchers: [PromQLLabelMatcher] = [], offset: PromQLDuration? = nil,
        at: PromQLAtModifier? = nil
    ) {
        self.name = name
        self.matchers = matchers
        self.offset = offset
        self.at = at
    }

    /// The selected metric name: the name before the braces, or else the
    /// value of an `__name__="…"` equality matcher. `nil` when the metric is
    /// not fixed (e.g. only `__name__=~"…"`).
    var metricName: String? {
        if let name { return name }
        for matcher in matchers where matcher.name == "__name__" && matcher.op == .equal {
            return matcher.value
        }
        return nil
    }
}
