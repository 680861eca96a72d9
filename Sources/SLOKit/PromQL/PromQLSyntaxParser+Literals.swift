extension PromQLSyntaxParser {
    /// Converts a NUMBER token like Prometheus: first `strconv.ParseInt(s, 0,
    /// 64)` (so `0x1F` is hex and `017` is octal!), then `ParseFloat`, which
    /// rejects hex without a `p` exponent and values that overflow to ±Inf.
    func parseNumber(_ token: PromQLToken) throws(PromQLError) -> Double {
        let slice = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
        if let value = Self.parseNumberLiteral(slice) {
            return value
        }
        throw error(
            at: token,
            "error parsing number \"\(text(token))\"; write a decimal (1.5, 1e3), hexadecimal (0x1F) or octal (017) number"
        )
    }

    static func parseNumberLiteral(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        if let integer = parseGoInteger(s) {
            return Double(integer)
        }
        return parseGoFloat(s)
    }

    /// `strconv.ParseInt(s, 0, 64)` for the inputs the lexer can produce.
    private static func parseGoInteger(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var base: Int64 = 10
        if s.count >= 2, s[0] == UInt8(ascii: "0"), s[1] == UInt8(ascii: "x") || s[1] == UInt8(ascii: "X") {
            base = 16
            index = 2
        } else if s.count >= 2, s[0] == UInt8(ascii: "0") {
            base = 8
            index = 1
        }
        guard index < s.count else { return base == 8 ? 0 : nil }
        var value: Int64 = 0
        while index < s.count {
            let c = s[index]
            let digit: Int64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            if digit >= base { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: base)
            let (sum, o2) = times.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = sum
            index += 1
        }
        return value
    }

    /// `strconv.ParseFloat(s, 64)` for the inputs the lexer can produce:
    /// decimal floats, `Inf`/`NaN` in any case.
    private static func parseGoFloat(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = s.count
        if count == 3 {
            let lowered = (s[0] | 0x20, s[1] | 0x20, s[2] | 0x20)
            if lowered == (UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "f")) { return .infinity }
            if lowered == (UInt8(ascii: "n"), UInt8(ascii: "a"), UInt8(ascii: "n")) { return .nan }
        }
        // Validate the decimal syntax ourselves; Double(_:) would also accept hex floats etc.
        var index = 0
        var mantissaDigits = 0
        while index < count, PromQLLexer.isDigit(s[index]) {
            index += 1
            mantissaDigits += 1
        }
        if index < count, s[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, PromQLLexer.isDigit(s[index]) {
                index += 1
                mantissaDigits += 1
            }
        }
        guard mantissaDigits > 0 else { return nil }
        if index < count, s[index] == UInt8(ascii: "e") || s[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, s[index] == UInt8(ascii: "+") || s[index] == UInt8(ascii: "-") { index += 1 }
            var exponentDigits = 0
            while index < count, PromQLLexer.isDigit(s[index]) {
                index += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == count else { return nil }
        let text = String(decoding: s, as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            return nil  // "value out of range"
        }
        return value
    }

    /// Parses a DURATION token and rejects zero, as Prometheus' `parseDuration` does.
    func parsePositiveDuration(_ token: PromQLToken) throws(PromQLError) -> Int64 {
        let slice = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
        let milliseconds: Int64
        do {
            milliseconds = try PromQLDuration.parseMilliseconds(slice, displayText: text(token))
        } catch {
            throw self.error(at: token, error.message)
        }
        if milliseconds == 0 {
            throw error(at: token, "duration must be greater than 0")
        }
        return milliseconds
    }

    /// Unescapes a STRING token (quotes included) like Prometheus'
    /// `strutil.Unquote`. The lexer has already validated the escapes.
    /// `\x` and octal escapes insert raw bytes, which may form invalid UTF-8;
    /// the flag reports that (such values are repaired with U+FFFD).
    func decodeString(_ token: PromQLToken) -> (value: String, isValidUTF8: Bool) {
        let quote = bytes[token.start]
        let contentStart = token.start + 1
        let contentEnd = token.end - 1
        var hasEscape = false
        if quote != UInt8(ascii: "`") {
            for index in contentStart..<contentEnd where bytes[index] == UInt8(ascii: "\\") {
                hasEscape = true
                break
            }
        }
        if !hasEscape {
            return (lexer.text(contentStart, contentEnd), true)
        }
        var output: [UInt8] = []
        output.reserveCapacity(contentEnd - contentStart)
        var index = contentStart
        func hexValue(_ c: UInt8) -> UInt32 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
            default: return UInt32(c - UInt8(ascii: "A") + 10)
            }
        }
        while index < contentEnd {
            let c = bytes[index]
            guard c == UInt8(ascii: "\\") else {
                output.append(c)
                index += 1
                continue
            }
            let e = bytes[index + 1]
            index += 2
            switch e {
            case UInt8(ascii: "a"): output.append(0x07)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "v"): output.append(0x0B)
            case UInt8(ascii: "x"):
                output.append(UInt8(hexValue(bytes[index]) << 4 | hexValue(bytes[index + 1])))
                index += 2
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                let value = UInt32(e - 48) << 6 | UInt32(bytes[index] - 48) << 3 | UInt32(bytes[index + 1] - 48)
                output.append(UInt8(value))
                index += 2
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = e == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                for offset in 0..<digits { value = value << 4 | hexValue(bytes[index + offset]) }
                index += digits
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                output.append(contentsOf: String(Character(scalar)).utf8)
            default:
                output.append(e)  // \\ and the escaped quote
            }
        }
        let isValid = String(promQLValidatingUTF8: output) != nil
        return (String(decoding: output, as: UTF8.self), isValid)
    }
}
