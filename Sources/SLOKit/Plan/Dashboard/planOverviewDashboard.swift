/// The overview of every service: one table row per SLO with its objective, SLI and budget left
/// over its window, current burn and firing alerts, worst budget first.
///
/// Each column is one instant query over the recorded series of all SLOs at once, aggregated to
/// `(slo_service, slo_name)` (a grouped SLO shows its worst group), so the columns join on the
/// same two labels. The SLI is computed from the period burn rate and the budget
/// (1 − burn × budget): one expression for every window length, where `slo:sli_error:ratio_rate30d`
/// would name one window.
func planOverviewDashboard(_ services: [ServiceModel]) -> DashboardPlan {
    let identity = "\(ReservedLabels.service), \(ReservedLabels.name)"
    let columns: [(TableColumn, String)] = [
        (
            TableColumn(refID: "A", title: "Budget left", unit: .ratio),
            "sort(min by (\(identity)) (\(SeriesNames.budgetRemaining)))"
        ),
        (
            TableColumn(refID: "B", title: "SLI", unit: .ratio),
            "min by (\(identity)) (1 - \(SeriesNames.periodBurnRate) * on(\(identity)) group_left \(SeriesNames.errorBudget))"
        ),
        (
            TableColumn(refID: "C", title: "Objective", unit: .ratio),
            "max by (\(identity)) (\(SeriesNames.objective))"
        ),
        (
            TableColumn(refID: "D", title: "Burn rate (5m)", unit: .burnRate),
            "max by (\(identity)) (\(SeriesNames.currentBurnRate))"
        ),
        (
            TableColumn(refID: "E", title: "Firing alerts", unit: .count),
            "count by (\(identity)) (ALERTS{alertstate=\"firing\",\(ReservedLabels.service)!=\"\"}) or on(\(identity)) (0 * count by (\(identity)) (\(SeriesNames.objective)))"
        ),
    ]
    let table = DashboardPanel(
        kind: .table, title: "Every SLO, worst budget first",
        description:
            "One row per SLO (a grouped SLO shows its worst group): SLI and budget left over the SLO's window, burn rate over the last 5 minutes, alerts firing now.",
        queries: columns.map { PanelQuery(refID: $0.0.refID, expr: $0.1, legend: $0.0.title, instant: true) },
        columns: columns.map(\.0), width: 24, height: max(8, min(30, 3 + services.reduce(0) { $0 + $1.slos.count })))
    return DashboardPlan(
        uid: DashboardPlan.overviewUID, title: "SLOs: overview",
        description: "Every SLO of every service compiled by slo, worst error budget first.",
        tags: [DashboardPlan.tag], labelVariables: [],
        links: [DashboardLink(title: "SLO dashboards", target: .dashboards(tags: [DashboardPlan.tag]))],
        rows: [DashboardRow(title: "All services", panels: [table])])
}
