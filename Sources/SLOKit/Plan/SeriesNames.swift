/// The names of every series the compiler records, in one place (the README lists the same).
public enum SeriesNames {
    /// Events per second over the base window (all events, or slices for timeslice SLIs).
    public static let totalRate = "slo:sli_total:rate5m"
    /// Bad events per second over the base window (for error-ratio and timeslice SLIs: the bad share).
    public static let errorsRate = "slo:sli_errors:rate5m"

    /// The error ratio over a window: bad events / all events.
    public static func errorRatio(_ window: DurationValue) -> String { "slo:sli_error:ratio_rate\(window)" }

    public static let objective = "slo:objective:ratio"
    public static let errorBudget = "slo:error_budget:ratio"
    public static let windowSeconds = "slo:window:seconds"
    public static let currentBurnRate = "slo:current_burn_rate:ratio"
    public static let periodBurnRate = "slo:period_burn_rate:ratio"
    public static let budgetRemaining = "slo:period_error_budget_remaining:ratio"

    /// The base window every longer window is derived from.
    public static let baseWindow = DurationValue.minutes(5)
}
