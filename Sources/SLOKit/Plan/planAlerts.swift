/// The alerting rules of one SLO: page and ticket burn rates, budget exhausted (rolling
/// windows; a calendar SLO's is in its calendar group), no data.
///
/// In the flat layout the conditions read the windows' expressions, not their recordings, so the
/// result carries only the SLO's `groupBy` labels: the alerts then name the SLO's series labels
/// themselves, to reach Alertmanager with the same labels as the chained rules' alerts.
func planAlerts(
    _ slo: SLOModel, seriesLabels: [String: String], layout: WindowPlan.Layout = .chained
) -> [AlertingRulePlan] {
    var alerts: [AlertingRulePlan] = []
    var identity = [ReservedLabels.service: slo.service, ReservedLabels.name: slo.name]
    if layout == .flat { identity = seriesLabels }
    for tier in slo.alerting.tiers {
        let condition = RuleExpressions.burnCondition(slo, tier.windows, layout: layout)
        alerts.append(
            AlertingRulePlan(
                alert: slo.alerting.burnAlertName, expr: RuleExpressions.alertText(condition), forDuration: nil,
                labels: identity.merging(tier.labels) { $1 }.merging([
                    ReservedLabels.service: slo.service, ReservedLabels.name: slo.name,
                ]) { $1 },
                annotations: tier.annotations, tier: tier.severity))
    }
    if let exhausted = slo.alerting.budgetExhausted, !slo.window.isCalendar {
        let remaining =
            layout == .flat
            ? RuleExpressions.binary(
                RuleExpressions.number(1), .sub,
                RuleExpressions.paren(RuleExpressions.burnRate(slo, ratioOf: slo.window.length, layout: .flat)))
            : RuleExpressions.own(SeriesNames.budgetRemaining, of: slo)
        alerts.append(
            AlertingRulePlan(
                alert: exhausted.name,
                expr: RuleExpressions.text(
                    RuleExpressions.binary(
                        layout == .flat ? RuleExpressions.paren(remaining) : remaining, .lessOrEqual,
                        RuleExpressions.number(0))),
                forDuration: exhausted.forDuration,
                labels: identity.merging(exhausted.labels) { $1 }.merging([
                    ReservedLabels.service: slo.service, ReservedLabels.name: slo.name,
                ]) { $1 },
                annotations: exhausted.annotations))
    }
    if let noData = slo.alerting.noData {
        alerts.append(
            AlertingRulePlan(
                alert: noData.name, expr: "absent(\(slo.noDataQuery.text))", forDuration: noData.forDuration,
                labels: seriesLabels.merging(noData.labels) { $1 }, annotations: noData.annotations))
    }
    return alerts
}

/// What the no-data alert watches: `absent()` of it fires when the SLI has nothing to measure.
struct NoDataQuery: Sendable, Hashable {
    /// PromQL without `{{.window}}`.
    var text: String
    /// A bare selector: `absent()` then copies its `=` matchers into the alert's labels. Any
    /// other expression gives an alert without labels of its own.
    var isSelector: Bool
}

extension SLOModel {
    /// The series or query whose absence means the SLI cannot be measured.
    ///
    /// Selector SLIs watch their raw total series. Every other kind watches the query it reads
    /// raw data through, at the base window: a `{{.window}}` total, the error-ratio query (a
    /// quiet service gives 0/0, which is NaN but present, so silence alone does not fire), or
    /// the timeslice query. `absent()` of an expression is empty as long as it returns any
    /// sample, so the alert fires only when the metrics behind the SLI are gone.
    var noDataQuery: NoDataQuery {
        let window = SeriesNames.baseWindow.description
        switch sli {
        case .errors(_, .selector(let total)), .good(_, .selector(let total)):
            return NoDataQuery(text: total, isSelector: true)
        case .errors(_, .template(let total)), .good(_, .template(let total)):
            return NoDataQuery(
                text: Self.withoutConstantFallback(SLIExpressions.instantiate(total, window: window)), isSelector: false
            )
        case .latency(let metric, let matchers, _):
            return NoDataQuery(
                text: matchers.isEmpty ? metric + "_count" : "\(metric)_count{\(matchers)}", isSelector: true)
        case .errorRatio(let template):
            return NoDataQuery(
                text: Self.withoutConstantFallback(SLIExpressions.instantiate(template, window: window)),
                isSelector: false)
        case .timeslice(let query, _, _):
            return NoDataQuery(
                text: Self.withoutConstantFallback(SLIExpressions.instantiate(query, window: window)), isSelector: false
            )
        }
    }

    /// `query` without a trailing constant fallback (`x OR on() vector(0)`, a Sloth habit): the
    /// fallback always returns a sample, so `absent()` of the whole query could never fire. Only
    /// `or` operands that read no series are dropped; a query that does not parse is kept as is.
    static func withoutConstantFallback(_ query: String) -> String {
        guard var expr = try? PromQLParser.parse(query) else { return query }
        var stripped = false
        while true {
            if case .paren(let inner) = expr.kind {
                expr = inner
            } else if case .binary(let binary) = expr.kind, binary.op == .or, binary.rhs.selectors.isEmpty {
                expr = binary.lhs
                stripped = true
            } else {
                break
            }
        }
        return stripped ? PromQLPrinter.print(expr) : query
    }
}
