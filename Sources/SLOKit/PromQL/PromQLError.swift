/// An error found while parsing or checking a PromQL expression.
///
/// Offsets count Unicode scalars (not bytes, not grapheme clusters) from the
/// start of the query string, because the caller maps them onto YAML
/// positions and YAML columns count Unicode scalars.
struct PromQLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that classify errors (SLO501 or SLO502) without reading the text.
    enum Kind: Sendable, Equatable {
        /// The text is not PromQL: a token, a duration, a missing bracket, an unknown function.
        case syntax
        /// The query parses, but a value has the wrong type where it is used (a range vector
        /// where an instant vector belongs, a string operand).
        case type
    }

    /// Scalar offset of the first scalar of the offending token or node.
    var offset: Int
    /// Scalar offset just past the offending token or node (`>= offset`).
    var end: Int
    /// Human-readable explanation that says what was expected or what to write instead.
    var message: String
    var kind: Kind
    /// The text that replaces `offset..<end` when the message suggests exactly one fix (a
    /// function name for a misspelt one); the caller maps it onto the YAML as a fix-it.
    var replacement: String?

    /// Creates an error; `end` defaults to `offset` and is raised to `offset` if smaller.
    init(offset: Int, end: Int? = nil, message: String, kind: Kind = .syntax, replacement: String? = nil) {
        self.offset = offset
        self.end = max(end ?? offset, offset)
        self.message = message
        self.kind = kind
        self.replacement = replacement
    }

    var description: String { "\(offset): \(message)" }

    /// The 1-based line and column (both counted in Unicode scalars) of `offset`
    /// within `query`. Useful when the query is shown on its own rather than
    /// inside a YAML file.
    func lineAndColumn(in query: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = 0
        for scalar in query.unicodeScalars {
            if index == offset { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}
