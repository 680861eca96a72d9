import ArgumentParser
import SLOKit

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check specs and print diagnostics; exit 0 when clean, 1 on errors.")

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions

    func run() throws {
        let files = try inputs.read()
        let result = SpecFrontEnd().check(files)
        if diagnostics.report(result.diagnostics, sources: files) { throw ExitCode.failure }
    }
}
