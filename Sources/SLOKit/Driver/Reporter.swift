/// The whole pipeline for `slo report`: specs in, queries to Prometheus, report files out.
///
/// Nothing is rendered until every query has answered: a report is complete or not written.
public struct Reporter: Sendable {
    /// The report files and the spec diagnostics of one run.
    public struct Result: Sendable {
        /// Empty when the specs have errors.
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        /// The measured numbers the files print; nil when the specs have errors.
        var run: ReportRun?
        public var queryCount: Int
        public var serviceCount: Int { run?.services.count ?? 0 }
        public var sloCount: Int { run?.services.reduce(0) { $0 + $1.slos.count } ?? 0 }

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public var options: LiveOptions
    /// The documents to write per service and for the index (`--format`): any of `md`, `html`
    /// and `json`; `text` is not a report format and is left out.
    public var formats: Set<OutputFormat> = [.md, .html, .json]
    /// Forces every SLO onto a rolling or a calendar period; nil keeps each SLO's own window.
    public var period: ReportPeriodMode?
    /// The share of a period (0...1) that must have samples before its numbers are judged;
    /// below it the status is `insufficient data` (`--min-coverage`, the config's
    /// `report.minCoverage`).
    public var minCoverage = Reporter.defaultMinCoverage

    /// 90%: a month missing three days is still judged; a week of data in a month is not.
    public static let defaultMinCoverage = 0.9

    /// The share (0...1) a minimum coverage in percent (`--min-coverage`, `report.minCoverage`)
    /// stands for: 0, or above 1 up to 100; nil for a fraction such as 0.9 (the trap objectives
    /// have too) or anything out of range. One rule for the flag and the config.
    public static func minCoverage(percent: Double) -> Double? {
        guard percent.isFinite, percent == 0 || (percent > 1 && percent <= 100) else { return nil }
        return percent / 100
    }

    /// A reporter with what a project config sets for reports (`report.minCoverage`); the CLI
    /// applies its flags on top.
    public init(options: LiveOptions, project: ProjectConfig? = nil) {
        self.options = options
        if let minCoverage = project?.reportMinCoverage { self.minCoverage = minCoverage }
    }

    /// Checks the specs, queries Prometheus and renders. Throws `PrometheusError` when any query fails.
    ///
    /// Spec findings go to `diagnostics` (a fresh collector by default) and come back sorted in the
    /// result; a failing query is thrown, for the caller to report.
    public func report(
        _ sources: [SourceFile], client: PrometheusClient,
        diagnostics collector: DiagnosticCollector = DiagnosticCollector()
    ) async throws -> Result {
        let models = options.frontEnd.models(sources, diagnostics: collector)
        let diagnostics = collector.sorted
        guard !collector.hasErrors else {
            return Result(files: [], diagnostics: diagnostics, run: nil, queryCount: 0)
        }
        let plan = ReportRunPlan(models, at: options.at, mode: period, minCoverage: minCoverage)
        let jobs = plan.jobs
        let answers = try await client.answers(jobs, concurrency: options.concurrency)
        let (run, findings) = plan.measure(answers, prometheus: client.baseURL)
        collector.emit(contentsOf: findings)
        return Result(files: render(run), diagnostics: collector.sorted, run: run, queryCount: jobs.count)
    }

    /// Each service's report documents (planned, then rendered), then the run's index.
    private func render(_ run: ReportRun) -> [OutputFile] {
        var files: [OutputFile] = []
        for service in run.services {
            if formats.contains(.json) {
                files.append(.init(path: "\(service.name).json", contents: renderReportJSON(service, run: run)))
            }
            let outline = planServiceReport(service, run: run)
            if formats.contains(.md) {
                files.append(.init(path: "\(service.name).md", contents: renderMarkdown(outline)))
            }
            if formats.contains(.html) {
                files.append(
                    .init(
                        path: "\(service.name).html", contents: renderHTML(outline, extraStyle: ChartRenderer.style)))
            }
        }
        if formats.contains(.json) {
            files.append(.init(path: "index.json", contents: renderReportIndexJSON(run)))
        }
        if formats.contains(.md) {
            files.append(.init(path: "index.md", contents: renderMarkdown(planReportIndex(run, extension: "md"))))
        }
        if formats.contains(.html) {
            files.append(
                .init(
                    path: "index.html",
                    contents: renderHTML(planReportIndex(run, extension: "html"), extraStyle: ChartRenderer.style)))
        }
        return files
    }
}
