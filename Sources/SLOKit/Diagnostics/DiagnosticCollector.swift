/// The one place diagnostics go: every stage of a run emits into the same collector, and the CLI
/// adds its own errors (unreadable files, Prometheus failures, output folders) to it, so one
/// renderer prints all of them in one format.
///
/// A class because every stage appends to the same list (openapi-generator's `DiagnosticCollector`
/// is the model). Unrecoverable problems are thrown and turned into a diagnostic by whoever
/// catches them; recoverable ones are emitted here.
public final class DiagnosticCollector {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public func emit(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public func emit(contentsOf more: [Diagnostic]) {
        diagnostics.append(contentsOf: more)
    }

    public func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, notes: [Diagnostic.Note] = [],
        fixIt: Diagnostic.FixIt? = nil
    ) {
        emit(.error(code, message, at: location, notes: notes, fixIt: fixIt))
    }

    public func warning(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, notes: [Diagnostic.Note] = [],
        fixIt: Diagnostic.FixIt? = nil
    ) {
        emit(.warning(code, message, at: location, notes: notes, fixIt: fixIt))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// How many errors were emitted so far: a stage compares counts to see whether its own part failed.
    var errorCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }

    /// Diagnostics sorted by file and position, duplicates removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.sorted().filter { seen.insert($0).inserted }
    }
}
