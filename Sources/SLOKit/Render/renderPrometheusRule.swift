/// Metadata every `PrometheusRule` object gets from the project config: prometheus-operator only
/// loads rule objects whose labels its `ruleSelector` matches (`release: kube-prometheus-stack` in
/// the common Helm chart), in the namespaces it watches.
struct PrometheusRuleDefaults: Sendable, Hashable {
    /// Used when the spec names none (a Sloth `PrometheusServiceLevel` names its own).
    var namespace: String?
    /// Added to the object's labels; they win over the two `app.kubernetes.io` labels slo sets.
    var labels: [String: String] = [:]
    var annotations: [String: String] = [:]
}

/// `prometheusrule.yml`: the same groups wrapped in a prometheus-operator `PrometheusRule` object.
func renderPrometheusRule(
    _ plan: RuleFilePlan, service: ServiceModel, defaults: PrometheusRuleDefaults = PrometheusRuleDefaults()
) -> String {
    renderRuleObject(
        plan, service: service, apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule",
        namespace: defaults.namespace, labels: defaults.labels, annotations: defaults.annotations)
}

/// A Kubernetes object holding the service's rule groups under `spec` (`PrometheusRule`,
/// `VMRule`): named after the spec's own metadata or the service, labelled as slo's, with
/// `labels` (which win over slo's two) and `annotations` from the project config.
func renderRuleObject(
    _ plan: RuleFilePlan, service: ServiceModel, apiVersion: String, kind: String, namespace: String?,
    labels: [String: String] = [:], annotations: [String: String] = [:]
) -> String {
    let writer = YAMLWriter(header: generatedHeader(source: ruleSource(service)))
    writer.mapping {
        writer.pair("apiVersion", apiVersion)
        writer.pair("kind", kind)
        writer.string("metadata")
        writer.mapping {
            writer.pair("name", service.kubernetesMetadata?.name ?? "\(service.name)-slo")
            if let namespace = service.kubernetesMetadata?.namespace ?? namespace {
                writer.pair("namespace", namespace)
            }
            writer.string("labels")
            writer.sorted(
                ["app.kubernetes.io/managed-by": "slo", "app.kubernetes.io/part-of": service.name].merging(labels) {
                    $1
                })
            if !annotations.isEmpty { writer.sorted("annotations", annotations) }
        }
        writer.string("spec")
        writer.mapping { writeRuleGroups(plan, to: writer) }
    }
    return writer.finish()
}
