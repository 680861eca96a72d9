/// Maps an offset inside a scalar's value back to its line and column in the file.
///
/// libyaml reports where a scalar starts, not where each of its characters came from; a PromQL
/// error inside a quoted, escaped or folded value must still point at the exact character. The
/// source text of the scalar is walked again, aligning it with the value: quotes, escapes,
/// indentation and line folding are skipped. If the walk cannot account for every character,
/// offsets fall back to the scalar's start (never to a wrong place).
struct ScalarPositions: Sendable {
    private let locations: [SourceLocation]
    private let fallback: SourceLocation
    /// Just after the last character ("unexpected end of input"), but never past the end of its
    /// line: a value ending in a line break has its last character there already.
    private let pastEnd: SourceLocation?

    init(file: SourceFile, source: ScalarSource, value: String) {
        fallback = source.range.start
        locations = Self.align(file: file, source: source, value: Array(value.unicodeScalars)) ?? []
        pastEnd = locations.last.map { last in
            let lineEnd = (file.line(last.line)?.unicodeScalars.count ?? 0) + 1
            return SourceLocation(file: last.file, line: last.line, column: min(last.column + 1, lineEnd))
        }
    }

    /// Whether every character of the value was found in the source: only then can a range of
    /// characters be replaced in the file (a fix-it).
    var isExact: Bool { pastEnd != nil }

    /// The location of the value's `offset`-th Unicode scalar (clamped to the value).
    func location(ofOffset offset: Int) -> SourceLocation {
        guard let pastEnd else { return fallback }
        return offset >= locations.count ? pastEnd : locations[max(0, offset)]
    }

    private static func align(file: SourceFile, source: ScalarSource, value: [Unicode.Scalar]) -> [SourceLocation]? {
        let path = source.range.start.file
        var line = source.range.start.line
        var text = lineScalars(file, line)
        var column = source.range.start.column - 1
        var blockIndent: Int?
        switch source.style {
        case .singleQuoted, .doubleQuoted:
            column += 1
        case .literal, .folded:
            line += 1
            text = lineScalars(file, line)
            column = 0
            blockIndent = firstContentIndent(file, from: line)
        case .plain:
            break
        }
        var result: [SourceLocation] = []
        result.reserveCapacity(value.count)
        var index = 0
        var lastLineEnd = SourceLocation(file: path, line: line, column: column + 1)
        var guardSteps = 0
        while index < value.count {
            guardSteps += 1
            if guardSteps > 4 * (value.count + 64) * 4 { return nil }
            if column >= text.count {
                // End of line: folded space or newline in the value maps here.
                lastLineEnd = SourceLocation(file: path, line: line, column: column + 1)
                if value[index] == " " || value[index] == "\n" {
                    result.append(lastLineEnd)
                    index += 1
                    // A folded line break consumes one value scalar; the next line's indentation
                    // is skipped below.
                }
                line += 1
                guard line <= source.range.end.line + 1, let next = lineScalarsOptional(file, line) else { break }
                text = next
                column = 0
                if let indent = blockIndent {
                    column = min(indent, text.count)
                } else {
                    while column < text.count, text[column] == " " || text[column] == "\t" { column += 1 }
                }
                continue
            }
            let scalar = text[column]
            let here = SourceLocation(file: path, line: line, column: column + 1)
            if source.style == .doubleQuoted, scalar == "\\", column + 1 < text.count {
                let escaped = text[column + 1]
                let width: Int
                switch escaped {
                case "x": width = 4
                case "u": width = 6
                case "U": width = 10
                default: width = 2
                }
                result.append(here)
                index += 1
                column += width
                continue
            }
            if source.style == .singleQuoted, scalar == "'", column + 1 < text.count, text[column + 1] == "'" {
                result.append(here)
                index += 1
                column += 2
                continue
            }
            if scalar == value[index] {
                result.append(here)
                index += 1
                column += 1
                continue
            }
            if scalar == " " || scalar == "\t" || scalar == "\"" || scalar == "'" {
                column += 1
                continue
            }
            if value[index] == " " || value[index] == "\n" {
                result.append(lastLineEnd)
                index += 1
                continue
            }
            return nil
        }
        return index == value.count ? result : nil
    }

    private static func lineScalars(_ file: SourceFile, _ line: Int) -> [Unicode.Scalar] {
        lineScalarsOptional(file, line) ?? []
    }

    private static func lineScalarsOptional(_ file: SourceFile, _ line: Int) -> [Unicode.Scalar]? {
        file.line(line).map { Array($0.unicodeScalars) }
    }

    private static func firstContentIndent(_ file: SourceFile, from line: Int) -> Int {
        var current = line
        while let text = lineScalarsOptional(file, current) {
            if let first = text.firstIndex(where: { $0 != " " }), text[first] != "\t" { return first }
            current += 1
        }
        return 0
    }
}
