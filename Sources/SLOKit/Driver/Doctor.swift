/// The pipeline of `slo doctor`: specs in, questions to the live Prometheus (and Alertmanager),
/// a checklist out. Like `Reporter`, the library plans and judges; the HTTP goes through the
/// caller's transport.
public struct Doctor: Sendable {
    /// The checklist and the spec diagnostics of one run.
    public struct Result: Sendable {
        /// Empty when the specs have errors.
        public var text: String
        public var diagnostics: [Diagnostic]
        /// True when some check found a problem (exit 1).
        public var hasProblems: Bool
        public var sloCount: Int

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public var options: LiveOptions
    /// `json`, or anything else for the text checklist (`--format`).
    public var format = OutputFormat.text
    /// The receiver each kind of alert should reach: the project config's, when it writes the
    /// `alertmanager` fragment.
    var expectedReceivers: AlertmanagerReceivers?

    /// A doctor with what a project config expects: the receivers of its Alertmanager fragment,
    /// when it generates one.
    public init(options: LiveOptions, project: ProjectConfig? = nil) {
        self.options = options
        if let project, project.formats?.contains(.alertmanager) == true {
            expectedReceivers = project.alertmanagerReceivers
        }
    }

    /// Checks the specs, asks the servers, judges. Throws `PrometheusError` when a server fails
    /// (its message names the server).
    public func check(
        _ sources: [SourceFile], prometheus: PrometheusClient, alertmanager: PrometheusClient?,
        diagnostics collector: DiagnosticCollector = DiagnosticCollector()
    ) async throws -> Result {
        let models = options.frontEnd.models(sources, diagnostics: collector)
        guard !collector.hasErrors else {
            return Result(text: "", diagnostics: collector.sorted, hasProblems: false, sloCount: 0)
        }
        let plan = DoctorPlan(models, at: options.at, expectedReceivers: expectedReceivers)
        async let answers = prometheus.answers(plan.jobs, concurrency: options.concurrency)
        async let rules = prometheus.document("/api/v1/rules")
        async let status = alertmanager?.document("/api/v2/status")
        var routing: AlertmanagerRouting?
        if let alertmanager, let status = try await status {
            let original = status["config"]?["original"]?.stringValue ?? ""
            let documents = YAMLLoader().load(
                SourceFile(path: "alertmanager config", text: original), diagnostics: DiagnosticCollector())
            guard let root = documents.first?.root, let tree = AlertmanagerRouting(yaml: root) else {
                throw PrometheusError(
                    query: "/api/v2/status",
                    message: "\(alertmanager.baseURL) answered /api/v2/status without a config that has a route")
            }
            routing = tree
        }
        let live = DoctorPlan.LiveState(
            answers: try await answers, groups: LoadedRuleGroup.groups(try await rules), routing: routing)
        let findings = plan.judge(live, prometheus: prometheus.baseURL, alertmanager: alertmanager?.baseURL)
        let text =
            format == .json ? renderDoctorJSON(findings) : renderDoctorText(findings)
        return Result(
            text: text, diagnostics: collector.sorted, hasProblems: findings.hasProblems,
            sloCount: findings.slos.count)
    }
}
