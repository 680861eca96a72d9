/// A Prometheus duration such as `5m`, `1h30m` or `-10s`, held in milliseconds.
///
/// Parsing follows `model.ParseDuration` of prometheus/common (units `y w d h
/// m s ms`, each at most once, in that order, integer amounts only, `"0"`
/// allowed without a unit) and formatting follows `model.Duration.String()`,
/// so what we print is exactly what Prometheus would print. The spec decoder
/// reuses this type for durations written in SLO specs.
struct PromQLDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    var milliseconds: Int64

    init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    static func < (lhs: PromQLDuration, rhs: PromQLDuration) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }

    /// The canonical Prometheus spelling, e.g. `1h30m`, `30d`, `4w`, `500ms`, `0s`.
    /// Negative durations get a leading `-` (Prometheus' own printer does the
    /// same for negative offsets).
    var description: String { Self.format(milliseconds: milliseconds) }

    /// Parses a duration string the way Prometheus does.
    ///
    /// - Throws: a ``PromQLError`` whose offsets are relative to `text`.
    init(parsing text: String) throws(PromQLError) {
        self.milliseconds = try Self.parseMilliseconds(text)
    }

    private static let units: [(name: String, milliseconds: Int64)] = [
        ("y", 365 * 24 * 3_600_000),
        ("w", 7 * 24 * 3_600_000),
        ("d", 24 * 3_600_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
        ("ms", 1),
    ]

    /// Parses `text` (e.g. `1h30m`) to milliseconds.
    ///
    /// Like Prometheus, the total must fit into an `Int64` of *nanoseconds*
    /// (about 292 years), otherwise "duration out of range" is reported.
    static func parseMilliseconds(_ text: String) throws(PromQLError) -> Int64 {
        var utf8 = Array(text.utf8)
        return try utf8.withUnsafeMutableBufferPointer { (buffer) throws(PromQLError) -> Int64 in
            try parseMilliseconds(UnsafeBufferPointer(buffer), displayText: text)
        }
    }

    /// Byte-level parser shared with the PromQL lexer (which hands over the
    /// bytes of a DURATION token without creating a `String`).
    static func parseMilliseconds(_ bytes: UnsafeBufferPointer<UInt8>, displayText: @autoclosure () -> String)
        throws(PromQLError) -> Int64
    {
        let count = bytes.count
        if count == 0 {
            throw PromQLError(offset: 0, message: "empty duration string; write a number followed by a unit, e.g. 5m")
        }
        if count == 1 && bytes[0] == UInt8(ascii: "0") {
            return 0
        }
        var index = 0
        var nextUnit = 0  // index into `units`; units must appear in decreasing order
        var totalNanoseconds: Int64 = 0
        var overflow = false
        while index < count {
            let digitsStart = index
            var value: Int64 = 0
            var valueOverflow = false
            while index < count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let digit = Int64(bytes[index] &- UInt8(ascii: "0"))
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                if o1 || o2 { valueOverflow = true } else { value = sum }
                index += 1
            }
            if index == digitsStart {
                throw invalid(displayText())
            }
            // Read the unit.
            var unitIndex: Int?
            if index < count {
                let b = bytes[index]
                if b == UInt8(ascii: "m"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "s") {
                    unitIndex = 6
                    index += 2
                } else {
                    switch b {
                    case UInt8(ascii: "y"): unitIndex = 0
                    case UInt8(ascii: "w"): unitIndex = 1
                    case UInt8(ascii: "d"): unitIndex = 2
                    case UInt8(ascii: "h"): unitIndex = 3
                    case UInt8(ascii: "m"): unitIndex = 4
                    case UInt8(ascii: "s"): unitIndex = 5
                    default: unitIndex = nil
                    }
                    if unitIndex != nil { index += 1 }
                }
            }
            guard let unit = unitIndex, unit >= nextUnit else {
                throw invalid(displayText())
            }
            nextUnit = unit + 1
            let unitMilliseconds = units[unit].milliseconds
            // Same bound as prometheus/common: n > (MaxInt64 / mult) / 1e6.
            let limit = (Int64.max / unitMilliseconds) / 1_000_000
            if valueOverflow || value > limit {
                overflow = true
            } else {
                let (sum, o) = totalNanoseconds.addingReportingOverflow(value * unitMilliseconds * 1_000_000)
                if o || sum < 0 { overflow = true } else { totalNanoseconds = sum }
            }
        }
        if overflow {
            throw PromQLError(
                offset: 0, end: count,
                message:
                    "duration out of range: \(displayText()) exceeds the largest duration Prometheus supports (about 292y)"
            )
        }
        return totalNanoseconds / 1_000_000
    }

    private static func invalid(_ text: String) -> PromQLError {
        PromQLError(
            offset: 0,
            end: text.unicodeScalars.count,
            message:
                "not a valid duration string: \"\(text)\"; write whole numbers with units in the order y, w, d, h, m, s, ms, e.g. 5m or 1h30m"
        )
    }

    /// Formats milliseconds the way `model.Duration.String()` does: years and
    /// weeks only when they divide the duration exactly (so 90 days is `90d`,
    /// not `12w6d`), then days, hours, minutes, seconds and milliseconds.
    static func format(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        var result = ""
        // Work on the magnitude as UInt64 so that Int64.min does not trap.
        var remaining: UInt64
        if milliseconds < 0 {
            result = "-"
            remaining = UInt64(bitPattern: 0 &- milliseconds)
        } else {
            remaining = UInt64(milliseconds)
        }
        for (index, unit) in units.enumerated() {
            let size = UInt64(unit.milliseconds)
            if index < 2 && remaining % size != 0 { continue }
            let amount = remaining / size
            if amount > 0 {
                result += String(amount)
                result += unit.name
                remaining -= amount * size
            }
        }
        return result
    }
}
