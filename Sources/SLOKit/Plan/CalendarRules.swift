/// The PromQL of one SLO's calendar rules for one period (UTC): the period's real length, the
/// time elapsed in it, events since it started, and what the current burn projects to its end.
///
/// Written as text: the expressions are fixed shapes around the SLO's own series, and
/// `CalendarRulesTests` parses every one of them.
struct CalendarRules: Sendable {
    let slo: SLOModel
    let period: CalendarPeriod
    /// `.flat` (vmalert, Thanos Ruler): no rule reads a recording of this group's own round; the
    /// derived series inline what they read, and the tiles are read only hours after they were
    /// recorded.
    var layout: WindowPlan.Layout = .chained

    /// The calendar group's evaluation interval: a multiple of the 5-minute tiles, and fresh
    /// enough for a budget measured in days.
    static let evaluationInterval = DurationValue.minutes(5)

    /// The window of the burn the SLA-at-risk alert projects: the Workbook's slow ticket window,
    /// long enough that a 10-minute spike is not extrapolated over weeks, short enough to notice a
    /// new error rate within hours. Read from the recorded `increase6h` level.
    static let projectionWindow = DurationValue.hours(6)

    /// The day tile (`slo:sli_errors:utc_day`) is recorded during the first hour of each UTC day:
    /// a dozen samples a day at the group's interval, so a restart in that hour loses nothing.
    static let dayTileSeconds = 3600
    /// The hour tile (`slo:sli_errors:utc_hour`) is recorded during the first 5 minutes of each
    /// hour: one evaluation of the group.
    static let hourTileSeconds = 300

    /// `{slo_service="…",slo_name="…"}`
    var own: String { SeriesSelector(slo: slo).matchers }

    /// `metric{slo_service="…",slo_name="…",slo_period="month"}`: a series of this period.
    func select(_ metric: String) -> String {
        var matchers = own
        matchers.removeLast()
        return metric + matchers + ",\(ReservedLabels.period)=\"\(period.rawValue)\"}"
    }

    /// A series this group records for the period, as a later rule of the group reads it: the
    /// recording (chained), or its expression in parentheses (flat: never this round's recording).
    func read(_ metric: String) -> String {
        guard layout == .flat else { return select(metric) }
        switch metric {
        case SeriesNames.periodLength: return "(\(length))"
        case SeriesNames.periodElapsed: return "(\(elapsed))"
        case SeriesNames.errorsToDate: return "(\(toDate(.errors)))"
        case SeriesNames.totalToDate: return "(\(toDate(.total)))"
        case SeriesNames.errorRatioToDate: return "(\(ratioToDate))"
        case SeriesNames.budgetRemaining: return "(\(budgetRemaining))"
        case SeriesNames.errorsAtPeriodEnd: return "(\(atPeriodEnd(.errors)))"
        case SeriesNames.totalAtPeriodEnd: return "(\(atPeriodEnd(.total)))"
        default: preconditionFailure("\(metric) is not a calendar recording")
        }
    }

    /// The evaluation time (to the minute) inside a subquery, where `time()` is the step's time:
    /// a one-step subquery pinned with `@ end()`. It reads no series, so it is the same in every
    /// layout and never waits on a recording.
    static let now = "last_over_time(vector(time())[1m:1m] @ end())"
    var now: String { Self.now }

    /// The period's real length in seconds, at the evaluation time: 28–31 days for a month,
    /// 90–92 for a quarter, 365 or 366 for a year.
    var length: String {
        let leap = Self.leap
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

    /// 1 when the day that starts `daysBack` days before the subquery step lies in the current
    /// period, else 0.
    func dayInPeriod(daysBack: Int) -> String {
        "\(index("vector(time() - \(86400 * daysBack))")) == bool on() \(index(now))"
    }

    /// Seconds since the period started: the whole days before today (PromQL's UTC calendar
    /// functions; a quarter starts 90 + leap, 181 + leap or 273 + leap days into the year), plus
    /// today so far. Reads no series and runs no subquery.
    var elapsed: String {
        let days: String
        switch period {
        case .week: days = "((day_of_week() + 6) % 7)"
        case .month: days = "(day_of_month() - 1)"
        case .quarter:
            let quarter = "ceil(month() / 3)"
            days =
                "(day_of_year() - 1 - (\(quarter) >= bool 2) * (90 + \(Self.leap)) - (\(quarter) >= bool 3) * 91 - (\(quarter) >= bool 4) * 92)"
        case .year: days = "(day_of_year() - 1)"
        }
        return "86400 * \(days) + time() % 86400"
    }

    /// 1 in a leap year (at the evaluation time), else 0.
    static let leap = "((year() % 4 == bool 0) - (year() % 100 == bool 0) + (year() % 400 == bool 0))"

    /// The day tile of `side`, recorded per SLO in the first hour of each UTC day: `increase1d`
    /// as it stood at midnight (a one-step subquery), so every sample of a day holds the same
    /// value and the day's events are read back from a dozen samples instead of 1,440.
    static func dayTile(_ side: RuleExpressions.EventSide, own: String) -> String {
        "last_over_time(\(side.level(.days(1)))\(own)[1d:1d]) and on() (vector(time() % 86400) < \(dayTileSeconds))"
    }

    /// The hour tile of `side`, recorded in the first 5 minutes of each hour: `increase1h` as it
    /// stood at the whole hour.
    static func hourTile(_ side: RuleExpressions.EventSide, own: String) -> String {
        "last_over_time(\(side.level(.hours(1)))\(own)[1h:1h]) and on() (vector(time() % 3600) < \(hourTileSeconds))"
    }

    /// Events of `side` since the period started, from five parts that each read few samples:
    /// - days before yesterday: the day tiles, read at each midnight step of a `[R:1d]` subquery
    ///   12 hours back (`last_over_time(…[1d] offset 12h)` sees exactly the samples recorded in
    ///   the first hour of the day before the step; its range starts and ends at noon, where no
    ///   tile sample lies, so Prometheus 2's closed and 3's left-open ranges read the same);
    /// - yesterday: `increase1d` at the last midnight (its tile may not be recorded yet);
    /// - today's hours before the last: the hour tiles the same way, 30 minutes back;
    /// - the last whole hour: `increase1h` at that hour;
    /// - this hour: 5-minute rates at each 5-minute step.
    /// Each part is kept as zero while its level has samples (the `bool` factor), and a missing
    /// part adds nothing.
    func toDate(_ side: RuleExpressions.EventSide) -> String {
        func tagged(_ expression: String, _ tile: String) -> String {
            "label_replace(\(expression), \"\(Self.tileLabel)\", \"\(tile)\", \"\", \"\")"
        }
        func steps(_ series: String, in filter: String, range: String, step: String) -> String {
            "sum_over_time((\(series) * on() group_left() (\(filter)))[\(range):\(step)])"
        }
        let today = "floor(vector(time()) / 86400)"
        let parts = [
            tagged(
                steps(
                    "last_over_time(\(side.dayTile)\(own)[1d] offset 12h)", in: dayInPeriod(daysBack: 2),
                    range: dayRange, step: "1d"), "days"),
            tagged(
                "last_over_time(\(side.level(.days(1)))\(own)[1d:1d]) * on() group_left() (\(index("86400 * \(today) - 86400")) == bool on() \(index("vector(time())")))",
                "day"),
            tagged(
                steps(
                    "last_over_time(\(side.hourTile)\(own)[1h] offset 30m)",
                    in: "floor((vector(time()) - 7200) / 86400) == bool on() floor(\(now) / 86400)", range: "1d",
                    step: "1h"), "hours"),
            tagged(
                "last_over_time(\(side.level(.hours(1)))\(own)[1h:1h]) * on() group_left() (floor((3600 * floor(vector(time()) / 3600) - 3600) / 86400) == bool on() \(today))",
                "hour"),
            tagged(
                "300 * "
                    + steps(
                        "\(side.rate)\(own)",
                        in: "floor((vector(time()) - 300) / 3600) == bool on() floor(\(now) / 3600)",
                        range: "1h", step: "5m"), "5m"),
        ]
        return "sum without (\(Self.tileLabel)) (\n  " + parts.joined(separator: "\n  or\n  ") + "\n)\n"
    }

    /// Tells the parts of `toDate` apart until they are added up.
    static let tileLabel = "slo_tile"

    var ratioToDate: String {
        "\(read(SeriesNames.errorsToDate)) / (\(read(SeriesNames.totalToDate)) > 0)"
    }

    /// The share of the whole period's budget left: bad events so far against the budget of the
    /// events the whole period will have if traffic goes on as so far (the ratio so far, scaled by
    /// the elapsed share of the period's real length). It reaches 0 exactly when even an
    /// error-free rest of the period could not bring the period back within its objective, and is
    /// 1 again when the next period starts.
    var budgetRemaining: String {
        "1 - \(read(SeriesNames.errorRatioToDate)) * on() group_left() (\(read(SeriesNames.periodElapsed)) / \(read(SeriesNames.periodLength))) / \(NumberFormat.clean(slo.errorBudget))"
    }

    /// Events of `side` at the period's end if the last 6 hours' rate goes on until then.
    func atPeriodEnd(_ side: RuleExpressions.EventSide) -> String {
        let seconds = Int(Self.projectionWindow.seconds)
        let toDate = side == .errors ? SeriesNames.errorsToDate : SeriesNames.totalToDate
        return
            "\(read(toDate)) + ignoring(\(ReservedLabels.period)) (\(side.level(Self.projectionWindow))\(own) * on() group_left() ((\(read(SeriesNames.periodLength)) - \(read(SeriesNames.periodElapsed))) / \(seconds)))"
    }

    /// When the bad events reach what the whole period allows (`slaBudget` of its projected
    /// events) at the last 6 hours' error rate: from then on, even an error-free rest of the
    /// period misses the commitment. Now, when that is already the case; no sample without errors.
    func breachTime(slaBudget: Double) -> String {
        let seconds = Int(Self.projectionWindow.seconds)
        return
            "time() + clamp_min((\(NumberFormat.clean(slaBudget)) * \(read(SeriesNames.totalAtPeriodEnd)) - \(read(SeriesNames.errorsToDate))) / ignoring(\(ReservedLabels.period)) (\(SeriesNames.errorsIncrease(Self.projectionWindow))\(own) > 0) * \(seconds), 0)"
    }

    /// The projected level at the period's end, in percent, below the commitment.
    func atRiskCondition(objectivePercent: Double) -> String {
        "100 * (1 - \(read(SeriesNames.errorsAtPeriodEnd)) / (\(read(SeriesNames.totalAtPeriodEnd)) > 0)) < \(NumberFormat.clean(objectivePercent))"
    }
}

extension RuleExpressions.EventSide {
    /// `slo:sli_errors:utc_day`: this side's day tiles (see `CalendarRules.dayTile`).
    var dayTile: String { self == .errors ? SeriesNames.errorsDayTile : SeriesNames.totalDayTile }
    /// `slo:sli_errors:utc_hour`: this side's hour tiles (see `CalendarRules.hourTile`).
    var hourTile: String { self == .errors ? SeriesNames.errorsHourTile : SeriesNames.totalHourTile }
}

extension SeriesNames {
    /// Bad events of the last whole UTC day, recorded in the first hour of the next.
    static let errorsDayTile = "slo:sli_errors:utc_day"
    /// All events of the last whole UTC day, recorded in the first hour of the next.
    static let totalDayTile = "slo:sli_total:utc_day"
    /// Bad events of the last whole hour, recorded in the first 5 minutes of the next.
    static let errorsHourTile = "slo:sli_errors:utc_hour"
    /// All events of the last whole hour, recorded in the first 5 minutes of the next.
    static let totalHourTile = "slo:sli_total:utc_hour"
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
