/// "30-day" for rolling windows, "calendar month" for calendar ones.
func windowWords(_ window: SLOWindow) -> String {
    switch window.spec {
    case .calendar(let period): "calendar \(period.rawValue)"
    case .rolling(let duration):
        duration.milliseconds % 86_400_000 == 0
            ? "\(duration.milliseconds / 86_400_000)-day" : "\(duration) rolling"
    }
}

/// "each calendar month" or "30 days (rolling)": the window an objective holds over.
func windowPhrase(_ window: SLOWindow) -> String {
    switch window.spec {
    case .calendar(let period): "each calendar \(period.rawValue)"
    case .rolling(let duration):
        duration.milliseconds % 86_400_000 == 0
            ? "\(duration.milliseconds / 86_400_000) days (rolling)" : "\(duration) (rolling)"
    }
}

/// "requests", "slices", … what one unit of the budget counts.
func eventNoun(_ slo: SLOModel) -> String {
    switch slo.sli {
    case .errors, .good, .latency: "events"
    case .errorRatio: "the error ratio averaged over time"
    case .timeslice: "time slices"
    }
}
