import ArgumentParser
import Foundation
import SLOKit

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check what is deployed: SLI data, the loaded rules and their health, and alert routing.",
        discussion: """
            Asks the live Prometheus (and Alertmanager) about every SLO of the specs and prints a \
            checklist with the fix for each problem. Exit 0 when healthy, 1 when a check found a \
            problem (or the specs have errors), 2 when a server failed, 64 on usage errors. \
            Credentials as for `slo report`.
            """)

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var imports: ImportOptions
    @OptionGroup var connection: ServerConnection

    @Option(help: "Prometheus API base URL, e.g. http://127.0.0.1:9090.")
    var prometheus: String

    @Option(help: "Alertmanager base URL, e.g. http://127.0.0.1:9093: checks every alert's receiver.")
    var alertmanager: String?

    @Option(
        help: "Output: text (a checklist) or json.", transform: { try OutputFormat.parse($0, among: [.text, .json]) })
    var format = OutputFormat.text

    func validate() throws {
        try connection.validate(prometheus, option: "--prometheus")
        if let alertmanager { try connection.validate(alertmanager, option: "--alertmanager") }
    }

    func run() async throws {
        let log = diagnostics.start()
        var project = try inputs.project(log)
        imports.apply(to: &project.config)
        let files = try inputs.read(log, project: project)
        var options = LiveOptions(at: Int64(Date().timeIntervalSince1970), project: project.config)
        options.frontEnd.sourceNames = inputs.sourceNames(files, project: project)
        var doctor = Doctor(options: options, project: project.config)
        doctor.format = format
        let prometheusClient = try connection.client(prometheus, log: log)
        let alertmanagerClient = try alertmanager.map { try connection.client($0, log: log) }
        let result: Doctor.Result
        do {
            result = try await doctor.check(
                files, prometheus: prometheusClient, alertmanager: alertmanagerClient, diagnostics: log.collector)
        } catch let failure as PrometheusError {
            throw log.fail(
                .prometheusFailed, failure.message,
                notes: [
                    .init(
                        "while asking: \(failure.query.count <= 300 ? failure.query : String(failure.query.prefix(300)) + "…")",
                        at: nil)
                ],
                exit: ExitCode(2))
        }
        ServerConnection.reportWarnings(of: [prometheusClient] + (alertmanagerClient.map { [$0] } ?? []), to: log)
        try log.stopOnErrors()
        Terminal.standardOutput(result.text)
        try log.finish()
        if result.hasProblems { throw ExitCode.failure }
    }
}
