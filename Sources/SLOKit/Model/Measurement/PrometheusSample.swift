/// One series of an instant vector, as Prometheus answered it: what a report measures from.
public struct PrometheusSample: Sendable, Hashable {
    public var labels: [String: String]
    public var value: Double
}

/// One series of a range query, as Prometheus answered it.
public struct PrometheusSeries: Sendable {
    public var labels: [String: String]
    /// (unix seconds, value) in time order.
    public var points: [(time: Double, value: Double)]
}
