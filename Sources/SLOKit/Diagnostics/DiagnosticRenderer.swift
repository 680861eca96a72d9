/// Turns diagnostics into the text the CLI prints: compiler-style lines with the source and a caret,
/// or JSON for tools. Pure: the caller supplies the sources and does the printing.
public struct DiagnosticRenderer: Sendable {
    /// Source files by path, to quote the offending line.
    public var sources: [String: SourceFile]
    /// ANSI colours in text output (as clang and swiftc colour theirs); the CLI turns them on
    /// for a terminal only, so pipes and files get plain text.
    public var color = false

    public init(sources: [SourceFile], color: Bool = false) {
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.color = color
    }

    /// `path:line:column: error: message [CODE]`, the source line, a caret; then each note.
    public func text(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            let label = paint(diagnostic.severity == .error ? "1;31" : "1;35", "\(diagnostic.severity.rawValue):")
            out +=
                "\(prefix(diagnostic.location))\(label) \(paint("1", diagnostic.message)) [\(diagnostic.code.rawValue)]\n"
            out += quote(diagnostic.location)
            for note in diagnostic.notes {
                if let location = note.location {
                    out += "\(prefix(location))\(paint("1;36", "note:")) \(note.message)\n"
                    out += quote(location)
                } else {
                    out += "\(paint("1;36", "note:")) \(note.message)\n"
                }
            }
        }
        return out
    }

    /// `path:line:column: ` before a message; `path: ` for a whole file; nothing for the run.
    private func prefix(_ location: SourceLocation) -> String {
        location.file.isEmpty ? "" : paint("1", "\(location):") + " "
    }

    /// `text` in an SGR style (`1` bold, `1;31` bold red, …) when colour is on.
    private func paint(_ style: String, _ text: String) -> String {
        color ? "\u{1B}[\(style)m\(text)\u{1B}[0m" : text
    }

    /// `{"version":1,"diagnostics":[…]}`: `file` is left out for problems of the run, `line` and
    /// `column` for problems of a whole file, `fixIt` when there is no replacement to suggest.
    public func json(_ diagnostics: [Diagnostic]) -> String {
        func location(_ location: SourceLocation) -> [(String, JSONValue)] {
            var fields: [(String, JSONValue)] = []
            if !location.file.isEmpty { fields.append(("file", .string(location.file))) }
            if location.hasPosition {
                fields += [("line", .number(Double(location.line))), ("column", .number(Double(location.column)))]
            }
            return fields
        }
        let items: [JSONValue] = diagnostics.map { diagnostic in
            .object(
                location(diagnostic.location) + [
                    ("severity", .string(diagnostic.severity.rawValue)),
                    ("code", .string(diagnostic.code.rawValue)),
                    ("name", .string(diagnostic.code.name)),
                    ("message", .string(diagnostic.message)),
                    (
                        "notes",
                        .array(
                            diagnostic.notes.map { note in
                                .object((note.location.map(location) ?? []) + [("message", .string(note.message))])
                            })
                    ),
                ] + fixIt(diagnostic.fixIt))
        }
        return JSONValue.object([("version", .number(1)), ("diagnostics", .array(items))]).serialized(indent: 2) + "\n"
    }

    /// `"fixIt": {"line", "column", "endLine", "endColumn", "replacement"}` when the diagnostic
    /// suggests one replacement: the range is end-exclusive, columns count Unicode scalars.
    private func fixIt(_ fixIt: Diagnostic.FixIt?) -> [(String, JSONValue)] {
        guard let fixIt else { return [] }
        return [
            (
                "fixIt",
                .object([
                    ("line", .number(Double(fixIt.start.line))), ("column", .number(Double(fixIt.start.column))),
                    ("endLine", .number(Double(fixIt.end.line))), ("endColumn", .number(Double(fixIt.end.column))),
                    ("replacement", .string(fixIt.replacement)),
                ])
            )
        ]
    }

    /// The source line and a caret under the column; tabs are kept so the caret lines up.
    private func quote(_ location: SourceLocation) -> String {
        guard let file = sources[location.file], let line = file.line(location.line) else { return "" }
        let shown = String(line.unicodeScalars.prefix(300).map { $0.value < 0x20 && $0 != "\t" ? " " : Character($0) })
        var padding = ""
        for scalar in line.unicodeScalars.prefix(max(0, location.column - 1)) {
            padding.append(scalar == "\t" ? "\t" : " ")
        }
        return "    \(shown)\n    \(padding)\(paint("1;32", "^"))\n"
    }
}
