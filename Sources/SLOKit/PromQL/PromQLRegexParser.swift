/// Port of the syntax checks of Go 1.19's `regexp/syntax.Parse` with
/// `syntax.Perl` flags; see ``PromQLRegexValidator``.
struct PromQLRegexParser {
    private let s: [UInt32]
    private var i = 0
    /// Set when a `\Q` runs to the end of the pattern.
    private(set) var unterminatedQuote = false

    private struct Frame {
        var branches: [PromQLRegexNode] = []
        var current: [PromQLRegexNode] = []
    }

    private var frames: [Frame] = [Frame()]

    init(_ pattern: String) {
        s = pattern.unicodeScalars.map(\.value)
    }

    private static let maxRepeat = 1000
    private static let maxNesting = 1000

    private func fail(_ code: String) -> PromQLRegexSyntaxError {
        PromQLRegexSyntaxError(message: code)
    }

    @inline(__always) private static func isASCIIAlnum(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    @inline(__always) private static func unhex(_ c: UInt32) -> Int {
        switch c {
        case 0x30...0x39: return Int(c - 0x30)
        case 0x61...0x66: return Int(c - 0x61 + 10)
        case 0x41...0x46: return Int(c - 0x41 + 10)
        default: return -1
        }
    }

    private mutating func push(_ node: PromQLRegexNode) {
        frames[frames.count - 1].current.append(node)
    }

    private static func concat(_ nodes: [PromQLRegexNode]) -> PromQLRegexNode {
        nodes.isEmpty ? .empty : (nodes.count == 1 ? nodes[0] : .concat(nodes))
    }

    private static func close(_ frame: Frame) -> PromQLRegexNode {
        if frame.branches.isEmpty { return concat(frame.current) }
        return .alternate(frame.branches + [concat(frame.current)])
    }

    mutating func parse() throws(PromQLRegexSyntaxError) -> PromQLRegexNode {
        var lastRepeat = false
        while i < s.count {
            var isRepeat = false
            let c = s[i]
            switch c {
            case 0x28:  // (
                if i + 1 < s.count && s[i + 1] == 0x3F {  // (?
                    try parsePerlFlags()
                } else {
                    try openGroup()
                    i += 1
                }
            case 0x7C:  // |
                let top = frames.count - 1
                frames[top].branches.append(Self.concat(frames[top].current))
                frames[top].current = []
                i += 1
            case 0x29:  // )
                guard frames.count > 1 else { throw fail("unexpected )") }
                let frame = frames.removeLast()
                push(.group(Self.close(frame)))
                i += 1
            case 0x5E, 0x24:  // ^ $
                push(.assertion(matchesEmpty: true))
                i += 1
            case 0x2E:  // .
                push(.character)
                i += 1
            case 0x5B:  // [
                try parseClass()
                push(.character)
            case 0x2A, 0x2B, 0x3F:  // * + ?
                i += 1
                try repeatTop(min: c == 0x2B ? 1 : 0, max: c == 0x3F ? 1 : -1, counted: false, lastRepeat: lastRepeat)
                isRepeat = true
            case 0x7B:  // {
                if let (min, max, after) = parseRepeat() {
                    if min < 0 || min > Self.maxRepeat || max > Self.maxRepeat || (max >= 0 && min > max) {
                        throw fail("invalid repeat count")
                    }
                    i = after
                    try repeatTop(min: min, max: max, counted: true, lastRepeat: lastRepeat)
                    isRepeat = true
                } else {
                    push(.character)  // A { that does not start a repeat is a literal.
                    i += 1
                }
            case 0x5C:  // backslash
                try parseBackslash()
            default:
                push(.character)
                i += 1
            }
            lastRepeat = isRepeat
        }
        if frames.count > 1 { throw fail("missing closing )") }
        return Self.close(frames[0])
    }

    private mutating func openGroup() throws(PromQLRegexSyntaxError) {
        frames.append(Frame())
        if frames.count > Self.maxNesting { throw fail("expression nests too deeply") }
    }

    private mutating func repeatTop(min: Int, max: Int, counted: Bool, lastRepeat: Bool) throws(PromQLRegexSyntaxError)
    {
        if i < s.count && s[i] == 0x3F { i += 1 }  // non-greedy marker
        if lastRepeat { throw fail("invalid nested repetition operator") }
        let top = frames.count - 1
        guard let operand = frames[top].current.popLast() else {
            throw fail("missing argument to repetition operator")
        }
        let node = PromQLRegexNode.repetition(operand, min: min, max: max, counted: counted)
        if counted && (min >= 2 || max >= 2) && !node.repeatIsValid(Self.maxRepeat) {
            throw fail("invalid repeat count")
        }
        frames[top].current.append(node)
    }

    /// Go's `parseRepeat`: `{n}`, `{n,}`, `{n,m}`; `nil` if not of that form.
    private func parseRepeat() -> (Int, Int, Int)? {
        var j = i + 1
        func parseInt() -> Int? {
            guard j < s.count, s[j] >= 0x30, s[j] <= 0x39 else { return nil }
            if s[j] == 0x30, j + 1 < s.count, s[j + 1] >= 0x30, s[j + 1] <= 0x39 { return nil }  // leading zero
            var value = 0
            while j < s.count, s[j] >= 0x30, s[j] <= 0x39 {
                if value >= 100_000_000 { value = -1 } else if value >= 0 { value = value * 10 + Int(s[j] - 0x30) }
                j += 1
            }
            return value
        }
        guard var min = parseInt(), j < s.count else { return nil }
        var max = min
        if s[j] == 0x2C {  // ,
            j += 1
            guard j < s.count else { return nil }
            if s[j] == 0x7D {
                max = -1
            } else {
                guard let parsed = parseInt() else { return nil }
                max = parsed
                if max < 0 { min = -1 }
            }
        }
        guard j < s.count, s[j] == 0x7D else { return nil }
        return (min, max, j + 1)
    }

    private mutating func parsePerlFlags() throws(PromQLRegexSyntaxError) {
        // Named capture (?P<name>expr); Go 1.19 does not know (?<name>expr).
        if s.count - i > 4 && s[i + 2] == 0x50 && s[i + 3] == 0x3C {
            guard let end = s[(i + 4)...].firstIndex(of: 0x3E) else {
                throw fail("invalid named capture")
            }
            let name = s[(i + 4)..<end]
            if name.isEmpty || !name.allSatisfy({ $0 == 0x5F || Self.isASCIIAlnum($0) }) {
                throw fail("invalid named capture")
            }
            try openGroup()
            i = end + 1
            return
        }
        var j = i + 2
        var negated = false
        var sawFlag = false
        while j < s.count {
            let c = s[j]
            j += 1
            switch c {
            case 0x69, 0x6D, 0x73, 0x55:  // i m s U
                sawFlag = true
            case 0x2D:  // -
                if negated { throw fail("invalid or unsupported Perl syntax") }
                negated = true
                sawFlag = false
            case 0x3A, 0x29:  // : )
                if negated && !sawFlag { throw fail("invalid or unsupported Perl syntax") }
                if c == 0x3A { try openGroup() }
                i = j
                return
            default:
                throw fail("invalid or unsupported Perl syntax")
            }
        }
        throw fail("invalid or unsupported Perl syntax")
    }

    private mutating func parseBackslash() throws(PromQLRegexSyntaxError) {
        if i + 1 < s.count {
            switch s[i + 1] {
            case 0x41, 0x42, 0x7A:  // \A \B \z
                push(.assertion(matchesEmpty: true))
                i += 2
                return
            case 0x62:  // \b
                push(.assertion(matchesEmpty: false))
                i += 2
                return
            case 0x43:  // \C
                throw fail("invalid escape sequence")
            case 0x51:  // \Q ... \E
                var j = i + 2
                while j < s.count {
                    if s[j] == 0x5C, j + 1 < s.count, s[j + 1] == 0x45 { break }
                    push(.character)
                    j += 1
                }
                if j < s.count {
                    i = j + 2
                } else {
                    unterminatedQuote = true
                    i = j
                }
                return
            case 0x70, 0x50:  // \p \P
                try parseUnicodeClass()
                push(.character)
                return
            case 0x64, 0x44, 0x73, 0x53, 0x77, 0x57:  // \d \D \s \S \w \W
                i += 2
                push(.character)
                return
            default:
                break
            }
        }
        _ = try parseEscape()
        push(.character)
    }

    /// Go's `parseEscape`; returns the escaped scalar.
    private mutating func parseEscape() throws(PromQLRegexSyntaxError) -> UInt32 {
        guard i + 1 < s.count else { throw fail("trailing backslash at end of expression") }
        let c = s[i + 1]
        var k = i + 2
        let invalid = fail("invalid escape sequence")
        switch c {
        case 0x31...0x37 where k < s.count && s[k] >= 0x30 && s[k] <= 0x37, 0x30:
            var value = c - 0x30
            for _ in 1..<3 {
                guard k < s.count, s[k] >= 0x30, s[k] <= 0x37 else { break }
                value = value * 8 + s[k] - 0x30
                k += 1
            }
            i = k
            return value
        case 0x78:  // x
            guard k < s.count else { throw invalid }
            let first = s[k]
            k += 1
            if first == 0x7B {  // {
                var value = 0
                var digits = 0
                while true {
                    guard k < s.count else { throw invalid }
                    let h = s[k]
                    k += 1
                    if h == 0x7D { break }
                    let v = Self.unhex(h)
                    if v < 0 { throw invalid }
                    value = value * 16 + v
                    if value > 0x10FFFF { throw invalid }
                    digits += 1
                }
                if digits == 0 { throw invalid }
                i = k
                return UInt32(value)
            }
            let x = Self.unhex(first)
            let y = k < s.count ? Self.unhex(s[k]) : -1
            k += 1
            if x < 0 || y < 0 { throw invalid }
            i = k
            return UInt32(x * 16 + y)
        case 0x61:
            i = k
            return 0x07  // \a
        case 0x66:
            i = k
            return 0x0C  // \f
        case 0x6E:
            i = k
            return 0x0A  // \n
        case 0x72:
            i = k
            return 0x0D  // \r
        case 0x74:
            i = k
            return 0x09  // \t
        case 0x76:
            i = k
            return 0x0B  // \v
        default:
            if c < 0x80 && !Self.isASCIIAlnum(c) {
                i = k
                return c
            }
            throw invalid
        }
    }

    private mutating func parseUnicodeClass() throws(PromQLRegexSyntaxError) {
        let k = i + 2
        var name: ArraySlice<UInt32>
        if k >= s.count {
            name = []
            i = k
        } else if s[k] != 0x7B {
            name = s[k..<(k + 1)]
            i = k + 1
        } else {
            guard let end = s[i...].firstIndex(of: 0x7D) else {
                throw fail("invalid character class range")
            }
            name = s[(k + 1)..<end]
            i = end + 1
        }
        if name.first == 0x5E { name = name.dropFirst() }
        let string = String(String.UnicodeScalarView(name.compactMap(Unicode.Scalar.init)))
        if string != "Any" && !PromQLRegexParser.unicodeCategories.contains(string)
            && !PromQLRegexParser.unicodeScripts.contains(string)
        {
            throw fail("invalid character class range: unknown Unicode class \\p{\(string)}")
        }
    }

    private mutating func parseClass() throws(PromQLRegexSyntaxError) {
        i += 1  // [
        if i < s.count && s[i] == 0x5E { i += 1 }  // ^
        var first = true
        while i >= s.count || s[i] != 0x5D || first {
            first = false
            // POSIX class [:alpha:]
            if s.count - i > 2 && s[i] == 0x5B && s[i + 1] == 0x3A {
                var j = i + 2
                var found = -1
                while j + 1 < s.count {
                    if s[j] == 0x3A && s[j + 1] == 0x5D {
                        found = j
                        break
                    }
                    j += 1
                }
                if found >= 0 {
                    let name = String(String.UnicodeScalarView(s[i..<(found + 2)].compactMap(Unicode.Scalar.init)))
                    guard PromQLRegexParser.posixClasses.contains(name) else {
                        throw fail("invalid character class range: unknown class \(name)")
                    }
                    i = found + 2
                    continue
                }
            }
            if i + 1 < s.count && s[i] == 0x5C && (s[i + 1] == 0x70 || s[i + 1] == 0x50) {
                try parseUnicodeClass()
                continue
            }
            if i + 1 < s.count && s[i] == 0x5C {
                switch s[i + 1] {
                case 0x64, 0x44, 0x73, 0x53, 0x77, 0x57:
                    i += 2
                    continue
                default:
                    break
                }
            }
            let lo = try parseClassChar()
            if s.count - i >= 2 && s[i] == 0x2D && s[i + 1] != 0x5D {
                i += 1
                let hi = try parseClassChar()
                if hi < lo { throw fail("invalid character class range") }
            }
        }
        i += 1  // ]
    }

    private mutating func parseClassChar() throws(PromQLRegexSyntaxError) -> UInt32 {
        guard i < s.count else { throw fail("missing closing ]") }
        if s[i] == 0x5C { return try parseEscape() }
        i += 1
        return s[i - 1]
    }
}
