/// Splits a PromQL query (as UTF-8 bytes) into tokens.
///
/// This is a faithful port of the state machine in Prometheus 2.42's
/// `promql/parser/lex.go`, including its quirks, because whether a query is
/// accepted must match Prometheus exactly. Notable quirks:
/// - Keywords are case-insensitive (`SUM`, `By`, `Inf`); `inf`/`nan` are numbers.
/// - Inside `{…}` every word is a plain identifier, so keywords are label names there.
/// - Right after `[` only a duration may follow (not even a comment), and
///   inside brackets any letter after the duration is lexed as the subquery
///   colon (`x[5m m]` means `x[5m:]`), as Prometheus does.
/// - A literal U+FFFD inside a string is rejected ("invalid UTF-8 rune").
///
/// It works on raw bytes and never allocates per token; strings are only
/// created by the parser for names and values it keeps.
struct PromQLLexer {
    let bytes: UnsafeBufferPointer<UInt8>
    let positions: PromQLPositionMap
    private(set) var pos = 0

    private var braceOpen = false
    /// Inside braces: the last label name and the matching operator after it, so a value that is
    /// not a string can be shown quoted in the error.
    private var matcherName: Range<Int>?
    private var matcherOperator: Range<Int>?
    private var bracketOpen = false
    private var gotColon = false
    private var expectDuration = false
    private var parenDepth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.positions = PromQLPositionMap(bytes)
    }

    // MARK: Character classes (ASCII only, like Prometheus)

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool {
        c >= 0x30 && c <= 0x39
    }

    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool {
        c == 0x5F || (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
    }

    @inline(__always) static func isAlphaNumeric(_ c: UInt8) -> Bool {
        isAlpha(c) || isDigit(c)
    }

    @inline(__always) private func peek(_ offset: Int = 0) -> UInt8? {
        let index = pos + offset
        return index < bytes.count ? bytes[index] : nil
    }

    // MARK: Errors

    func error(_ start: Int, _ end: Int, _ message: String) -> PromQLError {
        PromQLError(
            offset: positions.scalarOffset(start), end: positions.scalarOffset(max(start, min(end, bytes.count))),
            message: message)
    }

    /// Describes the character at byte offset `at` like Go's `%q` of a rune.
    func describeCharacter(at index: Int) -> String {
        guard index < bytes.count else { return "end of input" }
        let scalar = decodeScalar(at: index).scalar
        return Self.describe(scalar)
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "'": return "\"'\""
        case "\n": return "'\\n'"
        case "\t": return "'\\t'"
        case "\r": return "'\\r'"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                return "U+" + hex(scalar.value, width: 4)
            }
            return "'" + String(Character(scalar)) + "'"
        }
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Decodes the scalar starting at `index` (input is valid UTF-8 because it came from a `String`).
    func decodeScalar(at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        var length = 2
        var value = b0 & 0x1F
        if b0 >= 0xF0 {
            length = 4
            value = b0 & 0x07
        } else if b0 >= 0xE0 {
            length = 3
            value = b0 & 0x0F
        }
        for offset in 1..<length where index + offset < bytes.count {
            value = (value << 6) | (UInt32(bytes[index + offset]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    // MARK: Tokens

    /// Returns the next token, or throws the lexical error Prometheus would report.
    mutating func next() throws(PromQLError) -> PromQLToken {
        if expectDuration {
            expectDuration = false
            return try lexDuration()
        }
        if braceOpen {
            return try lexInsideBraces()
        }
        // Skip whitespace and comments.
        while true {
            guard pos < bytes.count else {
                if parenDepth != 0 {
                    throw error(pos, pos, "unclosed left parenthesis; add the missing \")\"")
                }
                if bracketOpen {
                    throw error(pos, pos, "unclosed left bracket; add the missing \"]\"")
                }
                return PromQLToken(kind: .eof, start: pos, end: pos)
            }
            let c = bytes[pos]
            if c == UInt8(ascii: "#") {
                skipComment()
            } else if Self.isSpace(c) {
                pos += 1
            } else {
                break
            }
        }

        let start = pos
        let c = bytes[pos]
        switch c {
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "*"): return single(.mul)
        case UInt8(ascii: "/"): return single(.div)
        case UInt8(ascii: "%"): return single(.mod)
        case UInt8(ascii: "+"): return single(.add)
        case UInt8(ascii: "-"): return single(.sub)
        case UInt8(ascii: "^"): return single(.pow)
        case UInt8(ascii: "@"): return single(.at)
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") {
                pos += 2
                return PromQLToken(kind: .eqlc, start: start, end: pos)
            }
            if peek(1) == UInt8(ascii: "~") {
                throw error(
                    start, start + 2,
                    "unexpected character after '=': '~'; \"=~\" is only allowed inside {…} label matchers")
            }
            return single(.eql)
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") {
                pos += 2
                return PromQLToken(kind: .neq, start: start, end: pos)
            }
            var failure = error(
                start, start + 1,
                "unexpected character after '!': \(describeCharacter(at: start + 1)); did you mean \"!=\"?")
            failure.replacement = "!="
            throw failure
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: "=") {
                pos += 2
                return PromQLToken(kind: .lte, start: start, end: pos)
            }
            return single(.lss)
        case UInt8(ascii: ">"):
            if peek(1) == UInt8(ascii: "=") {
                pos += 2
                return PromQLToken(kind: .gte, start: start, end: pos)
            }
            return single(.gtr)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return try lexString(quote: c)
        case UInt8(ascii: "`"):
            return try lexRawString()
        case UInt8(ascii: "("):
            parenDepth += 1
            return single(.leftParen)
        case UInt8(ascii: ")"):
            parenDepth -= 1
            if parenDepth < 0 {
                throw error(start, start + 1, "unexpected right parenthesis ')'; there is no matching \"(\"")
            }
            return single(.rightParen)
        case UInt8(ascii: "{"):
            braceOpen = true
            return single(.leftBrace)
        case UInt8(ascii: "["):
            if bracketOpen {
                throw error(start, start + 1, "unexpected left bracket '['; brackets cannot be nested")
            }
            gotColon = false
            pos += 1
            while let next = peek(), Self.isSpace(next) { pos += 1 }
            bracketOpen = true
            expectDuration = true
            return PromQLToken(kind: .leftBracket, start: start, end: start + 1)
        case UInt8(ascii: "]"):
            if !bracketOpen {
                throw error(start, start + 1, "unexpected right bracket ']'; there is no matching \"[\"")
            }
            bracketOpen = false
            return single(.rightBracket)
        default:
            break
        }
        if Self.isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) {
            return try lexNumberOrDuration()
        }
        if Self.isAlpha(c) || c == UInt8(ascii: ":") {
            if !bracketOpen {
                return lexKeywordOrIdentifier()
            }
            // Inside brackets Prometheus emits any letter or ':' as the subquery colon.
            if gotColon {
                throw error(
                    start, start + 1, "unexpected colon \(describeCharacter(at: start)) in subquery; write e.g. [1h:5m]"
                )
            }
            gotColon = true
            return single(.colon)
        }
        throw error(
            start, start + decodeScalar(at: start).length, "unexpected character: \(describeCharacter(at: start))")
    }

    @inline(__always)
    private mutating func single(_ kind: PromQLTokenKind) -> PromQLToken {
        pos += 1
        return PromQLToken(kind: kind, start: pos - 1, end: pos)
    }

    /// Skips `#` up to (not including) the end of the line.
    private mutating func skipComment() {
        pos += 1
        while pos < bytes.count, bytes[pos] != 0x0A, bytes[pos] != 0x0D {
            pos += 1
        }
    }

    private mutating func lexInsideBraces() throws(PromQLError) -> PromQLToken {
        while true {
            guard pos < bytes.count else {
                throw error(pos, pos, "unexpected end of input inside braces; add the missing \"}\"")
            }
            let c = bytes[pos]
            if c == UInt8(ascii: "#") {
                skipComment()
            } else if Self.isSpace(c) {
                pos += 1
            } else {
                break
            }
        }
        let start = pos
        let c = bytes[pos]
        let operatorRange = matcherOperator
        let afterOperator = operatorRange != nil
        matcherOperator = nil
        if Self.isAlpha(c) {
            pos += 1
            while let next = peek(), Self.isAlphaNumeric(next) { pos += 1 }
            matcherName = afterOperator ? nil : start..<pos
            return PromQLToken(kind: .identifier, start: start, end: pos)
        }
        switch c {
        case UInt8(ascii: ","):
            return single(.comma)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return try lexString(quote: c)
        case UInt8(ascii: "`"):
            return try lexRawString()
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "~") {
                pos += 2
                matcherOperator = start..<pos
                return PromQLToken(kind: .eqlRegex, start: start, end: pos)
            }
            matcherOperator = start..<start + 1
            return single(.eql)
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "~") {
                pos += 2
                matcherOperator = start..<pos
                return PromQLToken(kind: .neqRegex, start: start, end: pos)
            }
            if peek(1) == UInt8(ascii: "=") {
                pos += 2
                matcherOperator = start..<pos
                return PromQLToken(kind: .neq, start: start, end: pos)
            }
            throw error(
                start, start + 1,
                "unexpected character after '!' inside braces: \(describeCharacter(at: start + 1)); use \"!=\" or \"!~\""
            )
        case UInt8(ascii: "{"):
            throw error(start, start + 1, "unexpected left brace '{' inside braces")
        case UInt8(ascii: "}"):
            braceOpen = false
            return single(.rightBrace)
        default:
            var hint =
                c == UInt8(ascii: ":") || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
                ? "; label names may only contain letters, digits and underscores"
                : ""
            if let operatorRange, let name = matcherName {
                // `code=~5..`, `code!=500`: the same hint as for `job=api`, for every operator.
                hint = "; " + quotedMatcherHint(name: name, operator: operatorRange, valueStart: start)
            }
            throw error(
                start, start + decodeScalar(at: start).length,
                "unexpected character inside braces: \(describeCharacter(at: start))\(hint)")
        }
    }

    /// "label values must be quoted: write code=~\"5..\"": the matcher as written, its value (up
    /// to the next `,` or `}`) in quotes, so applying the fix removes the error.
    func quotedMatcherHint(name: Range<Int>, operator: Range<Int>, valueStart: Int) -> String {
        var end = valueStart
        while end < bytes.count, bytes[end] != UInt8(ascii: ","), bytes[end] != UInt8(ascii: "}"),
            bytes[end] != 0x0A
        {
            end += 1
        }
        var value = text(valueStart, end)
        while value.last == " " || value.last == "\t" { value.removeLast() }
        let quoted = value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
        return
            "label values must be quoted: write \(text(name.lowerBound, name.upperBound))\(text(`operator`.lowerBound, `operator`.upperBound))\"\(quoted)\""
    }

    // MARK: Words

    private mutating func lexKeywordOrIdentifier() -> PromQLToken {
        let start = pos
        var hasColon = false
        while let c = peek() {
            if Self.isAlphaNumeric(c) {
                pos += 1
            } else if c == UInt8(ascii: ":") {
                hasColon = true
                pos += 1
            } else {
                break
            }
        }
        if !hasColon, let keyword = Self.keyword(bytes, start, pos) {
            return PromQLToken(kind: keyword, start: start, end: pos)
        }
        return PromQLToken(kind: hasColon ? .metricIdentifier : .identifier, start: start, end: pos)
    }

    /// Case-insensitive keyword lookup without allocating.
    static func keyword(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> PromQLTokenKind? {
        let length = end - start
        guard length >= 2, length <= 12 else { return nil }
        @inline(__always) func lower(_ c: UInt8) -> UInt8 {
            (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
        }
        let first = lower(bytes[start])
        for candidate in keywordTable where candidate.word.count == length && candidate.word[0] == first {
            var matches = true
            for offset in 1..<length where lower(bytes[start + offset]) != candidate.word[offset] {
                matches = false
                break
            }
            if matches { return candidate.kind }
        }
        return nil
    }

    private static let keywordTable: [(word: [UInt8], kind: PromQLTokenKind)] = {
        let words: [(String, PromQLTokenKind)] = [
            ("and", .land), ("or", .lor), ("unless", .lunless), ("atan2", .atan2),
            ("sum", .sum), ("avg", .avg), ("count", .count), ("min", .min), ("max", .max),
            ("group", .group), ("stddev", .stddev), ("stdvar", .stdvar), ("topk", .topk),
            ("bottomk", .bottomk), ("count_values", .countValues), ("quantile", .quantile),
            ("offset", .offset), ("by", .by), ("without", .without), ("on", .on),
            ("ignoring", .ignoring), ("group_left", .groupLeft), ("group_right", .groupRight),
            ("bool", .bool), ("start", .start), ("end", .end),
            ("inf", .number), ("nan", .number),
        ]
        return words.map { (Array($0.0.utf8), $0.1) }
    }()

    // MARK: Numbers and durations

    private mutating func accept(_ predicate: (UInt8) -> Bool) -> Bool {
        if let c = peek(), predicate(c) {
            pos += 1
            return true
        }
        return false
    }

    private mutating func acceptRun(_ predicate: (UInt8) -> Bool) {
        while let c = peek(), predicate(c) { pos += 1 }
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }

    /// Port of `scanNumber`: consumes something number-like and reports
    /// whether it is *not* followed by an alphanumeric character.
    private mutating func scanNumber() -> Bool {
        var hex = false
        if peek() == UInt8(ascii: "0") {
            pos += 1
            if let c = peek(), c == UInt8(ascii: "x") || c == UInt8(ascii: "X") {
                pos += 1
                hex = true
            }
        }
        if hex { acceptRun(Self.isHexDigit) } else { acceptRun(Self.isDigit) }
        if accept({ $0 == UInt8(ascii: ".") }) {
            if hex { acceptRun(Self.isHexDigit) } else { acceptRun(Self.isDigit) }
        }
        if accept({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            _ = accept { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
            acceptRun(Self.isDigit)
        }
        if let c = peek(), Self.isAlphaNumeric(c) { return false }
        return true
    }

    /// Port of `acceptRemainingDuration`. On failure one extra character is
    /// consumed (as in Prometheus) so the error message shows it.
    private mutating func acceptRemainingDuration() -> Bool {
        func isUnit(_ c: UInt8) -> Bool {
            c == UInt8(ascii: "s") || c == UInt8(ascii: "m") || c == UInt8(ascii: "h")
                || c == UInt8(ascii: "d") || c == UInt8(ascii: "w")
        }
        guard accept({ isUnit($0) || $0 == UInt8(ascii: "y") }) else { return false }
        _ = accept { $0 == UInt8(ascii: "s") }
        while accept(Self.isDigit) {
            acceptRun(Self.isDigit)
            guard accept(isUnit) else { return false }
            _ = accept { $0 == UInt8(ascii: "s") }
        }
        if let c = peek(), Self.isAlphaNumeric(c) {
            pos += 1
            return false
        }
        return true
    }

    private mutating func lexNumberOrDuration() throws(PromQLError) -> PromQLToken {
        let start = pos
        if scanNumber() {
            return PromQLToken(kind: .number, start: start, end: pos)
        }
        if acceptRemainingDuration() {
            return PromQLToken(kind: .duration, start: start, end: pos)
        }
        throw error(start, pos, "bad number or duration syntax: \"\(text(start, pos))\"")
    }

    /// The token right after `[`: must be a duration.
    private mutating func lexDuration() throws(PromQLError) -> PromQLToken {
        let start = pos
        if scanNumber() {
            throw error(start, max(pos, start + 1), "missing unit character in duration; write a range such as [5m]")
        }
        if !acceptRemainingDuration() {
            throw error(
                start, pos, "bad duration syntax: \"\(text(start, pos))\"; write a range such as [5m] or [1h30m]")
        }
        return PromQLToken(kind: .duration, start: start, end: pos)
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(end, bytes.count)]), as: UTF8.self)
    }

    // MARK: Strings

    @inline(__always)
    private func isReplacementCharacter(at index: Int) -> Bool {
        bytes[index] == 0xEF && index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] == 0xBD
    }

    private mutating func lexString(quote: UInt8) throws(PromQLError) -> PromQLToken {
        let start = pos
        pos += 1
        while true {
            guard pos < bytes.count else {
                throw error(
                    start, pos,
                    "unterminated quoted string; add the closing \(quote == UInt8(ascii: "\"") ? "'\"'" : "\"'\"")")
            }
            let c = bytes[pos]
            if c == quote {
                pos += 1
                return PromQLToken(kind: .string, start: start, end: pos)
            } else if c == UInt8(ascii: "\\") {
                try lexEscape(quote: quote)
            } else if c == 0x0A {
                throw error(
                    start, pos,
                    "unterminated quoted string; quoted strings cannot span lines (use \\n or a `raw string`)")
            } else if isReplacementCharacter(at: pos) {
                throw error(pos, pos + 3, "invalid UTF-8 rune (U+FFFD) in string; write it as \\uFFFD")
            } else {
                pos += 1
            }
        }
    }

    private mutating func lexEscape(quote: UInt8) throws(PromQLError) {
        let escapeStart = pos
        pos += 1
        guard pos < bytes.count else {
            throw error(escapeStart, pos, "escape sequence not terminated")
        }
        let c = bytes[pos]
        var digits: Int
        var base: UInt32
        var maximum: UInt32
        switch c {
        case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"),
            UInt8(ascii: "t"), UInt8(ascii: "v"), UInt8(ascii: "\\"), quote:
            pos += 1
            return
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            (digits, base, maximum) = (3, 8, 255)
        case UInt8(ascii: "x"):
            pos += 1
            (digits, base, maximum) = (2, 16, 255)
        case UInt8(ascii: "u"):
            pos += 1
            (digits, base, maximum) = (4, 16, 0x10FFFF)
        case UInt8(ascii: "U"):
            pos += 1
            (digits, base, maximum) = (8, 16, 0x10FFFF)
        default:
            let scalar = decodeScalar(at: pos)
            let hint =
                (c == UInt8(ascii: "\"") || c == UInt8(ascii: "'"))
                ? "; only the string's own quote character can be escaped"
                : "; valid escapes are \\a \\b \\f \\n \\r \\t \\v \\\\ \\xhh \\ooo \\uhhhh \\Uhhhhhhhh"
            throw error(
                escapeStart, pos + scalar.length,
                "unknown escape sequence U+\(Self.hex(scalar.scalar.value, width: 4)) \(Self.describe(scalar.scalar))\(hint)"
            )
        }
        var value: UInt32 = 0
        while digits > 0 {
            guard pos < bytes.count else {
                throw error(escapeStart, pos, "escape sequence not terminated")
            }
            let d = bytes[pos]
            let digit: UInt32
            switch d {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(d - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(d - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(d - UInt8(ascii: "A") + 10)
            default: digit = 16
            }
            if digit >= base {
                let scalar = decodeScalar(at: pos)
                throw error(
                    escapeStart, pos + scalar.length,
                    "illegal character U+\(Self.hex(scalar.scalar.value, width: 4)) \(Self.describe(scalar.scalar)) in escape sequence"
                )
            }
            value = value &* base &+ digit
            digits -= 1
            pos += 1
        }
        if value > maximum || (value >= 0xD800 && value < 0xE000) {
            throw error(escapeStart, pos, "escape sequence is an invalid Unicode code point")
        }
    }

    private mutating func lexRawString() throws(PromQLError) -> PromQLToken {
        let start = pos
        pos += 1
        while true {
            guard pos < bytes.count else {
                throw error(start, pos, "unterminated raw string; add the closing '`'")
            }
            if bytes[pos] == UInt8(ascii: "`") {
                pos += 1
                return PromQLToken(kind: .string, start: start, end: pos)
            }
            if isReplacementCharacter(at: pos) {
                throw error(pos, pos + 3, "invalid UTF-8 rune (U+FFFD) in raw string")
            }
            pos += 1
        }
    }
}
