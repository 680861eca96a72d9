/// One `slo/v1` document: a service and its SLOs, as written (defaults not yet applied).
struct ServiceSpec: Sendable {
    var file: String
    var range: SourceRange
    var version: Located<String>
    var service: Located<String>
    var description: Located<String>?
    var labels: [LabelSpec]
    var window: Located<WindowSpec>?
    var alerting: AlertingSpec?
    var slos: [SLOSpec]
    var sla: SLASpec?
    /// The format the document was written in; imported formats are decoded into this same AST.
    var format: SpecFormat = .native
    /// `metadata` of a Sloth `PrometheusServiceLevel`: its `PrometheusRule` keeps name and namespace.
    var kubernetesMetadata: KubernetesMetadata?
    /// Names of SLOs that had errors: references to them are not reported a second time.
    var undecodedSLONames: Set<String> = []
}

/// One SLO of a service.
struct SLOSpec: Sendable {
    var range: SourceRange
    var name: Located<String>
    var description: Located<String>?
    var objective: Located<Double>
    var window: Located<WindowSpec>?
    var budgeting: Located<BudgetingMethod>?
    var sli: SLISpec
    var labels: [LabelSpec]
    var alerting: AlertingSpec?
}

/// How the budget is counted: bad events over all events, or bad time slices over all slices.
enum BudgetingMethod: String, Sendable, Hashable, CaseIterable {
    case occurrences, timeslices
}

/// Name and namespace of a Kubernetes resource a spec came from.
struct KubernetesMetadata: Sendable, Hashable {
    var name: String
    var namespace: String?
}

/// The input formats `slo` reads, detected from `version:` or `apiVersion:` + `kind:`.
enum SpecFormat: String, Sendable, Hashable, CaseIterable {
    /// `version: slo/v1`.
    case native = "slo/v1"
    /// Sloth's `version: prometheus/v1`.
    case slothPrometheus = "prometheus/v1"
    /// Sloth's Kubernetes resource, `apiVersion: sloth.slok.dev/v1`, `kind: PrometheusServiceLevel`.
    case slothKubernetes = "sloth.slok.dev/v1"
    /// OpenSLO `apiVersion: openslo/v1alpha`, `kind: SLO`.
    case openSLOV1Alpha = "openslo/v1alpha"
    /// OpenSLO `apiVersion: openslo/v1` objects, resolved across files into services.
    case openSLOV1 = "openslo/v1"
}
