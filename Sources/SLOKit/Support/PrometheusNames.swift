/// Naming rules shared by the decoder (to reject) and the planner (to trust).
enum PrometheusNames {
    /// Prometheus's label-name rule: `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func isValidLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return name.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// Metric names may also contain colons (recording-rule names do).
    static func isValidMetricName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":")
        else { return false }
        return name.utf8.allSatisfy {
            isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":")
        }
    }

    /// Labels the compiler sets on every series and alert; users may not set them.
    static func isReservedLabel(_ name: String) -> Bool {
        name.hasPrefix("slo_") || name.hasPrefix("__") || name == "alertname"
    }

    /// Service and SLO names become file names, label values and parts of alert names: lowercase
    /// letters, digits and inner `-`, `_` or `.`, at most 63 characters, never `.` or `..`.
    static func isSafeName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 63, let first = bytes.first, let last = bytes.last,
            isLowerOrDigit(first), isLowerOrDigit(last)
        else { return false }
        return bytes.allSatisfy {
            isLowerOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    /// Safe names that a service still cannot have, because its output folder would clash: the
    /// entries at the top of the output folder (`index.md`, `ALERTS.md` on a case-insensitive file
    /// system, `reports/` of `slo report`) and the device names Windows reserves with any extension
    /// (`con`, `nul.x`, `com1`, …), where the committed output could not be checked out.
    static func isReservedServiceName(_ name: String) -> Bool {
        if ["index.md", "alerts.md", "reports"].contains(name) { return true }
        let stem = name.prefix { $0 != "." }
        if ["con", "prn", "aux", "nul"].contains(stem) { return true }
        guard stem.count == 4, stem.hasPrefix("com") || stem.hasPrefix("lpt"), let digit = stem.last else {
            return false
        }
        return ("1"..."9").contains(digit)
    }

    /// A name that would be safe, for "write … instead" hints: lowercased, other characters as `-`.
    static func suggestedSafeName(for name: String) -> String {
        var bytes: [UInt8] = []
        for scalar in name.lowercased().unicodeScalars {
            let byte = scalar.isASCII ? UInt8(scalar.value) : UInt8(ascii: "-")
            let keep = isLowerOrDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            let next = keep ? byte : UInt8(ascii: "-")
            if next == UInt8(ascii: "-"), bytes.last == UInt8(ascii: "-") { continue }
            bytes.append(next)
        }
        while let first = bytes.first, !isLowerOrDigit(first) { bytes.removeFirst() }
        while let last = bytes.last, !isLowerOrDigit(last) { bytes.removeLast() }
        let result = String(decoding: bytes.prefix(63), as: UTF8.self)
        return result.isEmpty ? "name" : result
    }

    /// An alert name made of the words of `name`: `checkout budget-burn` → `CheckoutBudgetBurn`.
    static func suggestedAlertName(for name: String) -> String {
        var out = ""
        var upper = true
        for scalar in name.unicodeScalars {
            let ascii = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            if ascii {
                out += upper ? String(scalar).uppercased() : String(scalar)
                upper = false
            } else {
                upper = true
            }
        }
        if let first = out.unicodeScalars.first, ("0"..."9").contains(first) { out = "SLO" + out }
        return out
    }

    /// Alert names follow the metric-name rule without colons, e.g. `OrdersApiAvailabilityBudgetBurn`.
    static func isValidAlertName(_ name: String) -> Bool {
        isValidLabelName(name)
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static func isLowerOrDigit(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || isDigit(b) }
}
