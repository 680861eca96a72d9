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
func planRuleGroup(_ slo: SLOModel, calendarLevels: Bool = false) -> RuleGroupPlan {
    let own = SeriesSelector(slo: slo)
    let base = SeriesNames.baseWindow
    var seriesLabels = slo.labels
    seriesLabels[ReservedLabels.service] = slo.service
    seriesLabels[ReservedLabels.name] = slo.name
    var rules: [RulePlan] = []
    func record(_ name: String, _ expr: String) {
        rules.append(.record(RecordingRulePlan(record: name, expr: expr, labels: seriesLabels)))
    }

    let base5m = SLIExpressions(slo: slo, own: own, window: base)
    for (name, expr) in base5m.baseRecordings() { record(name, expr) }

    typealias Build = RuleExpressions
    func record(_ name: String, _ expr: PromQLExpr) { record(name, Build.recordingText(expr)) }
    record(SeriesNames.errorRatio(base), Build.errorRatio(slo, window: base))
    // Then what the longer windows read, in the order they read it: the presence template, the
    // levels smallest first (each reads the one below), and the windows.
    let windows = slo.ratioWindows.filter { $0 != base }.map { WindowPlan(window: $0) }
    var levels = WindowPlan.levelsNeeded(by: windows)
    if calendarLevels || slo.window.isCalendar {
        levels = WindowPlan.levels.map(\.size).filter { $0 <= DurationValue.days(1) || levels.contains($0) }
    }
    if !windows.isEmpty || !levels.isEmpty { record(SeriesNames.presenceTemplate, Build.presenceTemplate(slo)) }
    for size in levels {
        record(SeriesNames.errorsIncrease(size), Build.level(slo, size: size, side: .errors))
        record(SeriesNames.totalIncrease(size), Build.level(slo, size: size, side: .total))
    }
    for window in windows {
        record(SeriesNames.errorRatio(window.window), Build.ratio(slo, window))
    }

    record(SeriesNames.objective, Build.call("vector", Build.number(slo.target)))
    record(SeriesNames.errorBudget, Build.call("vector", Build.number(slo.errorBudget)))
    record(SeriesNames.windowSeconds, Build.call("vector", Build.number(Double(slo.window.length.milliseconds / 1000))))
    record(SeriesNames.currentBurnRate, Build.burnRate(slo, ratioOf: base))
    record(SeriesNames.periodBurnRate, Build.burnRate(slo, ratioOf: slo.window.length))
    if !slo.window.isCalendar {
        record(
            SeriesNames.budgetRemaining,
            Build.binary(Build.number(1), .sub, Build.own(SeriesNames.periodBurnRate, of: slo)))
    }

    rules += planAlerts(slo, seriesLabels: seriesLabels).map(RulePlan.alert)
    return RuleGroupPlan(
        name: "slo-\(slo.service)-\(slo.name)", interval: RuleGroupPlan.evaluationInterval, rules: rules)
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
