import ArgumentParser
import SLOKit

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check specs and print every diagnostic compile would; exit 0 when clean, 1 on errors.")

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var imports: ImportOptions

    func run() throws {
        let log = diagnostics.start()
        var project = try inputs.project(log)
        imports.apply(to: &project.config)
        let files = try inputs.read(log, project: project)
        // The compiler's own checks (front end and models): window warnings such as SLO701 come
        // from resolving the model, so validate reports exactly what compile would.
        var options = Compiler.Options(project: project.config)
        options.frontEnd.sourceNames = inputs.sourceNames(files, project: project)
        let checked = Compiler(options: options).check(files, diagnostics: log.collector)
        log.flush()
        Terminal.standardOutput(
            Self.summary(files: files.count, slos: checked.sloCount, counts: log.counts) + "\n")
        try log.finish()
    }

    /// "3 files, 12 SLOs: no problems" or "3 files, 12 SLOs: 2 errors, 1 warning".
    static func summary(files: Int, slos: Int, counts: (errors: Int, warnings: Int)) -> String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        var problems = [String]()
        if counts.errors > 0 { problems.append(count(counts.errors, "error")) }
        if counts.warnings > 0 { problems.append(count(counts.warnings, "warning")) }
        return "\(count(files, "file")), \(count(slos, "SLO")): "
            + (problems.isEmpty ? "no problems" : problems.joined(separator: ", "))
    }
}
