/// How long an SLO's budget lasts: a rolling duration, or a calendar period that resets.
public enum WindowSpec: Sendable, Hashable {
    case rolling(DurationValue)
    case calendar(CalendarPeriod)
}

/// Calendar periods; their nominal lengths drive alert windows (a month alerts as 30 days).
public enum CalendarPeriod: String, Sendable, Hashable, CaseIterable {
    case week, month, quarter, year

    /// The length used for alert maths, in days: a calendar period has no fixed length, so the
    /// burn-rate factors use its nominal length (documented in the README).
    public var nominalDays: Int {
        switch self {
        case .week: 7
        case .month: 30
        case .quarter: 90
        case .year: 365
        }
    }
}

/// A whole number of milliseconds, parsed from Prometheus duration syntax (`5m`, `1h30m`, `4w`).
public struct DurationValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static func minutes(_ n: Int64) -> DurationValue { DurationValue(milliseconds: n * 60_000) }
    public static func hours(_ n: Int64) -> DurationValue { .minutes(n * 60) }
    public static func days(_ n: Int64) -> DurationValue { .hours(n * 24) }

    public var seconds: Double { Double(milliseconds) / 1000 }

    public static func < (lhs: DurationValue, rhs: DurationValue) -> Bool { lhs.milliseconds < rhs.milliseconds }

    private static let units: [(suffix: String, ms: Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000),
        ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// Prometheus's own syntax (units in descending order, each at most once), parsed by the
    /// PromQL front end's parser; nil when invalid. A bare `0` is not a spec duration.
    public init?(parsing text: String) {
        guard text != "0", let milliseconds = try? PromQLDuration.parseMilliseconds(text) else { return nil }
        self.milliseconds = milliseconds
    }

    /// The canonical spelling in days and smaller units (`1h30m`, `30d`, `28d`): weeks and years
    /// are accepted on input but never printed, so series names read the same whatever was written.
    public var description: String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds
        var out = ""
        for unit in Self.units.dropFirst(2) where rest >= unit.ms {
            out += "\(rest / unit.ms)\(unit.suffix)"
            rest %= unit.ms
        }
        return out
    }
}
