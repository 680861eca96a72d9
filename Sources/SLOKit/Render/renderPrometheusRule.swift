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
    let writer = YAMLWriter(header: generatedHeader(source: ruleSource(service)))
    writer.mapping {
        writer.pair("apiVersion", "monitoring.coreos.com/v1")
        writer.pair("kind", "PrometheusRule")
        writer.string("metadata")
        writer.mapping {
            writer.pair("name", service.kubernetesMetadata?.name ?? "\(service.name)-slo")
            if let namespace = service.kubernetesMetadata?.namespace ?? defaults.namespace {
                writer.pair("namespace", namespace)
            }
            writer.string("labels")
            writer.sorted(
                ["app.kubernetes.io/managed-by": "slo", "app.kubernetes.io/part-of": service.name].merging(
                    defaults.labels
                ) { $1 })
            if !defaults.annotations.isEmpty { writer.sorted("annotations", defaults.annotations) }
        }
        writer.string("spec")
        writer.mapping { writeRuleGroups(plan, to: writer) }
    }
    return writer.finish()
}
