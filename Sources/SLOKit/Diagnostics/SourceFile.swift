/// The bytes of one input file and the path diagnostics name it by.
///
/// The loader keeps the bytes so later stages can map positions inside a scalar (a PromQL query)
/// back to a line and column, and the CLI can print the offending line under a diagnostic.
public struct SourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The text of 1-based line `number`, without its line break; nil when out of range.
    ///
    /// Lines end where libyaml's do (see `lineBreakLength`), so every line a diagnostic names exists.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = 0
        var index = 0
        while current < number, index < bytes.count {
            let length = Self.lineBreakLength(bytes, at: index)
            if length > 0 {
                current += 1
                start = index + length
                index += length
            } else {
                index += 1
            }
        }
        guard current == number else { return nil }
        var end = start
        while end < bytes.count, Self.lineBreakLength(bytes, at: end) == 0 { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The last line (the one after the last line break, empty when the file ends with one) and
    /// the column just after its text.
    var endPosition: (line: Int, column: Int) {
        var line = 1
        var start = 0
        var index = 0
        while index < bytes.count {
            let length = Self.lineBreakLength(bytes, at: index)
            index += max(length, 1)
            if length > 0 {
                line += 1
                start = index
            }
        }
        return (line, String(decoding: bytes[start...], as: UTF8.self).unicodeScalars.count + 1)
    }

    /// Calls `body` with each line's bytes (its break left out) and the length of the break after
    /// it (0 for the last line), in one pass, until `body` returns false. Lines end where
    /// libyaml's do.
    func forEachLine(_ body: (_ line: Range<Int>, _ breakLength: Int) -> Bool) {
        var start = 0
        var index = 0
        while index < bytes.count {
            let length = Self.lineBreakLength(bytes, at: index)
            guard length > 0 else {
                index += 1
                continue
            }
            guard body(start..<index, length) else { return }
            index += length
            start = index
        }
        _ = body(start..<bytes.count, 0)
    }

    /// The length of the line break at `index`, or 0. libyaml 0.2.5 follows YAML 1.1: LF, CRLF, a
    /// lone CR, NEL (U+0085), and the line and paragraph separators (U+2028, U+2029) each end a
    /// line, and its marks count lines that way.
    static func lineBreakLength(_ bytes: [UInt8], at index: Int) -> Int {
        switch bytes[index] {
        case 0x0A: return 1
        case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] & 0xFE) == 0xA8 ? 3 : 0
        default: return 0
        }
    }

    /// The file with a fix-it applied: what an editor does with the suggestion, and what tests do
    /// to prove it fixes the problem. Nil when its range is not in the file.
    func applying(_ fixIt: Diagnostic.FixIt) -> SourceFile? {
        guard let start = byteOffset(fixIt.start), let end = byteOffset(fixIt.end), start <= end else { return nil }
        return SourceFile(path: path, bytes: Array(bytes[..<start]) + Array(fixIt.replacement.utf8) + bytes[end...])
    }

    /// The byte offset of a 1-based line and column (columns count Unicode scalars; the column
    /// just past a line's last character is allowed).
    func byteOffset(_ location: SourceLocation) -> Int? {
        guard location.line >= 1, location.column >= 1 else { return nil }
        var line = 1
        var index = 0
        while line < location.line {
            guard index < bytes.count else { return nil }
            let length = Self.lineBreakLength(bytes, at: index)
            index += max(length, 1)
            if length > 0 { line += 1 }
        }
        var column = 1
        while column < location.column {
            guard index < bytes.count, Self.lineBreakLength(bytes, at: index) == 0 else { return nil }
            // Skip one scalar: its lead byte, then its continuation bytes.
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index
    }

    /// The Unicode scalar at a 1-based line and column, or nil.
    func scalar(line: Int, column: Int) -> Unicode.Scalar? {
        guard let text = self.line(line) else { return nil }
        let scalars = text.unicodeScalars
        guard column >= 1, column <= scalars.count else { return nil }
        return scalars[scalars.index(scalars.startIndex, offsetBy: column - 1)]
    }
}
