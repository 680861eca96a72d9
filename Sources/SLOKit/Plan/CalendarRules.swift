/// The PromQL of one SLO's calendar rules for one period (UTC): the period's real length, the
/// time elapsed in it, events since it started, and what the current burn projects to its end.
///
/// Written as text: the expressions are fixed shapes around the SLO's own series, and
/// `CalendarRulesTests` parses every one of them.
struct CalendarRules: Sendable {
    let slo: SLOModel
    let period: CalendarPeriod

    /// The calendar group's evaluation interval: a multiple of the 5-minute tiles, and fresh
    /// enough for a budget measured in days.
    static let evaluationInterval = DurationValue.minutes(5)

    /// The window of the burn the SLA-at-risk alert projects: the Workbook's slow ticket window,
    /// long enough that a 10-minute spike is not extrapolated over weeks, short enough to notice a
    /// new error rate within hours. Read from the recorded `increase6h` level.
    static let projectionWindow = DurationValue.hours(6)

    /// `{slo_service="…",slo_name="…"}`
    var own: String { SeriesSelector(slo: slo).matchers }

    /// `metric{slo_service="…",slo_name="…",slo_period="month"}`: a series of this period.
    func select(_ metric: String) -> String {
        var matchers = own
        matchers.removeLast()
        return metric + matchers + ",\(ReservedLabels.period)=\"\(period.rawValue)\"}"
    }

    /// The evaluation time inside a subquery: the timestamp of the group's first recording of
    /// this round, pinned with `@ end()`.
    var now: String { "timestamp(\(select(SeriesNames.periodLength)) @ end())" }

    /// The period's real length in seconds, at the evaluation time: 28–31 days for a month,
    /// 90–92 for a quarter, 365 or 366 for a year.
    var length: String {
        let leap = "((year() % 4 == bool 0) - (year() % 100 == bool 0) + (year() % 400 == bool 0))"
        switch period {
        case .week: return "vector(604800)"
        case .month: return "days_in_month() * 86400"
        case .quarter:
            let quarter = "ceil(month() / 3)"
            return "(92 - (\(quarter) <= bool 2) - (\(quarter) == bool 1) * (1 - \(leap))) * 86400"
        case .year: return "(365 + \(leap)) * 86400"
        }
    }

    /// Which period a vector of timestamps falls in; unique within `dayRange`. ISO weeks start
    /// on Monday: 1970-01-01 was a Thursday, 3 days after one.
    func index(_ timestamps: String) -> String {
        switch period {
        case .week: "floor((\(timestamps) + 259200) / 604800)"
        case .month: "month(\(timestamps))"
        case .quarter: "ceil(month(\(timestamps)) / 3)"
        case .year: "year(\(timestamps))"
        }
    }

    /// How far back the day tiles are read: longer than the longest period, shorter than the
    /// time its index takes to repeat (a month number repeats after a year).
    var dayRange: String {
        switch period {
        case .week: "8d"
        case .month: "32d"
        case .quarter: "93d"
        case .year: "367d"
        }
    }

    /// 1 when the day that ends at the subquery step lies in the current period, else 0.
    var dayInPeriod: String { "\(index("vector(time() - 86400)")) == bool on() \(index(now))" }

    /// 1 when the tile of `seconds` that ends at the subquery step starts within the evaluation
    /// time's current span of `span` seconds (today, this hour), else 0.
    func tileInSpan(seconds: Int, span: Int) -> String {
        "floor((vector(time()) - \(seconds)) / \(span)) == bool on() floor(\(now) / \(span))"
    }

    /// Seconds since the period started: whole days counted at midnights, plus today so far.
    var elapsed: String { "86400 * sum_over_time((\(dayInPeriod))[\(dayRange):1d]) + time() % 86400" }

    /// Events of `side` since the period started: whole days of `increase1d` sampled at midnight,
    /// whole hours of today from `increase1h`, 5-minute rates of this hour. Each part is kept as
    /// zero while its level has samples (the `bool` factor), and a missing part adds nothing.
    func toDate(_ side: RuleExpressions.EventSide) -> String {
        func part(_ series: String, step: String, range: String, in filter: String, tile: String, scale: String = "")
            -> String
        {
            "label_replace(\(scale)sum_over_time((\(series)\(own) * on() group_left() (\(filter)))[\(range):\(step)]), \"\(Self.tileLabel)\", \"\(tile)\", \"\", \"\")"
        }
        let parts = [
            part(side.level(.days(1)), step: "1d", range: dayRange, in: dayInPeriod, tile: "1d"),
            part(
                side.level(.hours(1)), step: "1h", range: "1d", in: tileInSpan(seconds: 3600, span: 86400), tile: "1h"),
            part(
                side.rate, step: "5m", range: "1h", in: tileInSpan(seconds: 300, span: 3600), tile: "5m",
                scale: "300 * "),
        ]
        return "sum without (\(Self.tileLabel)) (\n  " + parts.joined(separator: "\n  or\n  ") + "\n)\n"
    }

    /// Tells the three parts of `toDate` apart until they are added up.
    static let tileLabel = "slo_tile"

    var ratioToDate: String {
        "\(select(SeriesNames.errorsToDate)) / (\(select(SeriesNames.totalToDate)) > 0)"
    }

    /// The share of the whole period's budget left: bad events so far against the budget of the
    /// events the whole period will have if traffic goes on as so far (the ratio so far, scaled by
    /// the elapsed share of the period's real length). It reaches 0 exactly when even an
    /// error-free rest of the period could not bring the period back within its objective, and is
    /// 1 again when the next period starts.
    var budgetRemaining: String {
        "1 - \(select(SeriesNames.errorRatioToDate)) * on(\(Self.periodMatch)) group_left() (\(select(SeriesNames.periodElapsed)) / \(select(SeriesNames.periodLength))) / \(NumberFormat.clean(slo.errorBudget))"
    }

    static let periodMatch = "\(ReservedLabels.service), \(ReservedLabels.name), \(ReservedLabels.period)"

    /// Events of `side` at the period's end if the last 6 hours' rate goes on until then.
    func atPeriodEnd(_ side: RuleExpressions.EventSide) -> String {
        let seconds = Int(Self.projectionWindow.seconds)
        let toDate = side == .errors ? SeriesNames.errorsToDate : SeriesNames.totalToDate
        return
            "\(select(toDate)) + ignoring(\(ReservedLabels.period)) (\(side.level(Self.projectionWindow))\(own) * on(\(ReservedLabels.service), \(ReservedLabels.name)) group_left() ((\(select(SeriesNames.periodLength)) - \(select(SeriesNames.periodElapsed))) / \(seconds)))"
    }

    /// When the bad events reach what the whole period allows (`slaBudget` of its projected
    /// events) at the last 6 hours' error rate: from then on, even an error-free rest of the
    /// period misses the commitment. Now, when that is already the case; no sample without errors.
    func breachTime(slaBudget: Double) -> String {
        let seconds = Int(Self.projectionWindow.seconds)
        return
            "time() + clamp_min((\(NumberFormat.clean(slaBudget)) * \(select(SeriesNames.totalAtPeriodEnd)) - \(select(SeriesNames.errorsToDate))) / ignoring(\(ReservedLabels.period)) (\(SeriesNames.errorsIncrease(Self.projectionWindow))\(own) > 0) * \(seconds), 0)"
    }

    /// The projected level at the period's end, in percent, below the commitment.
    func atRiskCondition(objectivePercent: Double) -> String {
        "100 * (1 - \(select(SeriesNames.errorsAtPeriodEnd)) / (\(select(SeriesNames.totalAtPeriodEnd)) > 0)) < \(NumberFormat.clean(objectivePercent))"
    }
}

extension SeriesNames {
    /// The current calendar period's real length (label `slo_period`).
    static let periodLength = "slo:period_length:seconds"
    /// Seconds since the current calendar period started.
    static let periodElapsed = "slo:period_elapsed:seconds"
    /// Bad events since the current calendar period started.
    static let errorsToDate = "slo:sli_errors:period_to_date"
    /// All events since the current calendar period started.
    static let totalToDate = "slo:sli_total:period_to_date"
    /// Bad events / all events since the current calendar period started.
    static let errorRatioToDate = "slo:sli_error:ratio_period_to_date"
    /// Bad events at the period's end if the last 6 hours' rate goes on.
    static let errorsAtPeriodEnd = "slo:sli_errors:period_end_projected"
    /// All events at the period's end if the last 6 hours' rate goes on.
    static let totalAtPeriodEnd = "slo:sli_total:period_end_projected"
    /// When an SLA commitment's allowance of bad events for the period runs out (Unix seconds).
    static let slaBreach = "slo:sla_breach:timestamp"
}
