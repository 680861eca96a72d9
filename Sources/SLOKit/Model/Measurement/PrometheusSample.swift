/// One series of an instant vector, as Prometheus answered it: what a report measures from.
struct PrometheusSample: Sendable, Hashable {
    var labels: [String: String]
    var value: Double
}

/// One series of a range query, as Prometheus answered it.
struct PrometheusSeries: Sendable {
    var labels: [String: String]
    /// (unix seconds, value) in time order.
    var points: [(time: Double, value: Double)]
}
