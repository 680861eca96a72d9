import ArgumentParser
import Foundation
import SLOKit

enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// When text diagnostics are coloured.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `auto`: on a terminal, unless `NO_COLOR` is set (no-color.org) or `TERM` is `dumb`.
    func enabled(environment: [String: String], isTerminal: Bool) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }
}

/// Options every command that reads specs shares.
struct DiagnosticOptions: ParsableArguments {
    @Option(help: "How to print diagnostics: text (compiler style) or json.")
    var diagnosticsFormat: DiagnosticsFormat = .text

    @Flag(help: "Treat warnings as errors (exit 1 when there are any).")
    var warningsAsErrors = false

    @Option(help: "Colour text diagnostics: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

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

    /// One input file, read into memory and kept so diagnostics can quote it. A file that
    /// cannot be read is a usage error (exit 64); an empty one is read (the loader reports it).
    func readSource(_ path: String) throws -> SourceFile {
        // One byte past the limit is enough for the loader to report an oversized file without
        // holding a hostile 50 MB file in memory. `read` gives nil at the end of the file, so an
        // empty file is no data, not a failure.
        guard let handle = FileHandle(forReadingAtPath: path),
            let data = try? handle.read(upToCount: InputLimits().maxFileBytes + 1) ?? Data()
        else {
            throw fail(.unreadableFile, "cannot read \(path)", at: .file(path), exit: ExitCode(64))
        }
        try? handle.close()
        let source = SourceFile(path: path, bytes: [UInt8](data))
        sources.append(source)
        return source
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

    /// Errors and warnings as printed (warnings count as errors under `--warnings-as-errors`).
    var counts: (errors: Int, warnings: Int) {
        let diagnostics = printable
        return (
            diagnostics.count { $0.severity == .error }, diagnostics.count { $0.severity == .warning }
        )
    }

    /// Every diagnostic in print order, warnings promoted under `--warnings-as-errors`.
    private var printable: [Diagnostic] {
        var diagnostics = collector.sorted
        if options.warningsAsErrors {
            diagnostics = diagnostics.map { diagnostic in
                var promoted = diagnostic
                if promoted.severity == .warning { promoted.severity = .error }
                return promoted
            }
        }
        return diagnostics
    }

    /// Prints every diagnostic so far, once; later calls print nothing.
    func flush() {
        guard !printed else { return }
        printed = true
        let diagnostics = printable
        let renderer = DiagnosticRenderer(
            sources: sources,
            color: options.color.enabled(
                environment: ProcessInfo.processInfo.environment, isTerminal: isatty(2) == 1))
        switch options.diagnosticsFormat {
        case .text:
            if !diagnostics.isEmpty { Terminal.standardError(renderer.text(diagnostics)) }
        case .json:
            Terminal.standardError(renderer.json(diagnostics))
        }
    }
}
