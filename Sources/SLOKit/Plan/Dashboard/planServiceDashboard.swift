/// Settings of the `grafana` output that the specs cannot know.
struct DashboardSettings: Sendable, Hashable {
    /// Where the compiled output is browsable (`https://git.example.com/monitoring/-/blob/main/generated`):
    /// panels then link to each service's `BUDGET.md`. Without it they name the file instead.
    var documentsURL: String?
}

/// One service's dashboard: a row per SLO with its objective, SLI and budget left over the window
/// (and over the calendar period the SLO or its SLA is judged on), a burn-rate panel per alert
/// pair with the pair's factor drawn as a line, the state of each alert, and for latency SLOs the
/// latency quantiles around the threshold.
///
/// Every query but the latency quantiles reads a series `planRuleGroup` records (`slo:…`) or
/// `ALERTS`, at one instant or over the dashboard's range: a panel costs what a rule costs, never a
/// 30-day range over raw series. The quantiles read the raw histogram over 5 minutes (what the
/// SLO's own 5-minute recording reads): no recording keeps the distribution.
func planServiceDashboard(_ service: ServiceModel, settings: DashboardSettings) -> DashboardPlan {
    var variables: [DashboardVariable] = []
    for label in service.slos.flatMap(\.groupBy) where !variables.contains(where: { $0.label == label }) {
        variables.append(
            DashboardVariable(
                label: label,
                selector: "\(SeriesNames.totalRate){\(ReservedLabels.service)=\(DashboardQueries.quoted(service.name))}"
            ))
    }
    return DashboardPlan(
        uid: DashboardPlan.uid(for: service.name),
        title: "SLOs: \(service.name)",
        description: service.description ?? "Service level objectives of \(service.name).",
        tags: [DashboardPlan.tag, service.name],
        labelVariables: variables,
        links: [DashboardLink(title: "SLO dashboards", target: .dashboards(tags: [DashboardPlan.tag]))],
        rows: service.slos.map { planSLORow($0, service: service, settings: settings) })
}

extension DashboardPlan {
    /// The tag every generated dashboard carries: the links between them list dashboards by it.
    static let tag = "slo"

    /// The overview's uid: a service uid never has `--` after `slo` (names start with a letter or digit).
    static let overviewUID = "slo--overview"

    /// Grafana uids are at most 40 characters of letters, digits, `-` and `_`: `slo-` and the
    /// service name when that fits, otherwise a prefix and a hash of the whole name, so two long
    /// names never share a uid and a name always maps to the same one.
    static func uid(for name: String) -> String {
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_".unicodeScalars.contains(scalar))
        }
        let plain = "slo-" + name
        if plain.unicodeScalars.allSatisfy(allowed) && plain.utf8.count <= 40 { return plain }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across runs, unlike Hasher
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: plain.unicodeScalars.prefix(19).map { allowed($0) ? $0 : "-" })
        let hex = String(hash, radix: 16)
        return String(kept) + "-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The PromQL of the dashboard panels.
enum DashboardQueries {
    /// A PromQL string literal.
    static func quoted(_ value: String) -> String {
        "\"" + value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    /// `{slo_service="…",slo_name="…",route=~"$route"}`: the SLO's own series, narrowed to the
    /// groups picked in the dashboard's variables.
    static func matchers(_ slo: SLOModel) -> String {
        var parts = [
            "\(ReservedLabels.service)=\(quoted(slo.service))", "\(ReservedLabels.name)=\(quoted(slo.name))",
        ]
        parts += slo.groupBy.map { "\($0)=~\"$\($0)\"" }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// `{{route}} {{method}} ` for grouped SLOs: legends then tell the groups apart.
    static func legendPrefix(_ slo: SLOModel) -> String {
        slo.groupBy.map { "{{\($0)}} " }.joined()
    }

    /// How many alerts of one kind fire for the SLO, 0 when none does: `ALERTS` has no series
    /// for a quiet alert, and a panel without a value reads as broken rather than quiet.
    static func firing(_ slo: SLOModel, severity: String) -> String {
        "count(ALERTS{alertstate=\"firing\",\(ReservedLabels.service)=\(quoted(slo.service)),"
            + "\(ReservedLabels.name)=\(quoted(slo.name)),\(ReservedLabels.severity)=\(quoted(severity))}) or vector(0)"
    }

    /// `metric{…,slo_period="month"}`: a calendar-group recording of the SLO's period.
    static func periodToDate(_ metric: String, _ slo: SLOModel, _ period: CalendarPeriod) -> String {
        var own = matchers(slo)
        own.removeLast()
        return metric + own + ",\(ReservedLabels.period)=\(quoted(period.rawValue))}"
    }
}

extension SLOModel {
    /// The calendar period the SLO is judged on: its own calendar window, or the period of the SLA
    /// that commits to it.
    func judgedPeriod(in service: ServiceModel) -> CalendarPeriod? {
        if case .calendar(let period) = window.spec { return period }
        guard let sla = service.sla, let period = sla.period?.value,
            sla.commitments.contains(where: { $0.slo.value == name })
        else { return nil }
        return period
    }

    /// The runbook the alerts link to, if any of them names one.
    var runbookURL: String? {
        let annotations =
            alerting.tiers.map(\.annotations)
            + [alerting.budgetExhausted, alerting.noData].compactMap { $0?.annotations }
        return annotations.lazy.compactMap { $0["runbook_url"] }.first
    }
}

private func planSLORow(_ slo: SLOModel, service: ServiceModel, settings: DashboardSettings) -> DashboardRow {
    typealias Query = DashboardQueries
    let own = Query.matchers(slo)
    let legend = Query.legendPrefix(slo)
    let budget = NumberFormat.clean(slo.errorBudget)
    let window = slo.window.length
    let windowText = window.description
    let objective = NumberFormat.clean(slo.objectivePercent) + "%"
    var panels: [DashboardPanel] = []

    var links: [DashboardLink] = []
    if let runbook = slo.runbookURL { links.append(DashboardLink(title: "Runbook", target: .url(runbook))) }
    let budgetPath = "\(service.name)/BUDGET.md"
    if let base = settings.documentsURL {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        links.append(
            DashboardLink(title: "Error-budget plan", target: .url("\(trimmed)/\(budgetPath)#\(slo.name.lowercased())"))
        )
    }
    var about = "**\(objective)** over **\(windowWords(slo.window, .span))**"
    if slo.window.isCalendar { about += " (the alerts use \(windowText))" }
    about += "\n\n" + (slo.description ?? "")
    about +=
        links.isEmpty
        ? ""
        : "\n\n"
            + links.map { link in
                guard case .url(let url) = link.target else { return "" }
                return "[\(link.title)](\(url))"
            }.joined(separator: " · ")
    if settings.documentsURL == nil { about += "\n\nError-budget plan: `\(budgetPath)` in the compiled output." }
    panels.append(
        DashboardPanel(
            kind: .text, title: "\(slo.name): objective", description: "What the SLO promises, from its spec.",
            content: about, links: links, width: 6, height: 6))

    let sliThresholds = [PanelThreshold(value: slo.target, color: "green")]
    let budgetThresholds = [PanelThreshold(value: 0, color: "green")]
    panels.append(
        DashboardPanel(
            kind: .stat, title: "SLI over \(windowText)",
            description:
                "Good share of the SLO's events over its \(windowText) window (1 − slo:sli_error:ratio_rate\(windowText)).",
            queries: [
                PanelQuery(
                    refID: "A", expr: "1 - \(SeriesNames.errorRatio(window))\(own)", legend: legend + "SLI",
                    instant: true)
            ], unit: .ratio, thresholds: sliThresholds, baseColor: "red", width: 4, height: 6))
    panels.append(
        DashboardPanel(
            kind: .stat, title: "Budget left over \(windowText)",
            description:
                "Share of the \(windowText) error budget not yet spent; the budget-exhausted alert fires at 0.",
            queries: [
                PanelQuery(
                    refID: "A", expr: "\(SeriesNames.budgetRemaining)\(own)", legend: legend + "budget left",
                    instant: true)
            ], unit: .ratio, thresholds: budgetThresholds, baseColor: "red", width: 4, height: 6))
    if let period = slo.judgedPeriod(in: service) {
        // The calendar group's recordings (label `slo_period`): events since the period started,
        // the same numbers the calendar budget-exhausted and SLA-at-risk alerts read.
        let ratio = Query.periodToDate(SeriesNames.errorRatioToDate, slo, period)
        panels.append(
            DashboardPanel(
                kind: .stat, title: "SLI this \(period.rawValue) so far",
                description:
                    "Good share of events since the start of the calendar \(period.rawValue) (UTC): 1 − slo:sli_error:ratio_period_to_date.",
                queries: [PanelQuery(refID: "A", expr: "1 - \(ratio)", legend: legend + "SLI", instant: true)],
                unit: .ratio, thresholds: sliThresholds, baseColor: "red", width: 4, height: 6))
        let isWindow = slo.window.spec == .calendar(period)
        panels.append(
            DashboardPanel(
                kind: .stat, title: "Budget left this \(period.rawValue) so far",
                description: isWindow
                    ? "Share of the whole \(period.rawValue)'s error budget not yet spent (slo:period_error_budget_remaining:ratio); the budget-exhausted alert fires at 0 and it is 1 again when the next \(period.rawValue) starts."
                    : "1 − (error ratio since the start of the \(period.rawValue) ÷ error budget \(budget)): the share of the budget left at the rate spent so far.",
                queries: [
                    PanelQuery(
                        refID: "A",
                        expr: isWindow
                            ? Query.periodToDate(SeriesNames.budgetRemaining, slo, period) : "1 - \(ratio) / \(budget)",
                        legend: legend + "budget left", instant: true)
                ], unit: .ratio, thresholds: budgetThresholds, baseColor: "red", width: 4, height: 6))
    }
    var states: [PanelQuery] = []
    for tier in slo.alerting.tiers {
        states.append(
            PanelQuery(
                refID: "\(states.count)", expr: Query.firing(slo, severity: tier.severity.rawValue),
                legend: tier.severity.rawValue, instant: true))
    }
    if slo.alerting.budgetExhausted != nil {
        states.append(
            PanelQuery(
                refID: "\(states.count)", expr: Query.firing(slo, severity: "budget-exhausted"),
                legend: "budget exhausted", instant: true))
    }
    if slo.alerting.noData != nil {
        states.append(
            PanelQuery(
                refID: "\(states.count)", expr: Query.firing(slo, severity: "no-data"), legend: "no data",
                instant: true))
    }
    if !states.isEmpty {
        let letters = Array("ABCDEFGH")
        for index in states.indices { states[index].refID = String(letters[index]) }
        panels.append(
            DashboardPanel(
                kind: .stat, title: "Alerts",
                description: "Firing alerts of this SLO (for grouped SLOs, how many groups fire); quiet when none.",
                queries: states, unit: .count, thresholds: [PanelThreshold(value: 1, color: "red")],
                reading: .alertState, width: 6, height: 6))
    }

    panels.append(
        DashboardPanel(
            kind: .timeseries, title: "Budget left over \(windowText)",
            description: "The \(windowText) error budget not yet spent, over the dashboard's time range.",
            queries: [
                PanelQuery(
                    refID: "A", expr: "\(SeriesNames.budgetRemaining)\(own)", legend: legend + "budget left",
                    instant: false)
            ], unit: .ratio, thresholds: budgetThresholds, baseColor: "red", drawThresholds: true, width: 12,
            height: 8))
    for tier in slo.alerting.tiers {
        for pair in tier.windows {
            let factor = NumberFormat.clean(pair.factor)
            let queries = [pair.short, pair.long].enumerated().map { index, length in
                PanelQuery(
                    refID: index == 0 ? "A" : "B",
                    expr: "\(SeriesNames.errorRatio(length))\(own) / \(budget)",
                    legend: legend + "\(length)", instant: false)
            }
            panels.append(
                DashboardPanel(
                    kind: .timeseries,
                    title:
                        "\(tier.severity.rawValue.prefix(1).uppercased() + tier.severity.rawValue.dropFirst()) burn rate: \(pair.short) and \(pair.long)",
                    description:
                        "Error ratio ÷ error budget over \(pair.short) and \(pair.long). The \(tier.severity.rawValue) alert fires when both are above \(factor)× (the line): \(Readable.percent(pair.budgetShare)) of the budget in \(pair.long).",
                    queries: queries, unit: .burnRate, thresholds: [PanelThreshold(value: pair.factor, color: "red")],
                    drawThresholds: true, width: 12, height: 8))
        }
    }
    if case .latency(let metric, let matchers, let threshold) = slo.sli {
        let selector = SLIExpressions.selector(
            metric + "_bucket", matchers,
            extra: slo.groupBy.isEmpty ? nil : slo.groupBy.map { "\($0)=~\"$\($0)\"" }.joined(separator: ","))
        let by = (["le"] + slo.groupBy).joined(separator: ", ")
        let quantiles = [0.5, 0.9, slo.target].reduce(into: [Double]()) { if !$0.contains($1) { $0.append($1) } }
        let queries = quantiles.enumerated().map { index, quantile in
            PanelQuery(
                refID: String(Array("ABC")[index]),
                expr: "histogram_quantile(\(NumberFormat.clean(quantile)), sum by (\(by)) (rate(\(selector)[5m])))",
                legend: legend + "p" + NumberFormat.clean(NumberFormat.withoutBinaryNoise(quantile * 100)),
                instant: false)
        }
        panels.append(
            DashboardPanel(
                kind: .timeseries, title: "Latency around the \(DurationText.seconds(threshold)) threshold",
                description:
                    "Latency quantiles over 5 minutes from the raw histogram \(metric); the line is the threshold. The SLO holds while the p\(NumberFormat.clean(slo.objectivePercent)) stays under it.",
                queries: queries, unit: .seconds, thresholds: [PanelThreshold(value: threshold, color: "red")],
                drawThresholds: true, width: 12, height: 8))
    }
    return DashboardRow(title: "\(slo.name): \(objective) over \(windowWords(slo.window, .span))", panels: panels)
}
