extension DurationValue {
    /// Prometheus's own syntax (units in descending order, each at most once), parsed by the
    /// PromQL front end's parser; nil when invalid. A bare `0` is not a spec duration.
    public init?(parsing text: String) {
        guard text != "0", let milliseconds = try? PromQLDuration.parseMilliseconds(text) else { return nil }
        self.milliseconds = milliseconds
    }
}
