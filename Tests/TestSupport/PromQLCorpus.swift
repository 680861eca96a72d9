import Foundation

/// One expression of `corpus.promql` with its expected verdict.
public struct PromQLCorpusEntry: Sendable, CustomStringConvertible {
    /// 0-based position in the corpus.
    public let index: Int
    /// 1-based line of the entry's header in corpus.promql.
    public let line: Int
    /// Whether Prometheus 2.42 accepts the expression (as a recording rule expression).
    public let expectValid: Bool
    /// The expected result type of a valid expression: the raw value of SLOKit's `PromQLValueType`
    /// (this module uses only SLOKit's public API, so it builds in any configuration).
    public let expectedType: String?
    public let note: String
    public let expression: String

    public var description: String {
        "corpus.promql:\(line) \(expression.debugDescription)"
    }
}

/// Loads Tests/SLOKitTests/PromQL/corpus.promql. It is read by path rather than as a bundle
/// resource so that the tests work unchanged wherever the directory is copied.
public enum PromQLCorpus {
    static let url = Fixtures.repository.appendingPathComponent("Tests/SLOKitTests/PromQL/corpus.promql")

    public static func load() throws -> [PromQLCorpusEntry] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var entries: [PromQLCorpusEntry] = []
        var header: (line: Int, text: String)?
        var body: [String] = []

        func flush() throws {
            guard let header else { return }
            entries.append(try makeEntry(index: entries.count, line: header.line, header: header.text, body: body))
        }

        for (offset, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("%%") {
                try flush()
                header = (offset + 1, line)
                body = []
            } else if header != nil {
                body.append(line)
            }
        }
        try flush()
        return entries
    }

    struct FormatError: Error, CustomStringConvertible {
        let description: String
    }

    private static func makeEntry(index: Int, line: Int, header: String, body: [String]) throws -> PromQLCorpusEntry {
        var bodyLines = body
        while bodyLines.last?.isEmpty == true { bodyLines.removeLast() }
        var note = ""
        var spec = String(header.dropFirst(2))
        if let range = spec.range(of: "--") {
            note = spec[range.upperBound...].trimmingCharacters(in: .whitespaces)
            spec = String(spec[..<range.lowerBound])
        }
        let words = spec.split(separator: " ").map(String.init)
        guard let verdict = words.first, verdict == "ok" || verdict == "error" else {
            throw FormatError(description: "corpus.promql:\(line): header must start with %% ok or %% error")
        }
        var type: String?
        var escaped = false
        for word in words.dropFirst() {
            switch word {
            case "scalar": type = "scalar"
            case "vector": type = "instantVector"
            case "matrix": type = "rangeVector"
            case "string": type = "string"
            case "escaped": escaped = true
            default: throw FormatError(description: "corpus.promql:\(line): unknown header word \(word)")
            }
        }
        if verdict == "ok" && type == nil {
            throw FormatError(description: "corpus.promql:\(line): ok entries need a type")
        }
        var expression = bodyLines.joined(separator: "\n")
        if escaped { expression = unescape(expression) }
        return PromQLCorpusEntry(
            index: index, line: line, expectValid: verdict == "ok", expectedType: type, note: note,
            expression: expression)
    }

    /// Resolves `\t`, `\r`, `\n`, `\\` and `\u{HEX}` in `escaped` entries.
    static func unescape(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\", let next = scalars.first else {
                output.append(scalar)
                continue
            }
            scalars.removeFirst()
            switch next {
            case "t": output.append("\t")
            case "r": output.append("\r")
            case "n": output.append("\n")
            case "\\": output.append("\\")
            case "u":
                if scalars.first == "{", let close = scalars.firstIndex(of: "}") {
                    let hex = String(
                        String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
                    if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) {
                        output.append(decoded)
                    }
                    scalars = scalars[scalars.index(after: close)...]
                } else {
                    output.append("\\")
                    output.append("u")
                }
            default:
                output.append("\\")
                output.append(next)
            }
        }
        return String(output)
    }
}
