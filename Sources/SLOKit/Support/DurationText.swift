/// Durations and shares in words, for annotations and documents: "2 days 2 hours", "43 min 12 s".
enum DurationText {
    /// At most two units, largest first: "2 days 2 hours", "1 hour", "30 minutes".
    static func words(_ duration: DurationValue) -> String {
        let units: [(Int64, String)] = [
            (86_400_000, "day"), (3_600_000, "hour"), (60_000, "minute"), (1000, "second"),
        ]
        var rest = duration.milliseconds
        var parts: [String] = []
        for (size, name) in units where rest >= size && parts.count < 2 {
            let count = rest / size
            rest %= size
            parts.append("\(count) \(name)\(count == 1 ? "" : "s")")
            if rest < size / 60 { break }
        }
        return parts.isEmpty ? "\(duration.milliseconds) ms" : parts.joined(separator: " ")
    }

    /// Downtime and delays in documents: at most two units, "43 min 12 s", "3 h 43 min" (see
    /// `Readable.duration`).
    static func downtime(seconds: Double) -> String { Readable.duration(seconds: seconds) }

    /// A customer's allowance (an SLA's allowed downtime), which must never read as more than it
    /// is: like `downtime`, at most two units, but rounded down ("3 h 21 min" for 3 h 21 min
    /// 36 s, where `downtime` says "3 h 22 min"); under a minute to three digits, rounded down.
    static func allowance(seconds: Double) -> String {
        let value = NumberFormat.withoutBinaryNoise(seconds)
        guard value.isFinite, value >= 0 else { return downtime(seconds: seconds) }
        if value < 60 {
            let scale = value < 10 ? 100.0 : 10.0
            return NumberFormat.clean(NumberFormat.withoutBinaryNoise((value * scale).rounded(.down) / scale)) + " s"
        }
        let units: [(size: Int64, name: String)] = [(86_400, "d"), (3600, "h"), (60, "min"), (1, "s")]
        let whole = Int64(value.rounded(.down))
        let index = units.firstIndex { whole >= $0.size }!
        let (major, minor) = (whole / units[index].size, whole % units[index].size / units[index + 1].size)
        return "\(major) \(units[index].name)" + (minor > 0 ? " \(minor) \(units[index + 1].name)" : "")
    }

    /// "2%" from 0.02.
    static func percent(_ ratio: Double) -> String {
        NumberFormat.clean(NumberFormat.withoutBinaryNoise(ratio * 100)) + "%"
    }

    /// "300 ms" under a second, "2.5 s" above.
    static func seconds(_ value: Double) -> String {
        value < 1
            ? NumberFormat.clean(NumberFormat.withoutBinaryNoise(value * 1000)) + " ms"
            : NumberFormat.clean(value) + " s"
    }
}

extension Duration {
    /// Whole milliseconds (truncated): what timeouts and messages work in.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
