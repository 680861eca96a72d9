/// One alert as the catalog describes it: what it watches, when it fires, what an outage costs.
struct AlertCatalogEntry: Sendable {
    enum Kind: Sendable, Hashable {
        case burnRate(BurnRateTier.Severity)
        case budgetExhausted
        case noData
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
    var severity: String { labels[ReservedLabels.severity] ?? "" }
}

/// Every alert of one SLO, page before ticket, with the detection times of its simulated table.
func planAlertCatalog(_ slo: SLOModel, detection: DetectionTable) -> [AlertCatalogEntry] {
    var seriesLabels = slo.labels
    seriesLabels[ReservedLabels.service] = slo.service
    seriesLabels[ReservedLabels.name] = slo.name
    // Alerts also carry the labels of the recorded series their expression selects.
    let rules = planAlerts(slo, seriesLabels: seriesLabels).map { rule in
        var rule = rule
        rule.labels = seriesLabels.merging(rule.labels) { $1 }
        return rule
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
                labels: rules.first { $0.alert == exhausted.name }?.labels ?? exhausted.labels,
                annotations: exhausted.annotations, windows: [], forDuration: exhausted.forDuration,
                fullOutageSeconds: seconds,
                budgetSpentAtFiring: seconds.map {
                    BudgetMath.budgetSpent(outageSeconds: $0, errorBudget: budget, window: window)
                }))
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
