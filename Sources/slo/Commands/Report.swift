import ArgumentParser
import Foundation
import SLOKit

extension Reporter.Format: ExpressibleByArgument {}
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
            `insufficient data` and an SLA gets no verdict (default 90; 0 judges any data).
            """)
    var minCoverage: String?

    @Option(
        name: .shortAndLong,
        help:
            "Output folder, replaced as a whole (default: reports/ in the project config's `output`, else generated/reports/)."
    )
    var output: String?

    @Option(help: "Report format; repeat for several (md, html, json; default all three).")
    var format: [Reporter.Format] = []

    @Option(help: "Deadline of each query, retries included (Prometheus duration).")
    var timeout = "30s"

    @Option(help: "Retries of a query after a 5xx answer, a timeout or a refused connection.")
    var retries = 2

    @Option(help: "Queries in flight at once.")
    var concurrency = 8

    @Option(help: "Largest answer accepted, in bytes.")
    var maxResponseBytes = 64 << 20

    @Option(help: "PEM file of CA certificates to trust instead of the system's.")
    var caFile: String?

    @Option(help: "Environment variable holding a bearer token.")
    var bearerTokenEnv: String?

    @Option(help: "File holding a bearer token.")
    var bearerTokenFile: String?

    @Option(help: "Environment variable holding user:password for basic auth.")
    var basicAuthEnv: String?

    @Option(help: "File holding user:password for basic auth.")
    var basicAuthFile: String?

    func validate() throws {
        let lower = prometheus.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw ValidationError("--prometheus must be an http:// or https:// URL")
        }
        let rest = prometheus[prometheus.range(of: "://")!.upperBound...]
        let authority = rest.prefix { !"/?#".contains($0) }
        guard !authority.contains("@") else {
            throw ValidationError(
                "--prometheus must not contain credentials; use --basic-auth-env or --basic-auth-file")
        }
        guard !prometheus.contains("?"), !prometheus.contains("#") else {
            throw ValidationError("--prometheus must be the API's base URL, without a query or fragment")
        }
        let credentialSources = [bearerTokenEnv, bearerTokenFile, basicAuthEnv, basicAuthFile].compactMap { $0 }
        guard credentialSources.count <= 1 else {
            throw ValidationError(
                "choose one of --bearer-token-env, --bearer-token-file, --basic-auth-env, --basic-auth-file")
        }
        // Credentials travel only encrypted, or to this machine.
        let host =
            authority.hasPrefix("[")
            ? String(authority.prefix { $0 != "]" }) + "]" : String(authority.prefix { $0 != ":" })
        if !credentialSources.isEmpty, lower.hasPrefix("http://"),
            !["127.0.0.1", "localhost", "[::1]"].contains(host.lowercased())
        {
            throw ValidationError("credentials are only sent over https:// (or to 127.0.0.1, localhost or [::1])")
        }
        if let at, UTCTime.parse(at) == nil {
            throw ValidationError("--at must be an RFC 3339 time such as 2026-03-01T00:00:00Z, not `\(at)`")
        }
        guard let timeout = DurationValue(parsing: timeout), timeout.milliseconds > 0 else {
            throw ValidationError("--timeout must be a duration such as 30s or 2m")
        }
        if let minCoverage, Self.percent(minCoverage) == nil {
            throw ValidationError(
                "--min-coverage must be a percentage from 0 to 100 such as 90 (write 90 for 90%), not `\(minCoverage)`")
        }
        guard retries >= 0, concurrency >= 1, maxResponseBytes >= 1024 else {
            throw ValidationError("--retries must be ≥ 0, --concurrency ≥ 1, --max-response-bytes ≥ 1024")
        }
    }

    func run() async throws {
        let log = diagnostics.start()
        var project = try inputs.project(log)
        imports.apply(to: &project.config)
        let files = try inputs.read(log, project: project)
        let output = self.output ?? project.fromConfig(project.config.output + "/reports")
        let instant = at.flatMap(UTCTime.parse) ?? Int64(Date().timeIntervalSince1970) / 60 * 60
        var options = Reporter.Options(at: instant)
        options.period = period
        options.frontEnd = project.config.frontEnd
        options.frontEnd.sourceNames = inputs.sourceNames(files, project: project)
        options.concurrency = concurrency
        if let minCoverage = minCoverage.flatMap(Self.percent) { options.minCoverage = minCoverage / 100 }
        if !format.isEmpty { options.formats = Set(format) }

        var transport = CurlTransport(caFile: caFile, maxBodyBytes: maxResponseBytes)
        do {
            if let token = try secret(environment: bearerTokenEnv, file: bearerTokenFile) {
                transport.authorization = "Bearer \(token)"
            }
            transport.basicAuth = try secret(environment: basicAuthEnv, file: basicAuthFile)
        } catch let failure as SecretFailure {
            throw log.fail(.credentialUnavailable, failure.message, exit: ExitCode(2))
        }
        var client = PrometheusClient(baseURL: prometheus, transport: transport)
        client.timeout = .milliseconds(DurationValue(parsing: timeout)!.milliseconds)
        client.retries = retries

        let started = ContinuousClock.now
        let result: Reporter.Result
        do {
            result = try await Reporter(options: options).report(files, client: client, diagnostics: log.collector)
        } catch let failure as PrometheusError {
            throw log.fail(
                .prometheusFailed, "\(failure.message); no report written",
                notes: [.init("while running: \(Self.shorten(failure.query))", at: nil)], exit: ExitCode(2))
        }
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

    private struct SecretFailure: Error { var message: String }

    /// A credential from an environment variable or a file; the value itself is never printed.
    private func secret(environment: String?, file: String?) throws -> String? {
        var value: String?
        if let environment {
            guard let found = ProcessInfo.processInfo.environment[environment] else {
                throw SecretFailure(message: "environment variable \(environment) is not set")
            }
            value = found
        } else if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw SecretFailure(message: "cannot read the credential file \(file)")
            }
            value = String(decoding: data, as: UTF8.self)
        }
        guard var secret = value else { return nil }
        while secret.hasSuffix("\n") || secret.hasSuffix("\r") { secret.removeLast() }
        guard !secret.isEmpty, !secret.contains("\n"), !secret.contains("\r") else {
            throw SecretFailure(message: "the credential in \(environment ?? file ?? "") is empty or has several lines")
        }
        return secret
    }

    /// `90` or `90%`; 0 to 100, but not a fraction such as 0.9 (the trap objectives have too).
    static func percent(_ text: String) -> Double? {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(number), value.isFinite, value == 0 || (value > 1 && value <= 100) else { return nil }
        return value
    }

    private static func shorten(_ query: String) -> String {
        query.count <= 300 ? query : String(query.prefix(300)) + "…"
    }

    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        return "\(milliseconds / 1000).\(String(format: "%02d", milliseconds % 1000 / 10)) s"
    }
}
