import ArgumentParser
import Foundation
import SLOKit

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert Sloth and OpenSLO specs into slo/v1 specs, one file per service.",
        discussion: """
            Converts file by file: files that are no SLO spec (Prometheus rule files, other Kubernetes \
            objects) are skipped with the reason, files with errors are reported and left out, the rest \
            is written. Comments in the source are carried over. Exit 0 when at least one service was \
            converted, 1 when none was.
            """)

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var imports: ImportOptions

    @Option(name: .shortAndLong, help: "Output folder for the slo/v1 files.")
    var output = "converted"

    func run() throws {
        let log = diagnostics.start()
        var project = try inputs.project(log)
        imports.apply(to: &project.config)
        let files = try inputs.read(log, project: project)
        var converter = Converter()
        converter.frontEnd = project.config.frontEnd
        let result = converter.convert(files, diagnostics: log.collector)
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for file in result.files {
                let url = URL(fileURLWithPath: output).appendingPathComponent(file.path)
                try Data(file.contents.utf8).write(to: url, options: .atomic)
            }
        } catch {
            throw log.fail(
                .outputNotWritable, "cannot write to \(output): \(error.localizedDescription)", at: .file(output))
        }
        log.flush()
        var report = ""
        var failed = 0
        for (path, outcome) in result.outcomes {
            switch outcome {
            case .converted(let written) where written.isEmpty:
                report += "read       \(path): OpenSLO objects the converted SLOs use, no SLO of its own\n"
            case .converted(let written):
                report += "converted  \(path) -> \(written.map { "\(output)/\($0)" }.joined(separator: ", "))\n"
            case .native(let services):
                report += "skipped    \(path): already slo/v1 (\(services.joined(separator: ", ")))\n"
            case .notSpec(let reason):
                report += "skipped    \(path): not an SLO spec: \(reason)\n"
            case .failed(let errors):
                failed += 1
                report += "failed     \(path): \(errors) error\(errors == 1 ? "" : "s") (above); nothing written\n"
            }
        }
        report +=
            "converted \(result.files.count) service\(result.files.count == 1 ? "" : "s") from \(files.count) file\(files.count == 1 ? "" : "s") into \(output)"
        if failed > 0 { report += "; \(failed) file\(failed == 1 ? "" : "s") failed" }
        Terminal.standardOutput(report + "\n")
        // Files that fail do not stop the others; the run fails only when nothing was converted
        // (or a warning under --warnings-as-errors in a converted file).
        guard !result.files.isEmpty else { throw ExitCode.failure }
        if diagnostics.warningsAsErrors, log.counts.errors > 0 { throw ExitCode.failure }
    }
}
