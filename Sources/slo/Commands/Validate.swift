import ArgumentParser
import SLOKit

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check specs and print diagnostics; exit 0 when clean, 1 on errors.")

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var imports: ImportOptions

    func run() throws {
        let files = try inputs.read()
        let result = imports.frontEnd.check(files)
        if diagnostics.report(result.diagnostics, sources: files) { throw ExitCode.failure }
    }
}
