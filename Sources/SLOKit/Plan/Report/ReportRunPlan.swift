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

    init(_ models: [ServiceModel], at: Int64, mode: ReportPeriodMode?) {
        self.at = at
        services = models.sorted { $0.name < $1.name }.map { service in
            (service, service.slos.map { SLOReportPlan(slo: $0, at: at, mode: mode, sla: service.sla) })
        }
    }

    /// Every query of the run, each once.
    var jobs: [ReportJob] { services.flatMap { $0.slos.flatMap { $0.jobs() } } }

    /// The run's numbers from the answers to `jobs`.
    func measure(_ answers: [ReportJob: ReportAnswer], prometheus: String) -> ReportRun {
        let reports = services.map { service, slos in
            let measured = slos.map { plan in (plan, MeasuredSLO(plan: plan, answers: answers)) }
            return ServiceReport(
                name: service.name, description: service.description, file: service.file,
                slos: measured.flatMap { $0.0.reports($0.1) },
                sla: service.sla.map { planSLAReport($0, measured: measured, at: at) })
        }
        return ReportRun(at: at, prometheus: prometheus, services: reports)
    }
}
