import ArgumentParser
import SLOKit

/// `slo`: compile SLO specs into Prometheus rules, tests, reports and documents.
@main
struct SLOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slo",
        abstract: "Compile service level objectives into Prometheus rules, alert tests, reports and SLA documents.",
        version: "0.1.0",
        subcommands: [Validate.self, Compile.self, Test.self, Report.self, Convert.self, Benchmark.self]
    )

    /// argument-parser's own `main`, except that under `--diagnostics-format json` the errors it
    /// would print itself (an unknown option, a value `validate()` rejects) come out as JSON
    /// diagnostics too, with the same exit code. Text mode prints exactly what argument-parser does.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code != .success, !(error is ExitCode), wantsJSON(CommandLine.arguments) else {
                exit(withError: error)
            }
            let diagnostic = Diagnostic.error(
                code == ExitCode.validationFailure ? .invalidUsage : .ioFailure, message(for: error), at: .run)
            Terminal.standardError(DiagnosticRenderer(sources: []).json([diagnostic]))
            exit(withError: code)
        }
    }

    /// Whether the command line asks for JSON diagnostics, even when it did not parse.
    static func wantsJSON(_ arguments: [String]) -> Bool {
        zip(arguments, arguments.dropFirst()).contains { $0 == "--diagnostics-format" && $1 == "json" }
            || arguments.contains("--diagnostics-format=json")
    }
}
