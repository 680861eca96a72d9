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

    @Option(name: .shortAndLong, help: "Output folder.")
    var output = "generated"

    @Option(help: "Rule format; repeat for several (prometheus, prometheus-operator).")
    var format: [Compiler.RuleFormat] = []

    @Flag(help: "Write nothing; exit 1 if anything under the output folder would change (for CI).")
    var check = false

    func run() throws {
        let log = diagnostics.start()
        let files = try inputs.read(log)
        var options = Compiler.Options()
        options.frontEnd = imports.frontEnd
        if !format.isEmpty { options.formats = Set(format) }
        options.jobs = ProcessInfo.processInfo.activeProcessorCount
        let compiler = Compiler(options: options)
        let checked = compiler.check(files, diagnostics: log.collector)
        try log.stopOnErrors()
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
                        .outputOutOfDate, "\(output) is out of date; run `slo compile` and commit the result",
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
}
