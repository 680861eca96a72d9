/// A `promtool test rules` file as data.
public struct RuleTestFilePlan: Sendable {
    public var ruleFile: String
    public var groups: [RuleTestGroupPlan]
}

/// One `tests:` entry: a scenario, its input series and what must (not) fire when.
public struct RuleTestGroupPlan: Sendable {
    /// Printed above the entry: what the scenario is and why the checks hold.
    public var comment: String
    public var interval: DurationValue
    public var inputSeries: [InputSeriesPlan]
    public var alertChecks: [AlertCheckPlan]
    public var exprChecks: [ExprCheckPlan]
}

public struct InputSeriesPlan: Sendable, Hashable {
    public let metric: String
    public let labels: [String: String]
    /// promtool's expanding notation, e.g. `0+100x60 6100+0x30`.
    public var values: String
    /// `metric{label="value",...}` in PromQL syntax, printed once: an SLO's series appear in
    /// every scenario, and test groups are merged by comparing them.
    public let series: String

    public init(metric: String, labels: [String: String], values: String) {
        self.metric = metric
        self.labels = labels
        self.values = values
        series = FireTestPlanner.render(metric, labels)
    }

    /// The same series with other values.
    func with(values: String) -> InputSeriesPlan {
        var copy = self
        copy.values = values
        return copy
    }
}

public struct AlertCheckPlan: Sendable {
    public var evalTime: DurationValue
    public var alertName: String
    public var expected: [ExpectedAlertPlan]
}

public struct ExpectedAlertPlan: Sendable {
    public var labels: [String: String]
    /// Nil when the annotations use templates: the check then reads the ALERTS series instead.
    public var annotations: [String: String]?
}

public struct ExprCheckPlan: Sendable {
    public var expr: String
    public var evalTime: DurationValue
    public var samples: [(labels: String, value: Double)]
}
