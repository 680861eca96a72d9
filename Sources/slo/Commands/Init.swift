import ArgumentParser
import Foundation
import SLOKit

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a starter project config (slo.yaml) and one commented example spec (slo/example.yaml).",
        discussion: "Never overwrites: when either file exists, nothing is written (exit 1).")

    @OptionGroup var diagnostics: DiagnosticOptions

    @Option(help: "Folder to set up (default: the working folder).")
    var directory = "."

    func run() throws {
        let log = diagnostics.start()
        let manager = FileManager.default
        let files = ProjectConfig.starterFiles.map { file in
            (file, directory == "." ? file.path : (directory as NSString).appendingPathComponent(file.path))
        }
        for (_, path) in files where manager.fileExists(atPath: path) {
            log.collector.error(
                .outputNotWritable, "\(path) already exists; slo init never overwrites a file, so nothing was written",
                at: .file(path))
        }
        try log.stopOnErrors()
        do {
            for (file, path) in files {
                try manager.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent.isEmpty
                        ? "." : (path as NSString).deletingLastPathComponent,
                    withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            }
        } catch {
            throw log.fail(.outputNotWritable, "cannot write the starter files: \(error.localizedDescription)")
        }
        try log.finish()
        Terminal.standardOutput(
            """
            wrote \(files.map(\.1).joined(separator: " and "))
            next: edit the example, then
              slo validate    check the specs
              slo compile     write rules, fire-tests and documents to generated/

            """)
    }
}
