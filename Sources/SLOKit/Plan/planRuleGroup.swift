/// Which rules of an SLO a group holds: all of them, or one side of the Thanos split.
enum RuleGroupPart: Sendable, Hashable {
    case whole
    /// What each Prometheus evaluates next to its data: the page tier's windows and alert, the
    /// no-data alert, and what they read; pages keep working when the query layer is down.
    case local
    /// What Thanos Ruler evaluates over all clusters: every other window, the period's budget,
    /// the ticket and budget-exhausted alerts.
    case global
}

/// Compiles one SLO into its rule group.
///
/// Raw series are read once, over the 5-minute base window: `slo:sli_total:rate5m` and
/// `slo:sli_errors:rate5m`. Every longer window adds up those recorded rates in 5-minute tiles that
/// end at the evaluation time (`WindowPlan`), regrouped through recorded levels for long windows,
/// so a 30-day window reads a dozen samples instead of 30 days of every raw series, moves with
/// every evaluation, and stays event-weighted (bad events / all events). A zero denominator is
/// filtered out (`> 0`), so a quiet service records no ratio at all rather than NaN.
///
/// The group is evaluated every minute (`interval: 1m`) whatever the ruler's global interval:
/// the tiles are exact only when the interval divides 5 minutes, and the detection times the
/// documents print assume it.
///
/// A calendar SLO's budget and budget-exhausted alert are in its calendar group
/// (`planCalendarGroup`), measured since the period started; `calendarLevels` makes sure the
/// levels that group reads (up to `increase1d`) are recorded.
///
/// `layout: .flat` is for rulers whose recordings reach storage after the round (vmalert, and
/// Thanos Ruler reading Prometheus's recordings through the query layer): no rule reads a
/// recording of its own round, so alerts and derived recordings inline the windows they read, and
/// the newest chunk of every window and level comes from the raw series.
func planRuleGroup(
    _ slo: SLOModel, layout: WindowPlan.Layout = .chained, part: RuleGroupPart = .whole,
    calendarLevels: Bool = false
) -> RuleGroupPlan {
    let own = SeriesSelector(slo: slo)
    let base = SeriesNames.baseWindow
    var seriesLabels = slo.labels
    seriesLabels[ReservedLabels.service] = slo.service
    seriesLabels[ReservedLabels.name] = slo.name
    let pageWindows = Set(
        slo.alerting.tiers.filter { $0.severity == .page }.flatMap { $0.windows.flatMap { [$0.short, $0.long] } })
    let localWindows = pageWindows.union([base])
    var rules: [RulePlan] = []
    func record(_ name: String, _ expr: String) {
        rules.append(.record(RecordingRulePlan(record: name, expr: expr, labels: seriesLabels)))
    }

    typealias Build = RuleExpressions
    func record(_ name: String, _ expr: PromQLExpr) { record(name, Build.recordingText(expr)) }
    let allWindows = slo.ratioWindows.filter { $0 != base }
    let localLevels = Set(
        WindowPlan.levelsNeeded(by: allWindows.filter(localWindows.contains).map { WindowPlan(window: $0) }))
    if part != .global {
        let base5m = SLIExpressions(slo: slo, own: own, window: base)
        for (name, expr) in base5m.baseRecordings() { record(name, expr) }
        record(SeriesNames.errorRatio(base), Build.errorRatio(slo, window: base, layout: layout))
    }
    // Then what the longer windows read, in the order they read it: the presence template, the
    // levels smallest first (each reads the one below), and the windows.
    let windows = allWindows.filter { part == .whole || (part == .local) == localWindows.contains($0) }
        .map { WindowPlan(window: $0, layout: layout) }
    var levels = WindowPlan.levelsNeeded(by: windows)
    // The calendar group (on the whole or the ruler's side) reads the levels up to a day.
    if (calendarLevels || slo.window.isCalendar) && part != .local {
        levels = WindowPlan.levels.map(\.size).filter { $0 <= DurationValue.days(1) || levels.contains($0) }
    }
    if !windows.isEmpty || !levels.isEmpty, part != .global {
        record(SeriesNames.presenceTemplate, Build.presenceTemplate(slo, layout: layout))
    }
    for size in levels where part != .global || !localLevels.contains(size) {
        record(SeriesNames.errorsIncrease(size), Build.level(slo, size: size, side: .errors, layout: layout))
        record(SeriesNames.totalIncrease(size), Build.level(slo, size: size, side: .total, layout: layout))
    }
    for window in windows {
        record(SeriesNames.errorRatio(window.window), Build.ratio(slo, window))
    }

    if part != .global {
        record(SeriesNames.objective, Build.call("vector", Build.number(slo.target)))
        record(SeriesNames.errorBudget, Build.call("vector", Build.number(slo.errorBudget)))
        record(
            SeriesNames.windowSeconds, Build.call("vector", Build.number(Double(slo.window.length.milliseconds / 1000)))
        )
        record(SeriesNames.currentBurnRate, Build.burnRate(slo, ratioOf: base, layout: layout))
    }
    if part != .local {
        record(SeriesNames.periodBurnRate, Build.burnRate(slo, ratioOf: slo.window.length, layout: layout))
        let periodBurnRate =
            layout == .flat
            ? Build.paren(Build.burnRate(slo, ratioOf: slo.window.length, layout: .flat))
            : Build.own(SeriesNames.periodBurnRate, of: slo)
        if !slo.window.isCalendar {
            record(SeriesNames.budgetRemaining, Build.binary(Build.number(1), .sub, periodBurnRate))
        }
    }

    let alerts = planAlerts(slo, seriesLabels: seriesLabels, layout: layout).filter { alert in
        switch part {
        case .whole: true
        case .local: alert.tier == .page || (alert.tier == nil && alert.alert != slo.alerting.budgetExhausted?.name)
        case .global: alert.tier == .ticket || (alert.tier == nil && alert.alert == slo.alerting.budgetExhausted?.name)
        }
    }
    rules += alerts.map(RulePlan.alert)
    let suffix = part == .whole ? "" : part == .local ? "-local" : "-global"
    return RuleGroupPlan(
        name: "slo-\(slo.service)-\(slo.name)\(suffix)", interval: RuleGroupPlan.evaluationInterval, rules: rules)
}

extension SLOModel {
    /// Every window a ratio is recorded for: the base window, each alert window and the SLO window.
    var ratioWindows: [DurationValue] {
        var windows: Set<DurationValue> = [SeriesNames.baseWindow, window.length]
        for tier in alerting.tiers {
            for pair in tier.windows {
                windows.insert(pair.short)
                windows.insert(pair.long)
            }
        }
        return windows.sorted()
    }
}

/// `{slo_service="…",slo_name="…"}`: how rules select the series of their own SLO.
struct SeriesSelector {
    let matchers: String

    init(slo: SLOModel) {
        matchers = "{\(ReservedLabels.service)=\"\(slo.service)\",\(ReservedLabels.name)=\"\(slo.name)\"}"
    }

    func select(_ metric: String) -> String { metric + matchers }
}
