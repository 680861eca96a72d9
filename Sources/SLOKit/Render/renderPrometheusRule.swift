/// `prometheusrule.yml`: the same groups wrapped in a prometheus-operator `PrometheusRule` object.
func renderPrometheusRule(_ plan: RuleFilePlan, service: ServiceModel) -> String {
    let object: YAMLValue = .mapping([
        ("apiVersion", .string("monitoring.coreos.com/v1")),
        ("kind", .string("PrometheusRule")),
        (
            "metadata",
            .mapping(
                [("name", .string(service.kubernetesMetadata?.name ?? "\(service.name)-slo"))]
                    + (service.kubernetesMetadata?.namespace.map { [("namespace", YAMLValue.string($0))] } ?? [])
                    + [
                        (
                            "labels",
                            .sorted([
                                "app.kubernetes.io/managed-by": "slo", "app.kubernetes.io/part-of": service.name,
                            ])
                        )
                    ])
        ),
        ("spec", ruleFileValue(plan)),
    ])
    return YAMLEmitter.emit(object, header: generatedHeader(source: ruleSource(service)))
}
