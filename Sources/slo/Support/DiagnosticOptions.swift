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

    /// The run's one collector: the library's stages and the command's own errors go into it.
    func start() -> CommandDiagnostics { CommandDiagnostics(options: self) }
}

/// Every diagnostic of one command run — the specs' findings and the CLI's own errors (unreadable
/// inputs, output folders, Prometheus, promtool) — printed once, in one format, when the run ends.
///
/// JSON consumers get one document with every error, whatever the exit path.
final class CommandDiagnostics {
    let collector = DiagnosticCollector()
    /// The files read, so text diagnostics can quote the offending line.
    var sources: [SourceFile] = []
    private let options: DiagnosticOptions
    private var printed = false

    init(options: DiagnosticOptions) {
        self.options = options
    }

    /// Emits a CLI error, prints every diagnostic so far, and gives the exit code to throw.
    func fail(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation = .run,
        notes: [Diagnostic.Note] = [], exit: ExitCode = .failure
    ) -> ExitCode {
        collector.error(code, message, at: location, notes: notes)
        flush()
        return exit
    }

    /// Whether the run must fail: an error, or a warning under `--warnings-as-errors`.
    var failing: Bool {
        collector.diagnostics.contains {
            $0.severity == .error || (options.warningsAsErrors && $0.severity == .warning)
        }
    }

    /// Before anything is written: prints the diagnostics and throws exit 1 if the run must fail;
    /// otherwise prints nothing yet (warnings come out with the rest at the end).
    func stopOnErrors() throws {
        if failing { try finish() }
    }

    /// At the end of the run: prints every diagnostic (once) and throws exit 1 if the run must fail.
    func finish() throws {
        flush()
        if failing { throw ExitCode.failure }
    }

    private func flush() {
        guard !printed else { return }
        printed = true
        var diagnostics = collector.sorted
        if options.warningsAsErrors {
            diagnostics = diagnostics.map { diagnostic in
                var promoted = diagnostic
                if promoted.severity == .warning { promoted.severity = .error }
                return promoted
            }
        }
        let renderer = DiagnosticRenderer(sources: sources)
        switch options.diagnosticsFormat {
        case .text:
            if !diagnostics.isEmpty { Terminal.standardError(renderer.text(diagnostics)) }
        case .json:
            Terminal.standardError(renderer.json(diagnostics))
        }
    }
}
