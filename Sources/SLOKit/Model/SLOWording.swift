/// How prose names an SLO window: as a modifier ("30-day budget", "calendar month budget") or as
/// the span an objective holds over ("30 days (rolling)", "each calendar month").
enum WindowWording {
    case modifier, span
}

/// The words for `window` in one wording; one place decides how windows read in every document.
func windowWords(_ window: SLOWindow, _ wording: WindowWording) -> String {
    switch window.spec {
    case .calendar(let period):
        return (wording == .span ? "each " : "") + "calendar \(period.rawValue)"
    case .rolling(let duration):
        let days = duration.milliseconds % 86_400_000 == 0 ? duration.milliseconds / 86_400_000 : nil
        switch wording {
        case .modifier: return days.map { "\($0)-day" } ?? "\(duration) rolling"
        case .span: return (days.map { "\($0) days" } ?? "\(duration)") + " (rolling)"
        }
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
