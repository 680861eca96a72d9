/// What one report run measures: every service's SLOs with their queries, and how the answers
/// become the run's numbers.
///
/// The driver asks for `jobs`, runs them against Prometheus, and hands the answers back to
/// `measure`: everything between the model and the report documents is planned here, so the
/// driver only does the I/O.
struct ReportRunPlan: Sendable {
    /// Sorted by service name: the order the reports list them in.
    let services: [(model: ServiceModel, slos: [SLOReportPlan])]
    let at: Int64
    let minCoverage: Double

    init(_ models: [ServiceModel], at: Int64, mode: ReportPeriodMode?, minCoverage: Double) {
        self.at = at
        self.minCoverage = minCoverage
        services = models.sorted { $0.name < $1.name }.map { service in
            (
                service,
                service.slos.map {
                    SLOReportPlan(slo: $0, at: at, mode: mode, sla: service.sla, minCoverage: minCoverage)
                }
            )
        }
    }

    /// Every query of the run, each once: the live checks', then each SLO's.
    var jobs: [ReportJob] {
        services.flatMap { $0.slos.flatMap { plan in (bucketJob(plan).map { [$0] } ?? []) + plan.jobs() } }
    }

    /// The bucket bounds a latency SLI's histogram had over the SLO's spans.
    private func bucketJob(_ plan: SLOReportPlan) -> ReportJob? {
        let earliest = plan.spans.map(\.start).min() ?? plan.span.start
        return HistogramBucketCheck(plan.slo)?.job(start: earliest, end: at)
    }

    /// The run's numbers from the answers to `jobs`, and the live checks' findings as warnings.
    func measure(_ answers: [ReportJob: ReportAnswer], prometheus: String) -> (ReportRun, [Diagnostic]) {
        var findings: [Diagnostic] = []
        let reports = services.map { service, slos in
            var problems: [String: String] = [:]
            for plan in slos {
                guard let check = HistogramBucketCheck(plan.slo), let job = bucketJob(plan),
                    case .labelValues(let bounds)? = answers[job], let problem = check.problem(bounds: bounds)
                else { continue }
                problems[plan.slo.name] = problem
                findings.append(check.diagnostic(problem))
            }
            let measured = slos.map { plan in (plan, MeasuredSLO(plan: plan, answers: answers)) }
            return ServiceReport(
                name: service.name, description: service.description, file: service.file,
                slos: measured.flatMap { $0.0.reports($0.1, problem: problems[$0.0.slo.name]) },
                sla: service.sla.map {
                    planSLAReport($0, measured: measured, problems: problems, at: at, minCoverage: minCoverage)
                })
        }
        return (ReportRun(at: at, prometheus: prometheus, minCoverage: minCoverage, services: reports), findings)
    }
}
