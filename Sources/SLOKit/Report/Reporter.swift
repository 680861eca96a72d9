/// The whole pipeline for `slo report`: specs in, queries to Prometheus, report files out.
///
/// Nothing is rendered until every query has answered: a report is complete or not written.
public struct Reporter: Sendable {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case md, html, json
    }

    /// Forces every SLO onto a rolling or a calendar period; nil keeps each SLO's own window.
    public enum PeriodMode: String, Sendable, Hashable, CaseIterable {
        case rolling, calendar
    }

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
        public var files: [Compiler.OutputFile]
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
        var (models, diagnostics) = options.frontEnd.models(sources)
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Result(files: [], diagnostics: diagnostics, run: nil, queryCount: 0)
        }
        models.sort { $0.name < $1.name }
        let plans = models.map { service in
            (
                service,
                service.slos.map { SLOReportPlan(slo: $0, at: options.at, mode: options.period, sla: service.sla) }
            )
        }
        var jobs: [ReportJob] = []
        for (_, slos) in plans { for plan in slos { jobs += plan.jobs() } }
        let answers = try await execute(jobs, client: client)
        var services: [ServiceReport] = []
        for (service, slos) in plans {
            let measured = slos.map { plan in (plan, MeasuredSLO(plan: plan, answers: answers)) }
            services.append(
                ServiceReport(
                    name: service.name, description: service.description, file: service.file,
                    slos: measured.flatMap { $0.0.reports($0.1) },
                    sla: service.sla.map { slaReport($0, measured: measured) }))
        }
        let run = ReportRun(at: options.at, prometheus: client.baseURL, services: services)
        return Result(files: render(run), diagnostics: diagnostics, run: run, queryCount: jobs.count)
    }

    private func render(_ run: ReportRun) -> [Compiler.OutputFile] {
        var files: [Compiler.OutputFile] = []
        for service in run.services {
            if options.formats.contains(.json) {
                files.append(.init(path: "\(service.name).json", contents: renderReportJSON(service, run: run)))
            }
            if options.formats.contains(.md) {
                files.append(.init(path: "\(service.name).md", contents: renderReportMarkdown(service, run: run)))
            }
            if options.formats.contains(.html) {
                files.append(.init(path: "\(service.name).html", contents: renderReportHTML(service, run: run)))
            }
        }
        if options.formats.contains(.json) {
            files.append(.init(path: "index.json", contents: renderReportIndexJSON(run)))
        }
        if options.formats.contains(.md) {
            files.append(.init(path: "index.md", contents: renderReportIndexMarkdown(run)))
        }
        if options.formats.contains(.html) {
            files.append(.init(path: "index.html", contents: renderReportIndexHTML(run)))
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

    private func slaReport(_ sla: SLASpec, measured: [(SLOReportPlan, MeasuredSLO)]) -> SLAReport {
        let period = sla.period?.value ?? .month
        let spans = SLOReportPlan.slaSpans(period, at: options.at)
        let tiers = sla.credits.map {
            BudgetMath.CreditTier(belowPercent: $0.below.value, creditPercent: $0.credit.value)
        }
        func achievement(_ slo: String, _ committed: Double, _ span: ReportSpan) -> SLAReport.Achievement {
            guard let (plan, values) = measured.first(where: { $0.0.slo.name == slo }) else {
                return .init(achievedPercent: nil, met: nil, creditPercent: nil)
            }
            // Grouped SLOs answer for their worst group: the customer is owed the weakest result.
            let ratios = values.keys.compactMap { values.errorRatio(span, key: $0, plan: plan) }
            guard let worst = ratios.max() else { return .init(achievedPercent: nil, met: nil, creditPercent: nil) }
            let achieved = (1 - worst) * 100
            let met = achieved >= committed
            let credit = met ? 0 : BudgetMath.credit(achievedPercent: achieved, tiers: tiers)?.creditPercent ?? 0
            return .init(achievedPercent: achieved, met: met, creditPercent: credit)
        }
        return SLAReport(
            title: sla.title.value, period: period.rawValue, current: spans.current, previous: spans.previous,
            commitments: sla.commitments.map { commitment in
                SLAReport.Commitment(
                    slo: commitment.slo.value, committedPercent: commitment.objective.value,
                    current: achievement(commitment.slo.value, commitment.objective.value, spans.current),
                    previous: achievement(commitment.slo.value, commitment.objective.value, spans.previous))
            })
    }
}

/// One request: an instant query at a time, or a range query.
struct ReportJob: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case instant(Int64)
        case range(start: Int64, end: Int64, step: Int64)
    }

    var query: String
    var kind: Kind
}

enum ReportAnswer: Sendable {
    case instant([PrometheusClient.Sample])
    case range([PrometheusClient.Series])
}
