import ArgumentParser
import Foundation
import SLOKit

extension ReportPeriodMode: ExpressibleByArgument {}

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure error budgets in a live Prometheus and write reports (Markdown, HTML, JSON).",
        discussion: """
            Credentials never go on the command line: name an environment variable or a file that \
            holds them (--bearer-token-env, --bearer-token-file, --basic-auth-env, --basic-auth-file; \
            basic auth as user:password). Exit 0 on success, 1 on spec errors, 2 when Prometheus fails \
            (nothing is written then), 64 on usage errors.
            """)

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var imports: ImportOptions

    @Option(help: "Prometheus API base URL (Prometheus, Thanos or Mimir), e.g. http://127.0.0.1:9090.")
    var prometheus: String

    @Option(help: "The instant to report on, RFC 3339 (default: now, to the minute).")
    var at: String?

    @Option(help: "Force rolling or calendar periods (default: each SLO's own window).")
    var period: ReportPeriodMode?

    @Option(
        help: """
            Percent of a period that must have samples before it is judged; below it the status is \
            `insufficient data` and an SLA gets no verdict (default: the project config's \
            `report.minCoverage`, else 90; 0 judges any data).
            """)
    var minCoverage: String?

    @Option(
        name: .shortAndLong,
        help:
            "Output folder, replaced as a whole (default: reports/ in the project config's `output`, else generated/reports/)."
    )
    var output: String?

    @Option(
        help: "Report format; repeat for several (md, html, json; default all three).",
        transform: { try OutputFormat.parse($0, among: [.md, .html, .json]) })
    var format: [OutputFormat] = []

    @Option(help: "Queries in flight at once.")
    var concurrency = 8

    @OptionGroup var connection: ServerConnection

    func validate() throws {
        try connection.validate(prometheus, option: "--prometheus")
        if let at, UTCTime.parse(at) == nil {
            throw ValidationError("--at must be an RFC 3339 time such as 2026-03-01T00:00:00Z, not `\(at)`")
        }
        if let minCoverage, Self.percent(minCoverage) == nil {
            throw ValidationError(
                "--min-coverage must be a percentage from 0 to 100 such as 90 (write 90 for 90%), not `\(minCoverage)`")
        }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be ≥ 1") }
    }

    func run() async throws {
        let log = diagnostics.start()
        var project = try inputs.project(log)
        imports.apply(to: &project.config)
        let files = try inputs.read(log, project: project)
        let output = self.output ?? project.fromConfig(project.config.output + "/reports")
        let instant = at.flatMap(UTCTime.parse) ?? Int64(Date().timeIntervalSince1970) / 60 * 60
        var options = LiveOptions(at: instant, project: project.config)
        options.frontEnd.sourceNames = inputs.sourceNames(files, project: project)
        options.concurrency = concurrency
        var reporter = Reporter(options: options, project: project.config)
        reporter.period = period
        if let minCoverage = minCoverage.flatMap(Self.percent) { reporter.minCoverage = minCoverage }
        if !format.isEmpty { reporter.formats = Set(format) }

        let client = try connection.client(prometheus, log: log)

        let started = ContinuousClock.now
        let result: Reporter.Result
        do {
            result = try await reporter.report(files, client: client, diagnostics: log.collector)
        } catch let failure as PrometheusError {
            throw log.fail(
                .prometheusFailed, "\(failure.message); no report written",
                notes: [.init("while running: \(Self.shorten(failure.query))", at: nil)], exit: ExitCode(2))
        }
        ServerConnection.reportWarnings(of: [client], to: log)
        try log.stopOnErrors()
        do {
            try OutputDirectory(path: output, preserved: []).write { emit in try result.files.forEach(emit) }
        } catch let failure as OutputDirectory.Failure {
            throw log.fail(.outputNotWritable, failure.description, at: .file(output))
        }
        try log.finish()
        let elapsed = started.duration(to: .now)
        Terminal.standardOutput(
            "reported \(result.sloCount) SLOs of \(result.serviceCount) services at \(UTCTime.format(instant)) into \(output) (\(result.queryCount) queries, \(Self.seconds(elapsed)))\n"
        )
    }

    /// The share `90` or `90%` stands for, by the rule the config's `report.minCoverage` follows.
    static func percent(_ text: String) -> Double? {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        return Double(number).flatMap { Reporter.minCoverage(percent: $0) }
    }

    private static func shorten(_ query: String) -> String {
        query.count <= 300 ? query : String(query.prefix(300)) + "…"
    }

    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        return "\(milliseconds / 1000).\(String(format: "%02d", milliseconds % 1000 / 10)) s"
    }
}
