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
