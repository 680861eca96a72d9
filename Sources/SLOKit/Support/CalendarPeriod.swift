/// Calendar periods; their nominal lengths drive alert windows (a month alerts as 30 days).
enum CalendarPeriod: String, Sendable, Hashable, CaseIterable {
    case week, month, quarter, year

    /// The length used for alert maths, in days: a calendar period has no fixed length, so the
    /// burn-rate factors use its nominal length (documented in the README).
    var nominalDays: Int {
        switch self {
        case .week: 7
        case .month: 30
        case .quarter: 90
        case .year: 365
        }
    }

    /// Every length the period can have, in days (a month has 28 to 31).
    var possibleDays: [Int] {
        switch self {
        case .week: [7]
        case .month: [28, 29, 30, 31]
        case .quarter: [90, 91, 92]
        case .year: [365, 366]
        }
    }
}
