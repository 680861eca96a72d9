/// Figures at the precision a person reads and writes them, for every document, report and alert
/// annotation: "2,345 bad events", "in 5 d 20 h", "0.933×". Machine outputs (JSON, rules) keep
/// full precision through `NumberFormat.clean`; a test scans every generated document for
/// figures more precise than these.
enum Readable {
    /// Whole numbers from 100 up ("2,345", "1,200"), three significant figures below ("40.3",
    /// "0.933", "0.0012"): events, slices, factors and percentages alike.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        let magnitude = abs(value)
        if magnitude >= 100 {
            let rounded = magnitude.rounded()
            guard rounded < 9e18 else { return NumberFormat.clean(value, significantDigits: 3) }
            return (value < 0 ? "-" : "") + Markdown.grouped(Int64(rounded))
        }
        return NumberFormat.clean(significant(value, digits: 3))
    }

    /// Event or slice counts: see `number`.
    static func count(_ value: Double) -> String { number(value) }

    /// A multiple such as a burn rate, without the `×`: "14.4", "0.933", "123".
    static func factor(_ value: Double) -> String { number(value) }

    /// A share as a percentage: 0.13574 → "13.6%", 11.971 → "1,197%".
    static func percent(_ ratio: Double) -> String { number(NumberFormat.withoutBinaryNoise(ratio * 100)) + "%" }

    /// A duration in at most two units, rounded to the smaller one: "5 d 20 h", "3 h 43 min",
    /// "43 min 12 s"; under a minute three significant figures: "51.8 s".
    static func duration(seconds: Double) -> String {
        let value = abs(seconds)
        guard value.isFinite else { return "∞" }
        let units: [(size: Double, name: String)] = [(86_400, "d"), (3600, "h"), (60, "min"), (1, "s")]
        if value < 60, significant(value, digits: 3) < 60 { return "\(number(value)) s" }
        // The largest unit the value reaches; rounding to the next smaller one may carry into a
        // larger unit (59 min 59.6 s is 1 h), so the unit is chosen again from the rounded value.
        var index = min(2, units.firstIndex { value >= $0.size } ?? 2)
        var total = (value / units[index + 1].size).rounded() * units[index + 1].size
        if index > 0, total >= units[index - 1].size {
            index -= 1
            total = (value / units[index + 1].size).rounded() * units[index + 1].size
        }
        let major = (total / units[index].size).rounded(.down)
        let minor = ((total - major * units[index].size) / units[index + 1].size).rounded()
        var text = "\(Int64(major)) \(units[index].name)"
        if minor > 0 { text += " \(Int64(minor)) \(units[index + 1].name)" }
        return text
    }

    /// `value` rounded to `digits` significant digits.
    static func significant(_ value: Double, digits: Int) -> Double {
        guard value != 0, value.isFinite else { return value }
        let shift = digits - 1 - Int(abs(value).log10Floor)
        var scale = 1.0
        for _ in 0..<abs(shift) { scale *= 10 }
        return shift >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
    }
}
