/// `prometheusrule.yml`: the same groups wrapped in a prometheus-operator `PrometheusRule` object.
func renderPrometheusRule(_ plan: RuleFilePlan, service: ServiceModel) -> String {
    let writer = YAMLWriter(header: generatedHeader(source: ruleSource(service)))
    writer.mapping {
        writer.pair("apiVersion", "monitoring.coreos.com/v1")
        writer.pair("kind", "PrometheusRule")
        writer.string("metadata")
        writer.mapping {
            writer.pair("name", service.kubernetesMetadata?.name ?? "\(service.name)-slo")
            if let namespace = service.kubernetesMetadata?.namespace { writer.pair("namespace", namespace) }
            writer.string("labels")
            writer.sorted(["app.kubernetes.io/managed-by": "slo", "app.kubernetes.io/part-of": service.name])
        }
        writer.string("spec")
        writer.mapping { writeRuleGroups(plan, to: writer) }
    }
    return writer.finish()
}
