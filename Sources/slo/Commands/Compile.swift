import ArgumentParser
import SLOKit

extension Compiler.RuleFormat: ExpressibleByArgument {}

struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile specs into Prometheus rules, alert tests and documents under the output folder.")

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var imports: ImportOptions

    @Option(name: .shortAndLong, help: "Output folder.")
    var output = "generated"

    @Option(help: "Rule format; repeat for several (prometheus, prometheus-operator).")
    var format: [Compiler.RuleFormat] = []

    @Flag(help: "Write nothing; exit 1 if anything under the output folder would change (for CI).")
    var check = false

    func run() throws {
        let files = try inputs.read()
        var options = Compiler.Options()
        options.frontEnd = imports.frontEnd
        if !format.isEmpty { options.formats = Set(format) }
        let result = Compiler(options: options).compile(files)
        if diagnostics.report(result.diagnostics, sources: files) || result.hasErrors { throw ExitCode.failure }
        let directory = OutputDirectory(path: output)
        do {
            if check {
                let changes = try directory.changes(for: result.files)
                guard changes.isEmpty else {
                    var lines = changes.added.map { "  new:     \($0)" } + changes.modified.map { "  changed: \($0)" }
                    lines += changes.removed.map { "  stale:   \($0)" }
                    Terminal.standardError(
                        "\(output) is out of date; run `slo compile` and commit the result:\n\(lines.joined(separator: "\n"))\n"
                    )
                    throw ExitCode.failure
                }
                Terminal.standardOutput(
                    "\(output) is up to date (\(result.files.count) files, \(result.sloCount) SLOs)\n")
                return
            }
            let changes = try directory.write(result.files)
            let written = changes.added.count + changes.modified.count
            let tests = result.fireTests
            Terminal.standardOutput(
                "compiled \(result.sloCount) SLOs into \(output): \(written) written, \(changes.unchanged.count) unchanged, \(changes.removed.count) removed\n"
                    + "fire-tests: \(tests.fromRawMetrics) SLOs tested from raw metrics, \(tests.fromRecordings) from recorded series\n"
            )
        } catch let failure as OutputDirectory.Failure {
            Terminal.standardError("error: \(failure.description)\n")
            throw ExitCode.failure
        }
    }
}
