/// Compiles the calendar side of one SLO: events since the start of the current UTC week, month,
/// quarter or year, the budget of a calendar SLO against that period, and the "SLA at risk" alert
/// of an SLA commitment. Nil when the SLO has neither a calendar window nor an SLA commitment.
///
/// A calendar period is not a fixed window, so the rules cannot add up tiles at fixed offsets as
/// the rolling windows do. Instead the group records sparse tiles (each UTC day's events once a
/// day, each hour's once an hour) and reads them back at UTC-aligned subquery steps, keeping the
/// steps whose tile lies in the current period (`CalendarRules.toDate`). Period boundaries are
/// UTC midnights, so no tile straddles one, and an evaluation decodes a few hundred samples a
/// side (a dozen a day of the period, 25 hour tiles, an hour of 5-minute rates) instead of every
/// `increase1d` sample of the period, let alone 92 days of raw series.
///
/// The group is slower than the SLO group (`interval: 5m`): a period's budget moves slowly, and
/// the budget-exhausted and SLA alerts do not need minute freshness.
func planCalendarGroup(
    _ slo: SLOModel, commitment: SLACommitmentTerms?, layout: WindowPlan.Layout = .chained
) -> RuleGroupPlan? {
    var periods: [CalendarPeriod] = []
    if case .calendar(let period) = slo.window.spec { periods.append(period) }
    if let commitment, !periods.contains(commitment.period) { periods.append(commitment.period) }
    guard !periods.isEmpty else { return nil }
    var rules: [RulePlan] = []
    var seriesLabels = slo.labels
    seriesLabels[ReservedLabels.service] = slo.service
    seriesLabels[ReservedLabels.name] = slo.name
    // The tiles every period reads, once per SLO: sparse series, so reading a month of them is
    // a few hundred samples instead of every `increase1d` sample of the month.
    let own = SeriesSelector(slo: slo).matchers
    for tile in [(\RuleExpressions.EventSide.dayTile, CalendarRules.dayTile), (\.hourTile, CalendarRules.hourTile)] {
        for side in [RuleExpressions.EventSide.errors, .total] {
            rules.append(
                .record(RecordingRulePlan(record: side[keyPath: tile.0], expr: tile.1(side, own), labels: seriesLabels))
            )
        }
    }
    for period in periods {
        let calendar = CalendarRules(slo: slo, period: period, layout: layout)
        var labels = seriesLabels
        labels[ReservedLabels.period] = period.rawValue
        func record(_ name: String, _ expr: String, _ labels: [String: String]) {
            rules.append(.record(RecordingRulePlan(record: name, expr: expr, labels: labels)))
        }
        record(SeriesNames.periodLength, calendar.length, labels)
        record(SeriesNames.periodElapsed, calendar.elapsed, labels)
        record(SeriesNames.errorsToDate, calendar.toDate(.errors), labels)
        record(SeriesNames.totalToDate, calendar.toDate(.total), labels)
        record(SeriesNames.errorRatioToDate, calendar.ratioToDate, labels)
        if case .calendar(period) = slo.window.spec {
            record(SeriesNames.budgetRemaining, calendar.budgetRemaining, labels)
            if let exhausted = slo.alerting.budgetExhausted {
                rules.append(
                    .alert(
                        AlertingRulePlan(
                            alert: exhausted.name, expr: "\(calendar.read(SeriesNames.budgetRemaining)) <= 0",
                            forDuration: exhausted.forDuration,
                            labels: exhausted.labels.merging([
                                ReservedLabels.service: slo.service, ReservedLabels.name: slo.name,
                                ReservedLabels.period: period.rawValue,
                            ]) { $1 },
                            annotations: exhausted.annotations)))
            }
        }
        if let commitment, commitment.period == period {
            record(SeriesNames.errorsAtPeriodEnd, calendar.atPeriodEnd(.errors), labels)
            record(SeriesNames.totalAtPeriodEnd, calendar.atPeriodEnd(.total), labels)
            record(SeriesNames.slaBreach, calendar.breachTime(slaBudget: commitment.errorBudget), labels)
            rules.append(.alert(planSLAAtRisk(slo, commitment: commitment, calendar: calendar)))
        }
    }
    return RuleGroupPlan(
        name: "slo-\(slo.service)-\(slo.name)-calendar", interval: CalendarRules.evaluationInterval, rules: rules)
}

/// What the rules need of one SLA commitment: its period, objective and credit tiers.
struct SLACommitmentTerms: Sendable {
    var period: CalendarPeriod
    var objectivePercent: Double
    /// Tiers by bound, lowest first.
    var credits: [BudgetMath.CreditTier]

    var errorBudget: Double {
        NumberFormat.withoutBinaryNoise(1 - NumberFormat.withoutBinaryNoise(objectivePercent / 100))
    }

    /// The commitment on `slo` in the service's SLA, if any.
    init?(slo: SLOModel, sla: SLASpec?) {
        guard let sla, let commitment = sla.commitments.first(where: { $0.slo.value == slo.name }) else { return nil }
        period = sla.period?.value ?? .month
        objectivePercent = commitment.objective.value
        credits = sla.credits.map {
            BudgetMath.CreditTier(belowPercent: $0.below.value, creditPercent: $0.credit.value)
        }
        .sorted { $0.belowPercent < $1.belowPercent }
    }

    init(period: CalendarPeriod, objectivePercent: Double, credits: [BudgetMath.CreditTier]) {
        self.period = period
        self.objectivePercent = objectivePercent
        self.credits = credits.sorted { $0.belowPercent < $1.belowPercent }
    }
}

/// Every rule group of a service, in file order: each SLO's group, then its calendar group, with
/// the project's group settings for `engine`.
///
/// The calendar group keeps its own 5-minute interval (a setting is about the SLO groups' tiles),
/// and goes where the period's long levels are: the whole file, or Thanos Ruler's side of the
/// split (`.global`); the Prometheus side (`.local`) only pages.
func planServiceRuleGroups(
    _ service: ServiceModel, layout: WindowPlan.Layout = .chained, part: RuleGroupPart = .whole,
    settings: RuleGroupSettings = RuleGroupSettings(), _ engine: RuleGroupSettings.Engine = .prometheus
) -> [RuleGroupPlan] {
    service.slos.flatMap { slo in
        let commitment = SLACommitmentTerms(slo: slo, sla: service.sla)
        let calendar =
            part == .local ? nil : planCalendarGroup(slo, commitment: commitment, layout: layout)
        let group = settings.apply(
            to: planRuleGroup(slo, layout: layout, part: part, calendarLevels: calendar != nil), engine)
        guard var calendar else { return [group] }
        calendar = settings.apply(to: calendar, engine)
        calendar.interval = CalendarRules.evaluationInterval
        return [group, calendar]
    }
}

/// The "SLA at risk" alert: the events of the period so far, plus what the last 6 hours' rates
/// would add until the period ends, leave the commitment's level below its objective.
///
/// Its value is that projected level in percent, so the annotation can name the credit tier it
/// falls in; the projected breach time is read from its recording.
func planSLAAtRisk(_ slo: SLOModel, commitment: SLACommitmentTerms, calendar: CalendarRules) -> AlertingRulePlan {
    let identity = [
        ReservedLabels.service: slo.service, ReservedLabels.name: slo.name,
        ReservedLabels.period: commitment.period.rawValue,
    ]
    var labels = slo.alerting.budgetExhausted?.labels ?? ["severity": "warning"]
    labels[ReservedLabels.severity] = "sla-at-risk"
    var annotations = (slo.alerting.budgetExhausted?.annotations ?? [:]).filter {
        $0.key != "summary" && $0.key != "description"
    }
    let objective = NumberFormat.clean(commitment.objectivePercent)
    let period = commitment.period.rawValue
    var tier = "{{ if ge $value \(templateNumber(commitment.objectivePercent)) }}none"
    for credit in commitment.credits {
        tier +=
            "{{ else if lt $value \(templateNumber(credit.belowPercent)) }}\(NumberFormat.clean(credit.creditPercent))% of the \(period)'s fee (below \(NumberFormat.clean(credit.belowPercent))%)"
    }
    tier += "{{ else }}none{{ end }}"
    var breachSelector = calendar.select(SeriesNames.slaBreach)
    var groupArguments = ""
    if !slo.groupBy.isEmpty {
        breachSelector.removeLast()
        for label in slo.groupBy {
            breachSelector += ",\(label)=%q"
            groupArguments += " $labels.\(label)"
        }
        breachSelector += "}"
    }
    let escaped = breachSelector.replacingAll("\"", with: "\\\"")
    let breach =
        "{{ with printf \"\(escaped)\"\(groupArguments) | query }}{{ . | first | value | humanizeTimestamp }}{{ end }}"
    annotations["summary"] = "\(slo.service) \(slo.name): SLA at risk this \(period)"
    annotations["description"] =
        "At the error rate of the last 6 hours, \(slo.service) \(slo.name) ends this calendar \(period) at {{ $value | printf \"%.3f\" }}%, below the \(objective)% committed in the SLA. The \(period)'s allowance of bad events runs out around \(breach) (UTC); service credit at stake: \(tier)."
    return AlertingRulePlan(
        alert: slo.slaAtRiskAlertName, expr: calendar.atRiskCondition(objectivePercent: commitment.objectivePercent),
        forDuration: CalendarRules.evaluationInterval, labels: labels.merging(identity) { $1 },
        annotations: annotations)
}

/// A number as Go's template comparisons need it against `$value`: always a float (`99.0`).
private func templateNumber(_ value: Double) -> String {
    let text = NumberFormat.clean(value)
    return text.contains(".") ? text : text + ".0"
}

extension SLOModel {
    /// `OrdersApiAvailabilitySLAAtRisk`: named like the budget-exhausted alert.
    var slaAtRiskAlertName: String { AlertNames.pascal(service) + AlertNames.pascal(name) + "SLAAtRisk" }
}
