import ArgumentParser
import Foundation
import SLOKit

extension Compiler.RuleFormat: ExpressibleByArgument {}

struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile specs into Prometheus rules, alert tests and documents under the output folder.")

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var imports: ImportOptions

    @Option(name: .shortAndLong, help: "Output folder (default: the project config's `output`, else generated/).")
    var output: String?

    @Option(
        help:
            "Output format; repeat for several (prometheus, prometheus-operator, alertmanager, grafana, mimir, thanos, vmalert, vmrule; default: the project config's `formats`)."
    )
    var format: [Compiler.RuleFormat] = []

    @Flag(help: "Write nothing; exit 1 if anything under the output folder would change (for CI).")
    var check = false

    func run() throws {
        let log = diagnostics.start()
        var project = try inputs.project(log)
        imports.apply(to: &project.config)
        let files = try inputs.read(log, project: project)
        var options = Compiler.Options(project: project.config)
        options.frontEnd.sourceNames = inputs.sourceNames(files, project: project)
        if !format.isEmpty { options.formats = Set(format) }
        options.jobs = ProcessInfo.processInfo.activeProcessorCount
        let compiler = Compiler(options: options)
        let checked = compiler.check(files, diagnostics: log.collector)
        try log.stopOnErrors()
        let output = self.output ?? project.fromConfig(project.config.output)
        let directory = OutputDirectory(path: output)
        // Files go to disk as they are rendered, so memory holds one service's output at a time.
        var stats = FireTestStats()
        var fileCount = 0
        func render(_ emit: (OutputFile) throws -> Void) throws {
            stats = try compiler.render(checked) { file in
                fileCount += 1
                try emit(file)
            }
        }
        do {
            if check {
                let changes = try directory.changes(render)
                guard changes.isEmpty else {
                    var notes = changes.added.map { "new:     \($0)" } + changes.modified.map { "changed: \($0)" }
                    notes += changes.removed.map { "stale:   \($0)" }
                    throw log.fail(
                        .outputOutOfDate,
                        "\(output) is out of date; run `\(Self.fixCommand())` and commit the result",
                        at: .file(output), notes: notes.map { Diagnostic.Note($0, at: nil) })
                }
                try log.finish()
                Terminal.standardOutput(
                    "\(output) is up to date (\(fileCount) files, \(checked.sloCount) SLOs)\n")
                return
            }
            let changes = try directory.write(render)
            try log.finish()
            let written = changes.added.count + changes.modified.count
            Terminal.standardOutput(
                "compiled \(checked.sloCount) SLOs into \(output): \(written) written, \(changes.unchanged.count) unchanged, \(changes.removed.count) removed\n"
                    + "fire-tests: \(stats.fromRawMetrics) SLOs tested from raw metrics, \(stats.fromRecordings) from recorded series\n"
            )
        } catch let failure as OutputDirectory.Failure {
            throw log.fail(.outputNotWritable, failure.description, at: .file(output))
        }
    }

    /// The command that writes exactly what `--check` compared: this one without `--check`, so
    /// the same paths, config, output folder and formats. (Plain `slo compile` is only right when
    /// the check itself was run plain.)
    static func fixCommand(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        (["slo"] + arguments.filter { $0 != "--check" }).map(shellQuoted).joined(separator: " ")
    }

    /// An argument as a POSIX shell reads it back: plain when safe, else in single quotes.
    static func shellQuoted(_ argument: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !argument.isEmpty, argument.allSatisfy({ safe.contains($0) }) { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
