/// The Alertmanager receivers each kind of SLO alert goes to (`alertmanager.receivers` in the
/// project config). Only names: the receivers themselves (Slack, PagerDuty, …) stay in the
/// user's Alertmanager config, which already holds their secrets.
struct AlertmanagerReceivers: Sendable, Hashable {
    var page = "slo-page"
    var ticket = "slo-ticket"
    /// Nil sends budget-exhausted alerts to the ticket receiver.
    var budgetExhausted: String?
    /// Nil sends no-data alerts to the ticket receiver.
    var noData: String?

    /// Every distinct name, sorted: what the merged config must define.
    var names: [String] {
        Array(Set([page, ticket, budgetExhausted ?? ticket, noData ?? ticket])).sorted()
    }
}

/// The kinds of SLO alert, as their `slo_severity` label names them: the label the compiler owns,
/// so routes never depend on the `severity` values a team chose.
enum AlertKind: String, Sendable, Hashable, CaseIterable {
    case page
    case ticket
    case budgetExhausted = "budget-exhausted"
    case noData = "no-data"
    /// A calendar SLA's projection (issue 23): a warning for the people who own the SLA, so it
    /// goes to the ticket receiver.
    case slaAtRisk = "sla-at-risk"
}

/// An Alertmanager route subtree and inhibit rules for the SLO alerts of some services.
struct AlertmanagerPlan: Sendable, Hashable {
    /// One child route: the alerts of one kind, to one receiver.
    struct Route: Sendable, Hashable {
        var kind: AlertKind
        var receiver: String
    }

    /// A firing `source` alert silences the `target` alerts with the same `equal` labels.
    struct InhibitRule: Sendable, Hashable {
        var source: AlertKind
        var target: AlertKind
        var equal: [String]
    }

    /// Alerts that leave the SLO subtree unmatched by a child route go here (no such alert is
    /// generated; it keeps the subtree valid on its own).
    var fallbackReceiver: String
    /// `alertname`, the SLO's identity, and every label an SLI groups by: one notification per
    /// SLO (and group), so a page for one SLO never hides another's.
    var groupBy: [String]
    var routes: [Route]
    var inhibitRules: [InhibitRule]
    var receivers: [String]
    var services: [String]
}

/// Routes by alert kind, grouped per SLO; a page silences the ticket of the same SLO, and so does
/// an exhausted budget (the slow burn says nothing new once the budget is gone). No-data alerts
/// silence nothing and are never silenced: while an SLI has no data its burn alerts cannot fire,
/// so the no-data alert is the only signal left.
func planAlertmanagerRoutes(_ services: [ServiceOutline], receivers: AlertmanagerReceivers) -> AlertmanagerPlan {
    let groupLabels = services.reduce(into: Set<String>()) { $0.formUnion($1.groupLabels) }.sorted()
    // Labels absent on both alerts count as equal in Alertmanager, so the SLI group labels can be
    // in one rule for every SLO: SLOs without groups still match on service and name alone.
    let equal = [ReservedLabels.service, ReservedLabels.name] + groupLabels
    return AlertmanagerPlan(
        fallbackReceiver: receivers.ticket,
        groupBy: ["alertname", ReservedLabels.service, ReservedLabels.name] + groupLabels,
        routes: [
            .init(kind: .page, receiver: receivers.page),
            .init(kind: .ticket, receiver: receivers.ticket),
            .init(kind: .budgetExhausted, receiver: receivers.budgetExhausted ?? receivers.ticket),
            .init(kind: .noData, receiver: receivers.noData ?? receivers.ticket),
            .init(kind: .slaAtRisk, receiver: receivers.ticket),
        ],
        inhibitRules: [
            .init(source: .page, target: .ticket, equal: equal),
            .init(source: .budgetExhausted, target: .ticket, equal: equal),
        ],
        receivers: receivers.names,
        services: services.map(\.name))
}
