import ArgumentParser
import SLOKit

/// `slo`: compile SLO specs into Prometheus rules, tests, reports and documents.
@main
struct SLOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slo",
        abstract: "Compile service level objectives into Prometheus rules, alert tests, reports and SLA documents.",
        version: "0.1.0",
        subcommands: [
            Init.self, Validate.self, Compile.self, Test.self, Report.self, DoctorCommand.self, Convert.self,
            Benchmark.self,
        ]
    )

    /// argument-parser's own `main`, except that under `--diagnostics-format json` the errors it
    /// would print itself (an unknown option, a value `validate()` rejects) come out as JSON
    /// diagnostics too, with the same exit code. Text mode prints exactly what argument-parser does.
    static func main() async {
        if let unknown = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
            let message =
                "unknown command `\(unknown.word)`"
                + (unknown.suggestion.map { "; did you mean `\($0)`?" } ?? "; the commands are \(commandList)")
            if wantsJSON(CommandLine.arguments) {
                let diagnostic = Diagnostic.error(.invalidUsage, message, at: .run)
                Terminal.standardError(DiagnosticRenderer(sources: []).json([diagnostic]))
            } else {
                Terminal.standardError("error: \(message)\nRun `slo --help` for the commands.\n")
            }
            exit(withError: ExitCode.validationFailure)
        }
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

    /// The visible commands, as help lists them.
    static var commandNames: [String] {
        configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName } + ["help"]
    }

    static var commandList: String { commandNames.map { "`\($0)`" }.joined(separator: ", ") }

    /// A first argument that names no command (`slo compil`), with the closest command name.
    /// argument-parser itself would only say "unexpected argument".
    static func unknownCommand(_ arguments: [String]) -> (word: String, suggestion: String?)? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let all = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !all.contains(first) else { return nil }
        let scored = commandNames.map { ($0, editDistance(first.lowercased(), $0)) }
        let best = scored.min { $0.1 < $1.1 }
        let close = best.flatMap { $0.1 <= max(2, first.count / 3) || $0.0.hasPrefix(first.lowercased()) ? $0.0 : nil }
        return (first, close)
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
