/// A 1-based position in a source file; columns count Unicode scalars, as libyaml does.
///
/// Line 0 means the file or folder as a whole (an input that cannot be read, an output folder);
/// an empty path means the run itself (Prometheus failed, promtool is missing).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// A whole file or folder, not a place in it.
    public static func file(_ path: String) -> SourceLocation { SourceLocation(file: path, line: 0, column: 0) }

    /// No file at all: a problem of the run (a failed query, a missing tool).
    public static let run = SourceLocation(file: "", line: 0, column: 0)

    /// Whether the location names a line (and so can be quoted).
    public var hasPosition: Bool { line > 0 }

    /// `path:line:column`, `path` for a whole file, empty for the run.
    public var description: String { hasPosition ? "\(file):\(line):\(column)" : file }
}

/// The span of a node in its file: start inclusive, end exclusive.
struct SourceRange: Hashable, Sendable {
    var start: SourceLocation
    var end: SourceLocation

    init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    init(at location: SourceLocation) {
        self.init(start: location, end: location)
    }
}
