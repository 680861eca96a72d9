import ArgumentParser
import Foundation
import SLOKit

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert Sloth and OpenSLO specs into slo/v1 specs, one file per service.")

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var imports: ImportOptions

    @Option(name: .shortAndLong, help: "Output folder for the slo/v1 files.")
    var output = "converted"

    func run() throws {
        let log = diagnostics.start()
        let files = try inputs.read(log)
        var converter = Converter()
        converter.frontEnd = imports.frontEnd
        let result = converter.convert(files, diagnostics: log.collector)
        try log.stopOnErrors()
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
        try log.finish()
        var summary = "converted \(result.files.count) services into \(output)"
        if !result.nativeServices.isEmpty {
            summary +=
                " (\(result.nativeServices.count) already slo/v1: \(result.nativeServices.joined(separator: ", ")))"
        }
        Terminal.standardOutput(summary + "\n")
    }
}
