/// The pipeline of `slo doctor`: specs in, questions to the live Prometheus (and Alertmanager),
/// a checklist out. Like `Reporter`, the library plans and judges; the HTTP goes through the
/// caller's transport.
public struct Doctor: Sendable {
    /// `slo doctor`'s output.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case text, json
    }

    /// What to check and how.
    public struct Options: Sendable {
        /// The instant "now" of the checks (unix seconds).
        public var at: Int64
        public var frontEnd = SpecFrontEnd()
        public var format = Format.text
        /// Queries in flight at once.
        public var concurrency = 8

        /// The receiver each kind of alert should reach: the project config's, when it writes the
        /// `alertmanager` fragment.
        var expectedReceivers: AlertmanagerReceivers?

        public init(at: Int64) {
            self.at = at
        }

        /// The options a project config asks for: its front end, and its receivers when it
        /// generates the Alertmanager fragment.
        public init(at: Int64, project: ProjectConfig) {
            self.at = at
            frontEnd = project.frontEnd
            if project.formats?.contains(.alertmanager) == true { expectedReceivers = project.alertmanagerReceivers }
        }
    }

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

    public var options: Options

    public init(options: Options) {
        self.options = options
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
        let plan = DoctorPlan(models, at: options.at, expectedReceivers: options.expectedReceivers)
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
            switch options.format {
            case .text: renderDoctorText(findings)
            case .json: renderDoctorJSON(findings)
            }
        return Result(
            text: text, diagnostics: collector.sorted, hasProblems: findings.hasProblems,
            sloCount: findings.slos.count)
    }
}
