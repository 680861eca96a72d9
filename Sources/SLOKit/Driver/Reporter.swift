/// The whole pipeline for `slo report`: specs in, queries to Prometheus, report files out.
///
/// Nothing is rendered until every query has answered: a report is complete or not written.
public struct Reporter: Sendable {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case md, html, json
    }

    /// Forces every SLO onto a rolling or a calendar period; nil keeps each SLO's own window.
    public typealias PeriodMode = ReportPeriodMode

    public struct Options: Sendable {
        /// The instant reported on (unix seconds).
        public var at: Int64
        public var period: PeriodMode?
        public var formats: Set<Format> = Set(Format.allCases)
        public var frontEnd = SpecFrontEnd()
        /// Queries in flight at once.
        public var concurrency = 8

        public init(at: Int64) {
            self.at = at
        }
    }

    public struct Result: Sendable {
        /// Empty when the specs have errors.
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        public var run: ReportRun?
        public var queryCount: Int

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Checks the specs, queries Prometheus and renders. Throws `PrometheusError` when any query fails.
    public func report(_ sources: [SourceFile], client: PrometheusClient) async throws -> Result {
        let (models, diagnostics) = options.frontEnd.models(sources)
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Result(files: [], diagnostics: diagnostics, run: nil, queryCount: 0)
        }
        let plan = ReportRunPlan(models, at: options.at, mode: options.period)
        let jobs = plan.jobs
        let answers = try await execute(jobs, client: client)
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

    /// Runs the jobs with at most `concurrency` in flight; the first failure cancels the rest.
    private func execute(_ jobs: [ReportJob], client: PrometheusClient) async throws -> [ReportJob: ReportAnswer] {
        var answers: [ReportJob: ReportAnswer] = [:]
        try await withThrowingTaskGroup(of: (ReportJob, ReportAnswer).self) { group in
            var pending = jobs[...]
            func startNext() {
                guard let job = pending.popFirst() else { return }
                group.addTask {
                    switch job.kind {
                    case .instant(let time): (job, .instant(try await client.instant(job.query, at: time)))
                    case .range(let start, let end, let step):
                        (job, .range(try await client.range(job.query, start: start, end: end, step: step)))
                    }
                }
            }
            for _ in 0..<max(1, options.concurrency) { startNext() }
            while let (job, answer) = try await group.next() {
                answers[job] = answer
                startNext()
            }
        }
        return answers
    }
}
