/// Applies defaults and inheritance: the project's defaults, then service labels, windows and
/// alerting flow into each SLO.
func resolveModel(
    _ spec: ServiceSpec, defaults: ProjectDefaults = ProjectDefaults(), diagnostics: DiagnosticCollector
) -> ServiceModel {
    let serviceLabels = defaults.labels.merging(
        Dictionary(spec.labels.map { ($0.name.value, $0.value.value) }, uniquingKeysWith: { $1 })
    ) { $1 }
    var slos: [SLOModel] = []
    for slo in spec.slos {
        let windowSpec = slo.window ?? spec.window
        let window = SLOWindow(windowSpec?.value ?? .rolling(defaults.window))
        let windowLocation = windowSpec?.location ?? slo.name.location
        var labels = serviceLabels
        for label in slo.labels { labels[label.name.value] = label.value.value }
        let sli = resolveSLI(slo.sli)
        let budgeting: BudgetingMethod = if case .timeslice = sli { .timeslices } else { .occurrences }
        var model = SLOModel(
            service: spec.service.value, name: slo.name.value, description: slo.description?.value,
            objectivePercent: slo.objective.value, window: window, budgeting: budgeting, sli: sli,
            groupBy: slo.sli.groupBy.map(\.value), labels: labels,
            alerting: AlertingModel(burnAlertName: "", tiers: [], budgetExhausted: nil, noData: nil),
            location: slo.name.location)
        if case .latency(let latency) = slo.sli.kind { model.thresholdLocation = latency.threshold.location }
        model.alerting = resolveAlerting(
            service: spec.alerting, slo: slo.alerting, model: model, defaults: defaults,
            windowLocation: windowLocation, diagnostics: diagnostics)
        slos.append(model)
    }
    let service = ServiceModel(
        name: spec.service.value, description: spec.description?.value, file: spec.file, labels: serviceLabels,
        slos: slos, sla: spec.sla, kubernetesMetadata: spec.kubernetesMetadata)
    return service
}

private func resolveSLI(_ sli: SLISpec) -> SLIModel {
    func event(_ query: QuerySpec) -> EventQuery {
        query.isTemplate ? .template(query.text) : .selector(String(query.text.trimmingWhitespace))
    }
    switch sli.kind {
    case .errors(let errors, let total): return .errors(event(errors), total: event(total))
    case .good(let good, let total): return .good(event(good), total: event(total))
    case .errorRatio(let query): return .errorRatio(template: query.text)
    case .latency(let latency):
        var matchers = latency.selector.map { String($0.text.trimmingWhitespace) } ?? ""
        if matchers.hasPrefix("{"), matchers.hasSuffix("}") { matchers = String(matchers.dropFirst().dropLast()) }
        return .latency(
            metric: latency.metric.value, matchers: String(matchers.trimmingWhitespace),
            thresholdSeconds: latency.threshold.value)
    case .timeslice(let slice):
        return .timeslice(query: slice.query.text, condition: slice.good.value, slice: slice.slice.value)
    }
}

private func resolveAlerting(
    service: AlertingSpec?, slo: AlertingSpec?, model: SLOModel, defaults: ProjectDefaults,
    windowLocation: SourceLocation, diagnostics: DiagnosticCollector
) -> AlertingModel {
    let baseName = AlertNames.pascal(model.service) + AlertNames.pascal(model.name)
    var alerting = AlertingModel(
        burnAlertName: slo?.name?.value ?? baseName + "BudgetBurn", tiers: [], budgetExhausted: nil, noData: nil)
    let disabledAll = slo?.disabled?.value ?? service?.disabled?.value ?? false
    guard !disabledAll else { return alerting }
    let common = merged(service?.labels, slo?.labels)
    var commonAnnotations = merged(service?.annotations, slo?.annotations)
    if commonAnnotations["runbook_url"] == nil, let runbook = defaults.runbookURL(service: model.service) {
        commonAnnotations["runbook_url"] = runbook
    }
    /// Every alert carries `severity` for Alertmanager routes: the spec's alert labels or the
    /// SLO's own labels (which the alert inherits from its series) win over the project default.
    func withSeverity(_ labels: [String: String], _ fallback: String) -> [String: String] {
        guard labels[SeverityLabel.name] == nil, model.labels[SeverityLabel.name] == nil else { return labels }
        var labels = labels
        labels[SeverityLabel.name] = fallback
        return labels
    }
    func tierSpecs(_ path: KeyPath<AlertingSpec, AlertTierSpec?>) -> (AlertTierSpec?, AlertTierSpec?) {
        (service?[keyPath: path], slo?[keyPath: path])
    }
    func isDisabled(_ specs: (AlertTierSpec?, AlertTierSpec?)) -> Bool {
        specs.1?.disabled?.value ?? specs.0?.disabled?.value ?? false
    }
    let ticketSpecs = tierSpecs(\.ticket)
    let ticketLabels = common.merging(merged(ticketSpecs.0?.labels, ticketSpecs.1?.labels)) { $1 }
    for severity in BurnRateTier.Severity.allCases {
        let specs = tierSpecs(severity == .page ? \.page : \.ticket)
        guard !isDisabled(specs) else { continue }
        let policy = AlertWindowPolicy.windows(for: severity, sloWindow: model.window.length)
        if !policy.dropped.isEmpty {
            let detail = policy.dropped.map {
                "\($0.pair.long) would become \($0.scaledLong)"
            }.joined(separator: ", ")
            let outcome =
                policy.windows.isEmpty ? "no \(severity.rawValue) alert is generated" : "those windows are left out"
            diagnostics.emit(
                .warning(
                    .alertWindowTooShort,
                    "window \(model.window.name) of SLO `\(model.name)` is too short for some \(severity.rawValue) burn-rate windows (\(detail), under \(AlertWindowPolicy.minimumLongWindow)); \(outcome) — use a longer window or set `\(severity.rawValue): {disabled: true}`",
                    at: windowLocation))
        }
        guard !policy.windows.isEmpty else { continue }
        var labels = withSeverity(
            common.merging(merged(specs.0?.labels, specs.1?.labels)) { $1 },
            severity == .page ? defaults.severities.page : defaults.severities.ticket)
        labels[ReservedLabels.severity] = severity.rawValue
        let defaults = AlertAnnotations.burnRate(severity: severity, windows: policy.windows, slo: model)
        let annotations = defaults.merging(commonAnnotations) { $1 }.merging(
            merged(specs.0?.annotations, specs.1?.annotations)
        ) { $1 }
        alerting.tiers.append(
            BurnRateTier(severity: severity, windows: policy.windows, labels: labels, annotations: annotations))
    }
    let exhaustedSpecs = tierSpecs(\.budgetExhausted)
    if !isDisabled(exhaustedSpecs) {
        var labels = withSeverity(
            ticketLabels.merging(merged(exhaustedSpecs.0?.labels, exhaustedSpecs.1?.labels)) { $1 },
            defaults.severities.budgetExhausted)
        labels[ReservedLabels.severity] = "budget-exhausted"
        alerting.budgetExhausted = SimpleAlert(
            name: baseName + "BudgetExhausted",
            forDuration: exhaustedSpecs.1?.forDuration?.value ?? exhaustedSpecs.0?.forDuration?.value ?? .minutes(5),
            labels: labels,
            annotations: AlertAnnotations.budgetExhausted(slo: model).merging(commonAnnotations) { $1 }
                .merging(merged(exhaustedSpecs.0?.annotations, exhaustedSpecs.1?.annotations)) { $1 })
    }
    let noDataSpecs = tierSpecs(\.noData)
    if !isDisabled(noDataSpecs) {
        let forDuration = noDataSpecs.1?.forDuration?.value ?? noDataSpecs.0?.forDuration?.value ?? .minutes(10)
        var labels = withSeverity(
            ticketLabels.merging(merged(noDataSpecs.0?.labels, noDataSpecs.1?.labels)) { $1 },
            defaults.severities.noData)
        labels[ReservedLabels.severity] = "no-data"
        alerting.noData = SimpleAlert(
            name: baseName + "SLINoData", forDuration: forDuration, labels: labels,
            annotations: AlertAnnotations.noData(slo: model, after: forDuration).merging(commonAnnotations) { $1 }
                .merging(merged(noDataSpecs.0?.annotations, noDataSpecs.1?.annotations)) { $1 })
    }
    return alerting
}

private func merged(_ base: [LabelSpec]?, _ override: [LabelSpec]?) -> [String: String] {
    var result: [String: String] = [:]
    for label in (base ?? []) + (override ?? []) { result[label.name.value] = label.value.value }
    return result
}

/// Labels the compiler owns; users cannot set them (see `PrometheusNames.isReservedLabel`).
enum ReservedLabels {
    static let service = "slo_service"
    static let name = "slo_name"
    static let severity = "slo_severity"
    static let window = "slo_window"
    /// The calendar period of a period-to-date series: `week`, `month`, `quarter` or `year`.
    static let period = "slo_period"
}

/// Alert names from service and SLO names: `orders-api` + `availability` → `OrdersApiAvailability`.
enum AlertNames {
    static func pascal(_ name: String) -> String {
        var out = ""
        for part in name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }) {
            out += part.prefix(1).uppercased() + part.dropFirst()
        }
        if let first = out.unicodeScalars.first, first.properties.numericType != nil { out = "SLO" + out }
        return out
    }
}
