/// Writes a decoded spec back as `slo/v1`: how `slo convert` migrates Sloth and OpenSLO specs.
///
/// The output decodes to the same spec tree (defaults are written out, e.g. the window an imported
/// spec took from `--window`), so compiling it gives the same rules as compiling the original.
func renderNativeSpec(_ spec: ServiceSpec, comments: [String]) -> String {
    var header = "# Converted by `slo convert` from \(spec.file) (\(spec.format.rawValue)).\n"
    for comment in comments { header += "# \(comment)\n" }
    header += "\n"
    var document: [(String, YAMLValue)] = [("version", .string("slo/v1")), ("service", .string(spec.service.value))]
    if let description = spec.description { document.append(("description", .string(description.value))) }
    if !spec.labels.isEmpty { document.append(("labels", labels(spec.labels))) }
    if let window = spec.window { document.append(("window", .string(windowText(window.value)))) }
    if let alerting = spec.alerting { document.append(("alerting", alertingValue(alerting))) }
    document.append(("slos", .sequence(spec.slos.map(sloValue))))
    return YAMLEmitter.emit(.mapping(document), header: header)
}

private func labels(_ labels: [LabelSpec]) -> YAMLValue {
    .mapping(labels.map { ($0.name.value, .string($0.value.value)) })
}

private func windowText(_ window: WindowSpec) -> String {
    switch window {
    case .rolling(let duration): duration.description
    case .calendar(let period): period.rawValue
    }
}

private func sloValue(_ slo: SLOSpec) -> YAMLValue {
    var pairs: [(String, YAMLValue)] = [("name", .string(slo.name.value))]
    if let description = slo.description { pairs.append(("description", .string(description.value))) }
    pairs.append(("objective", .number(slo.objective.value)))
    if let window = slo.window { pairs.append(("window", .string(windowText(window.value)))) }
    if let budgeting = slo.budgeting { pairs.append(("budgeting", .string(budgeting.value.rawValue))) }
    pairs.append(("sli", sliValue(slo.sli)))
    if !slo.labels.isEmpty { pairs.append(("labels", labels(slo.labels))) }
    if let alerting = slo.alerting { pairs.append(("alerting", alertingValue(alerting))) }
    return .mapping(pairs)
}

private func sliValue(_ sli: SLISpec) -> YAMLValue {
    var pairs: [(String, YAMLValue)]
    switch sli.kind {
    case .errors(let errors, let total): pairs = [("errors", .string(errors.text)), ("total", .string(total.text))]
    case .good(let good, let total): pairs = [("good", .string(good.text)), ("total", .string(total.text))]
    case .errorRatio(let query): pairs = [("errorRatio", .string(query.text))]
    case .latency(let latency):
        var fields: [(String, YAMLValue)] = [("metric", .string(latency.metric.value))]
        if let selector = latency.selector { fields.append(("selector", .string(selector.text))) }
        fields.append(("threshold", .number(latency.threshold.value)))
        pairs = [("latency", .mapping(fields))]
    case .timeslice(let slice):
        let condition = "\(slice.good.value.op.rawValue) \(NumberFormat.clean(slice.good.value.value))"
        pairs = [
            (
                "timeslice",
                .mapping([
                    ("query", .string(slice.query.text)), ("good", .string(condition)),
                    ("slice", .string(slice.slice.value.description)),
                ])
            )
        ]
    }
    if !sli.groupBy.isEmpty { pairs.append(("groupBy", .sequence(sli.groupBy.map { .string($0.value) }))) }
    return .mapping(pairs)
}

private func alertingValue(_ alerting: AlertingSpec) -> YAMLValue {
    var pairs: [(String, YAMLValue)] = []
    if let name = alerting.name { pairs.append(("name", .string(name.value))) }
    if let disabled = alerting.disabled { pairs.append(("disabled", .bool(disabled.value))) }
    if !alerting.labels.isEmpty { pairs.append(("labels", labels(alerting.labels))) }
    if !alerting.annotations.isEmpty { pairs.append(("annotations", labels(alerting.annotations))) }
    let tiers: [(String, AlertTierSpec?)] = [
        ("page", alerting.page), ("ticket", alerting.ticket), ("budgetExhausted", alerting.budgetExhausted),
        ("noData", alerting.noData),
    ]
    for (key, tier) in tiers {
        guard let tier else { continue }
        var fields: [(String, YAMLValue)] = []
        if let disabled = tier.disabled { fields.append(("disabled", .bool(disabled.value))) }
        if !tier.labels.isEmpty { fields.append(("labels", labels(tier.labels))) }
        if !tier.annotations.isEmpty { fields.append(("annotations", labels(tier.annotations))) }
        if let duration = tier.forDuration { fields.append(("for", .string(duration.value.description))) }
        pairs.append((key, .mapping(fields)))
    }
    return .mapping(pairs)
}
