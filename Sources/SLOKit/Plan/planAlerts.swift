/// The alerting rules of one SLO: page and ticket burn rates, budget exhausted, no data.
func planAlerts(_ slo: SLOModel, seriesLabels: [String: String]) -> [AlertingRulePlan] {
    var alerts: [AlertingRulePlan] = []
    let identity = [ReservedLabels.service: slo.service, ReservedLabels.name: slo.name]
    for tier in slo.alerting.tiers {
        let condition = RuleExpressions.burnCondition(slo, tier.windows)
        alerts.append(
            AlertingRulePlan(
                alert: slo.alerting.burnAlertName, expr: RuleExpressions.alertText(condition), forDuration: nil,
                labels: tier.labels.merging(identity) { $1 }, annotations: tier.annotations))
    }
    if let exhausted = slo.alerting.budgetExhausted {
        alerts.append(
            AlertingRulePlan(
                alert: exhausted.name,
                expr: RuleExpressions.text(
                    RuleExpressions.binary(
                        RuleExpressions.own(SeriesNames.budgetRemaining, of: slo), .lessOrEqual,
                        RuleExpressions.number(0))),
                forDuration: exhausted.forDuration, labels: exhausted.labels.merging(identity) { $1 },
                annotations: exhausted.annotations))
    }
    if let noData = slo.alerting.noData, let selector = slo.noDataSelector {
        alerts.append(
            AlertingRulePlan(
                alert: noData.name, expr: "absent(\(selector))", forDuration: noData.forDuration,
                labels: seriesLabels.merging(noData.labels) { $1 }, annotations: noData.annotations))
    }
    return alerts
}

extension SLOModel {
    /// The raw series whose absence means the SLI cannot be measured.
    var noDataSelector: String? {
        switch sli {
        case .errors(_, .selector(let total)), .good(_, .selector(let total)): total
        case .latency(let metric, let matchers, _):
            matchers.isEmpty ? metric + "_count" : "\(metric)_count{\(matchers)}"
        default: nil
        }
    }
}
