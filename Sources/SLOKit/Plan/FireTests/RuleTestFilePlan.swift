/// A `promtool test rules` file as data.
struct RuleTestFilePlan: Sendable {
    var ruleFile: String
    var groups: [RuleTestGroupPlan]
    /// promtool evaluates every rule of the file at this step, in every group.
    var evaluationInterval: DurationValue = FireTestPlanner.evaluation
    /// The rule groups in the order promtool must evaluate them at each step; empty leaves it to
    /// promtool, which then orders the groups at random.
    var groupEvalOrder: [String] = []
}

/// One `tests:` entry: a scenario, its input series and what must (not) fire when.
struct RuleTestGroupPlan: Sendable {
    /// Printed above the entry: what the scenario is and why the checks hold.
    var comment: String
    var interval: DurationValue
    var inputSeries: [InputSeriesPlan]
    var alertChecks: [AlertCheckPlan]
    var exprChecks: [ExprCheckPlan]
}

struct InputSeriesPlan: Sendable, Hashable {
    let metric: String
    let labels: [String: String]
    /// promtool's expanding notation, e.g. `0+100x60 6100+0x30`.
    var values: String
    /// `metric{label="value",...}` in PromQL syntax, printed once: an SLO's series appear in
    /// every scenario, and test groups are merged by comparing them.
    let series: String

    init(metric: String, labels: [String: String], values: String) {
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

struct AlertCheckPlan: Sendable {
    var evalTime: DurationValue
    var alertName: String
    var expected: [ExpectedAlertPlan]
}

struct ExpectedAlertPlan: Sendable {
    var labels: [String: String]
    /// Nil when the annotations use templates: the check then reads the ALERTS series instead.
    var annotations: [String: String]?
}

struct ExprCheckPlan: Sendable {
    var expr: String
    var evalTime: DurationValue
    var samples: [(labels: String, value: Double)]
}
