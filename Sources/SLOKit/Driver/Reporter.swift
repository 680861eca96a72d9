/// The whole pipeline for `slo report`: specs in, queries to Prometheus, report files out.
///
/// Nothing is rendered until every query has answered: a report is complete or not written.
public struct Reporter: Sendable {
    /// The documents to write per service and for the index (`--format`).
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case md, html, json
    }

    /// What to report on and how (`slo report`'s options).
    public struct Options: Sendable {
        /// The instant reported on (unix seconds).
        public var at: Int64
        /// Forces every SLO onto a rolling or a calendar period; nil keeps each SLO's own window.
        public var period: ReportPeriodMode?
        public var formats: Set<Format> = Set(Format.allCases)
        public var frontEnd = SpecFrontEnd()
        /// Queries in flight at once.
        public var concurrency = 8

        public init(at: Int64) {
            self.at = at
        }
    }

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

    public var options: Options

    public init(options: Options) {
        self.options = options
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
        let plan = ReportRunPlan(models, at: options.at, mode: options.period)
        let jobs = plan.jobs
        let answers = try await client.answers(jobs, concurrency: options.concurrency)
        let run = plan.measure(answers, prometheus: client.baseURL)
        return Result(files: render(run), diagnostics: diagnostics, run: run, queryCount: jobs.count)
    }

    /// Each service's report documents (planned, then rendered), then the run's index.
    private func render(_ run: ReportRun) -> [OutputFile] {
        var files: [OutputFile] = []
        for service in run.services {
            if options.formats.contains(.json) {
                files.append(.init(path: "\(service.name).json", contents: renderReportJSON(service, run: run)))
            }
            let outline = planServiceReport(service, run: run)
            if options.formats.contains(.md) {
                files.append(.init(path: "\(service.name).md", contents: renderMarkdown(outline)))
            }
            if options.formats.contains(.html) {
                files.append(
                    .init(
                        path: "\(service.name).html", contents: renderHTML(outline, extraStyle: ChartRenderer.style)))
            }
        }
        if options.formats.contains(.json) {
            files.append(.init(path: "index.json", contents: renderReportIndexJSON(run)))
        }
        if options.formats.contains(.md) {
            files.append(.init(path: "index.md", contents: renderMarkdown(planReportIndex(run, extension: "md"))))
        }
        if options.formats.contains(.html) {
            files.append(
                .init(
                    path: "index.html",
                    contents: renderHTML(planReportIndex(run, extension: "html"), extraStyle: ChartRenderer.style)))
        }
        return files
    }
}
