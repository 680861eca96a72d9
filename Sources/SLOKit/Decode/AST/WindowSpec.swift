/// How long an SLO's budget lasts: a rolling duration, or a calendar period that resets.
enum WindowSpec: Sendable, Hashable {
    case rolling(DurationValue)
    case calendar(CalendarPeriod)
}
