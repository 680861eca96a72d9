/// The names of every series the compiler records, in one place (the README lists the same).
enum SeriesNames {
    /// Events per second over the base window (all events, or slices for timeslice SLIs).
    static let totalRate = "slo:sli_total:rate5m"
    /// Bad events per second over the base window (for error-ratio and timeslice SLIs: the bad share).
    static let errorsRate = "slo:sli_errors:rate5m"

    /// The error ratio over a window: bad events / all events.
    static func errorRatio(_ window: DurationValue) -> String { "slo:sli_error:ratio_rate\(window)" }

    static let objective = "slo:objective:ratio"
    static let errorBudget = "slo:error_budget:ratio"
    static let windowSeconds = "slo:window:seconds"
    static let currentBurnRate = "slo:current_burn_rate:ratio"
    static let periodBurnRate = "slo:period_burn_rate:ratio"
    static let budgetRemaining = "slo:period_error_budget_remaining:ratio"

    /// The base window every longer window is derived from.
    static let baseWindow = DurationValue.minutes(5)
}

extension SeriesNames {
    /// Bad events over a level's size (`slo:sli_errors:increase1h`): chunks of long windows.
    static func errorsIncrease(_ size: DurationValue) -> String { "slo:sli_errors:increase\(size)" }
    /// All events over a level's size (`slo:sli_total:increase1h`).
    static func totalIncrease(_ size: DurationValue) -> String { "slo:sli_total:increase\(size)" }
    /// Zero for every series with traffic recorded within `presenceWindow`: a missing chunk's value.
    static let presenceTemplate = "slo:sli_template:zero"
    /// How long a series keeps its windows after its traffic recordings stop (a scrape gap).
    static let presenceWindow = DurationValue.hours(1)
}
