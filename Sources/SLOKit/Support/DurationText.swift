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

    /// Exact short form for downtime tables: "43 min 12 s", "3 h 43 min 12 s", "52 min 33.6 s".
    static func downtime(seconds: Double) -> String {
        let rounded = (seconds * 10).rounded() / 10
        var rest = rounded
        var parts: [String] = []
        let days = Int(rest / 86_400)
        rest -= Double(days) * 86_400
        let hours = Int(rest / 3600)
        rest -= Double(hours) * 3600
        let minutes = Int(rest / 60)
        rest -= Double(minutes) * 60
        rest = (rest * 10).rounded() / 10
        if days > 0 { parts.append("\(days) d") }
        if hours > 0 { parts.append("\(hours) h") }
        if minutes > 0 { parts.append("\(minutes) min") }
        if rest > 0 || parts.isEmpty { parts.append("\(NumberFormat.clean(rest)) s") }
        return parts.joined(separator: " ")
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
