/// Prints numbers the way a person would write them: 0.999, never 0.9990000000000001.
enum NumberFormat {
    /// Removes binary noise such as 1 - 0.999 = 0.00099999999999989 from derived ratios: 12
    /// significant digits are far beyond any objective's precision and far below Double's noise.
    static func withoutBinaryNoise(_ value: Double) -> Double {
        Double(clean(value, significantDigits: 12)) ?? value
    }

    /// The shortest decimal that reads back as the same value after rounding away binary noise
    /// (15 significant digits, the most a Double holds exactly), without exponent for usual sizes.
    static func clean(_ value: Double, significantDigits: Int = 15) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        // Fast path: Swift prints the shortest text that reads back exactly; when that has few
        // digits and no exponent it is already the clean form.
        let shortest = "\(value)"
        if shortest.utf8.count <= 10, !shortest.utf8.contains(UInt8(ascii: "e")) { return shortest }
        let tolerance = significantDigits >= 15 ? 1e-15 : pow10(-significantDigits)
        let magnitude = Int(abs(value).log10Floor)
        for digits in 1...17 {
            let decimals = digits - 1 - magnitude
            let scale = pow10(decimals)
            let rounded =
                decimals >= 0
                ? (value * scale).rounded() / scale : (value / pow10(-decimals)).rounded() * pow10(-decimals)
            guard abs(rounded - value) <= abs(value) * tolerance else { continue }
            // The shortest text of the rounded value, unless Swift would use an exponent.
            var text = "\(rounded)"
            if text.utf8.contains(UInt8(ascii: "e")) { return fixed(value, significant: digits) }
            if text.hasSuffix(".0") { text.removeLast(2) }
            return text
        }
        return "\(value)"
    }

    /// `value` rounded to `significant` digits, in plain (non-exponent) decimal notation.
    private static func fixed(_ value: Double, significant: Int) -> String {
        let magnitude = Int((abs(value)).log10Floor)
        let decimals = max(0, significant - 1 - magnitude)
        var text = formatDecimal(value, decimals: decimals)
        // Beyond 9e18 formatDecimal falls back to exponent notation, whose zeros are significant.
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    private static func formatDecimal(_ value: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return "\(value)" }
        let integer = UInt64(scaled)
        var digits = String(integer)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (value < 0 ? "-" : "") + digits
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= 10 }
        return n < 0 ? 1 / result : result
    }
}

extension Double {
    /// The decimal exponent of a positive number: 2 for 345, -3 for 0.00123.
    var log10Floor: Double {
        var exponent = 0.0
        var x = self
        while x >= 10 {
            x /= 10
            exponent += 1
        }
        while x < 1 {
            x *= 10
            exponent -= 1
        }
        return exponent
    }
}
