/// One finding about a spec: data handed back to the caller, never printed by the library.
public struct Diagnostic: Hashable, Sendable {
    /// Errors fail the run (nothing is written); warnings fail it only under `--warnings-as-errors`.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A secondary location that explains the main one (e.g. the first of two duplicate keys).
    public struct Note: Hashable, Sendable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    /// The replacement a message suggests, as data: editors can apply it, and a test applies
    /// every one literally to show the diagnostic goes away.
    public struct FixIt: Hashable, Sendable {
        /// The first character replaced (1-based line and column, in Unicode scalars).
        public var start: SourceLocation
        /// Just past the last character replaced; equal to `start` for an insertion.
        public var end: SourceLocation
        /// The text written instead, exactly as it goes into the file (quotes included).
        public var replacement: String

        public init(start: SourceLocation, end: SourceLocation, replacement: String) {
            self.start = start
            self.end = end
            self.replacement = replacement
        }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var location: SourceLocation
    public var notes: [Note]
    /// Set when the message suggests one replacement that fixes exactly this problem.
    public var fixIt: FixIt?

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation,
        notes: [Note] = [], fixIt: FixIt? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
        self.fixIt = fixIt
        assert(fixIt == nil || DiagnosticCode.withFixIts.contains(code), "\(code.rawValue) is not in withFixIts")
    }

    public static func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, notes: [Note] = [],
        fixIt: FixIt? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, notes: notes, fixIt: fixIt)
    }

    public static func warning(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, notes: [Note] = [],
        fixIt: FixIt? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location, notes: notes, fixIt: fixIt)
    }
}

extension Diagnostic.FixIt {
    /// Replaces the whole of a located YAML value (quotes included) with `text`.
    init(replacing range: SourceRange, with text: String) {
        self.init(start: range.start, end: range.end, replacement: text)
    }
}

extension Diagnostic: Comparable {
    /// Sorted by file and position, then severity, so output is stable whatever order stages ran in.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
        return lhs.message < rhs.message
    }
}
