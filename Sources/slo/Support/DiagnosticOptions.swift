import ArgumentParser
import SLOKit

enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Options every command that reads specs shares.
struct DiagnosticOptions: ParsableArguments {
    @Option(help: "How to print diagnostics: text (compiler style) or json.")
    var diagnosticsFormat: DiagnosticsFormat = .text

    @Flag(help: "Treat warnings as errors (exit 1 when there are any).")
    var warningsAsErrors = false

    /// Prints the diagnostics to stderr and tells whether the run must fail.
    func report(_ diagnostics: [Diagnostic], sources: [SourceFile]) -> Bool {
        var diagnostics = diagnostics
        if warningsAsErrors {
            diagnostics = diagnostics.map { diagnostic in
                var promoted = diagnostic
                if promoted.severity == .warning { promoted.severity = .error }
                return promoted
            }
        }
        let renderer = DiagnosticRenderer(sources: sources)
        switch diagnosticsFormat {
        case .text:
            if !diagnostics.isEmpty { Terminal.standardError(renderer.text(diagnostics)) }
        case .json:
            Terminal.standardError(renderer.json(diagnostics))
        }
        return diagnostics.contains { $0.severity == .error }
    }
}
