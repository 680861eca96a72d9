import ArgumentParser
import SLOKit

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check specs and print diagnostics; exit 0 when clean, 1 on errors.")

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var imports: ImportOptions

    func run() throws {
        let log = diagnostics.start()
        let files = try inputs.read(log)
        _ = imports.frontEnd.check(files, diagnostics: log.collector)
        try log.finish()
    }
}
