/// One `slo/v1` document: a service and its SLOs, as written (defaults not yet applied).
public struct ServiceSpec: Sendable {
    public var file: String
    public var range: SourceRange
    public var version: Located<String>
    public var service: Located<String>
    public var description: Located<String>?
    public var labels: [LabelSpec]
    public var window: Located<WindowSpec>?
    public var alerting: AlertingSpec?
    public var slos: [SLOSpec]
    public var sla: SLASpec?
    /// The format the document was written in; imported formats are decoded into this same AST.
    public var format: SpecFormat = .native
    /// `metadata` of a Sloth `PrometheusServiceLevel`: its `PrometheusRule` keeps name and namespace.
    public var kubernetesMetadata: KubernetesMetadata?
    /// Names of SLOs that had errors: references to them are not reported a second time.
    public var undecodedSLONames: Set<String> = []
}

/// One SLO of a service.
public struct SLOSpec: Sendable {
    public var range: SourceRange
    public var name: Located<String>
    public var description: Located<String>?
    public var objective: Located<Double>
    public var window: Located<WindowSpec>?
    public var budgeting: Located<BudgetingMethod>?
    public var sli: SLISpec
    public var labels: [LabelSpec]
    public var alerting: AlertingSpec?
}

/// How the budget is counted: bad events over all events, or bad time slices over all slices.
public enum BudgetingMethod: String, Sendable, Hashable, CaseIterable {
    case occurrences, timeslices
}

/// Name and namespace of a Kubernetes resource a spec came from.
public struct KubernetesMetadata: Sendable, Hashable {
    public var name: String
    public var namespace: String?
}

/// The input formats `slo` reads, detected from `version:` or `apiVersion:` + `kind:`.
public enum SpecFormat: String, Sendable, Hashable, CaseIterable {
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
