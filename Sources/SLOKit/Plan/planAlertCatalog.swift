/// One alert as the catalog describes it: what it watches, when it fires, what an outage costs.
struct AlertCatalogEntry: Sendable {
    enum Kind: Sendable, Hashable {
        case burnRate(BurnRateTier.Severity)
        case budgetExhausted
        case noData
        /// An SLA commitment projected to be missed at the end of its calendar period.
        case slaAtRisk
    }

    var name: String
    var kind: Kind
    var service: String
    var slo: SLOModel
    /// Every label the alert carries, `slo_severity` included: what Alertmanager routes on.
    var labels: [String: String]
    var annotations: [String: String]
    /// Burn-rate pairs (empty for the other kinds).
    var windows: [BurnRateWindow]
    var forDuration: DurationValue?
    /// Seconds of full outage until it fires (simulated, rules every minute); nil when an outage
    /// cannot fire it.
    var fullOutageSeconds: Double?
    /// Share of the window's budget spent by then (1 = all).
    var budgetSpentAtFiring: Double?
    /// Minutes to fire at each of `DetectionTable.ratios` (burn-rate alerts; nil where it never does).
    var detectionMinutes: [Int?] = []
    /// Minutes a full outage takes to fire each of `windows` (nil: never).
    var pairOutageMinutes: [Int?] = []

    /// `slo_severity`: page, ticket, budget-exhausted or no-data.
    /// The commitment an SLA-at-risk alert watches.
    var sla: SLACommitmentTerms? = nil

    var severity: String { labels[ReservedLabels.severity] ?? "" }
}

/// Every alert of one SLO, page before ticket, with the detection times of its simulated table;
/// then its SLA commitment's SLA-at-risk alert, if any.
func planAlertCatalog(
    _ slo: SLOModel, detection: DetectionTable, commitment: SLACommitmentTerms? = nil
) -> [AlertCatalogEntry] {
    var seriesLabels = slo.labels
    seriesLabels[ReservedLabels.service] = slo.service
    seriesLabels[ReservedLabels.name] = slo.name
    // Alerts also carry the labels of the recorded series their expression selects.
    let rules = planAlerts(slo, seriesLabels: seriesLabels).map { rule in
        var rule = rule
        rule.labels = seriesLabels.merging(rule.labels) { $1 }
        return rule
    }
    // A calendar SLO's budget-exhausted alert is in its calendar group, on series of its period.
    func calendarLabels(_ labels: [String: String]) -> [String: String] {
        guard case .calendar(let period) = slo.window.spec else { return labels }
        var all = seriesLabels.merging(labels) { $1 }
        all[ReservedLabels.period] = period.rawValue
        return all
    }
    var entries: [AlertCatalogEntry] = []
    let budget = slo.errorBudget
    let window = slo.window.length
    for tier in slo.alerting.tiers {
        let minutes = detection.tierFire(tier.severity)
        let detectionSeconds = minutes.first.flatMap { $0 }.map { Double($0 * 60) }
        let labels = rules.first { $0.labels[ReservedLabels.severity] == tier.severity.rawValue }?.labels ?? tier.labels
        entries.append(
            AlertCatalogEntry(
                name: slo.alerting.burnAlertName, kind: .burnRate(tier.severity), service: slo.service, slo: slo,
                labels: labels, annotations: tier.annotations, windows: tier.windows, forDuration: nil,
                fullOutageSeconds: detectionSeconds,
                budgetSpentAtFiring: detectionSeconds.map {
                    BudgetMath.budgetSpent(outageSeconds: $0, errorBudget: budget, window: window)
                }, detectionMinutes: minutes,
                pairOutageMinutes: detection.rows.filter { $0.severity == tier.severity }.map { $0.cells[0]?.fire }))
    }
    if let exhausted = slo.alerting.budgetExhausted {
        let seconds = detection.exhaustedAfter.map { Double($0 * 60) }
        entries.append(
            AlertCatalogEntry(
                name: exhausted.name, kind: .budgetExhausted, service: slo.service, slo: slo,
                labels: rules.first { $0.alert == exhausted.name }?.labels ?? calendarLabels(exhausted.labels),
                annotations: exhausted.annotations, windows: [], forDuration: exhausted.forDuration,
                fullOutageSeconds: seconds,
                budgetSpentAtFiring: seconds.map {
                    BudgetMath.budgetSpent(outageSeconds: $0, errorBudget: budget, window: window)
                }))
    }
    if let commitment {
        let alert = planSLAAtRisk(
            slo, commitment: commitment, calendar: CalendarRules(slo: slo, period: commitment.period))
        var labels = seriesLabels.merging(alert.labels) { $1 }
        labels[ReservedLabels.period] = commitment.period.rawValue
        entries.append(
            AlertCatalogEntry(
                name: alert.alert, kind: .slaAtRisk, service: slo.service, slo: slo, labels: labels,
                annotations: alert.annotations, windows: [], forDuration: alert.forDuration, fullOutageSeconds: nil,
                budgetSpentAtFiring: nil, sla: commitment))
    }
    if let noData = slo.alerting.noData {
        entries.append(
            AlertCatalogEntry(
                name: noData.name, kind: .noData, service: slo.service, slo: slo,
                labels: rules.first { $0.alert == noData.name }?.labels ?? noData.labels,
                annotations: noData.annotations, windows: [], forDuration: noData.forDuration,
                fullOutageSeconds: nil, budgetSpentAtFiring: nil))
    }
    return entries
}
