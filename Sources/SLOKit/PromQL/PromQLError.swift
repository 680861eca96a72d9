/// An error found while parsing or checking a PromQL expression.
///
/// Offsets count Unicode scalars (not bytes, not grapheme clusters) from the
/// start of the query string, because the caller maps them onto YAML
/// positions and YAML columns count Unicode scalars.
public struct PromQLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Scalar offset of the first scalar of the offending token or node.
    public var offset: Int
    /// Scalar offset just past the offending token or node (`>= offset`).
    public var end: Int
    /// Human-readable explanation that says what was expected or what to write instead.
    public var message: String

    /// Creates an error; `end` defaults to `offset` and is raised to `offset` if smaller.
    public init(offset: Int, end: Int? = nil, message: String) {
        self.offset = offset
        self.end = max(end ?? offset, offset)
        self.message = message
    }

    public var description: String { "\(offset): \(message)" }

    /// The 1-based line and column (both counted in Unicode scalars) of `offset`
    /// within `query`. Useful when the query is shown on its own rather than
    /// inside a YAML file.
    public func lineAndColumn(in query: String) -> (line: Int, column: Int) {
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
