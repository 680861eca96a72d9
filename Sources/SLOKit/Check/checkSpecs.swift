/// Checks that need more than one value at a time: uniqueness and references between SLOs and the SLA.
func checkSpecs(_ specs: [ServiceSpec], diagnostics: DiagnosticCollector) {
    checkServiceNames(specs.map(\.service), diagnostics: diagnostics)
    for spec in specs { checkService(spec, diagnostics: diagnostics) }
}

/// Service names, in the order their specs were read: each is defined once (the first one read is
/// the one the error points back to) and can name a folder.
func checkServiceNames(_ names: [Located<String>], diagnostics: DiagnosticCollector) {
    var services: [String: SourceLocation] = [:]
    for name in names {
        if let first = services[name.value] {
            diagnostics.emit(
                .error(
                    .duplicateService,
                    "service `\(name.value)` is already defined; give each service one spec file, or rename this one",
                    at: name.location,
                    notes: [.init("`\(name.value)` is first defined here", at: first)]))
        } else {
            services[name.value] = name.location
        }
        if PrometheusNames.isReservedServiceName(name.value) {
            diagnostics.emit(
                .error(
                    .invalidName,
                    "service name `\(name.value)` would clash in the output folder (`index.md`, `alerts.md`, `reports` and Windows device names such as `con` or `nul` are reserved); choose another, e.g. `\(String(name.value.map { $0 == "." ? "-" : $0 }))-service`",
                    at: name.location))
        }
    }
}

/// The checks within one service: its SLOs' names and its SLA's references to them.
func checkService(_ spec: ServiceSpec, diagnostics: DiagnosticCollector) {
    checkSLONames(spec, diagnostics: diagnostics)
    if let sla = spec.sla { checkSLA(sla, of: spec, diagnostics: diagnostics) }
}

private func checkSLONames(_ spec: ServiceSpec, diagnostics: DiagnosticCollector) {
    var names: [String: SourceLocation] = [:]
    for slo in spec.slos {
        if let first = names[slo.name.value] {
            diagnostics.emit(
                .error(
                    .duplicateSLO,
                    "SLO `\(slo.name.value)` is already defined in service `\(spec.service.value)`; rename one",
                    at: slo.name.location, notes: [.init("`\(slo.name.value)` is first defined here", at: first)]))
        } else {
            names[slo.name.value] = slo.name.location
        }
    }
}

/// An SLA promises customers less than the SLO promises the team, so the team is warned first.
private func checkSLA(_ sla: SLASpec, of spec: ServiceSpec, diagnostics: DiagnosticCollector) {
    let slos = Dictionary(spec.slos.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
    for commitment in sla.commitments {
        if spec.undecodedSLONames.contains(commitment.slo.value) { continue }
        guard let slo = slos[commitment.slo.value] else {
            var message = "the SLA commits to unknown SLO `\(commitment.slo.value)`"
            var fixIt: Diagnostic.FixIt?
            if let suggestion = Suggestion.closest(to: commitment.slo.value, in: spec.slos.map(\.name.value)) {
                message += "; did you mean `\(suggestion)`?"
                fixIt = .init(replacing: commitment.slo.range, with: NodeReader.scalarText(suggestion))
            } else {
                message += "; name one of the SLOs in `slos`"
            }
            diagnostics.emit(.error(.slaUnknownSLO, message, at: commitment.slo.location, fixIt: fixIt))
            continue
        }
        if commitment.objective.value > slo.objective.value {
            diagnostics.emit(
                .error(
                    .slaStricterThanSLO,
                    "the SLA commits to \(NumberFormat.clean(commitment.objective.value))% but SLO `\(slo.name.value)` only aims for \(NumberFormat.clean(slo.objective.value))%; commit to \(NumberFormat.clean(slo.objective.value))% or less",
                    at: commitment.objective.location,
                    notes: [.init("the SLO's objective is set here", at: slo.objective.location)]))
        }
    }
    if !sla.hasCreditsKey {
        diagnostics.emit(
            .warning(
                .slaWithoutCredits, "the SLA defines no service credits; add `credits: [{below: 99.5, credit: 10%}]`",
                at: sla.title.location))
    }
    if !sla.hasExclusionsKey {
        diagnostics.emit(
            .warning(
                .slaWithoutExclusions,
                "the SLA lists no exclusions; add e.g. `exclusions: [\"Scheduled maintenance announced 72 hours ahead.\"]`",
                at: sla.title.location))
    }
    let ordered = sla.credits.sorted { $0.below.value > $1.below.value }
    for (higher, lower) in zip(ordered, ordered.dropFirst()) where lower.credit.value <= higher.credit.value {
        diagnostics.emit(
            .error(
                .slaCreditOrder,
                "credit tier below \(NumberFormat.clean(lower.below.value))% must credit more than the tier below \(NumberFormat.clean(higher.below.value))% (\(NumberFormat.clean(higher.credit.value))%)",
                at: lower.credit.location))
    }
    for (first, second) in zip(ordered, ordered.dropFirst()) where first.below.value == second.below.value {
        diagnostics.emit(
            .error(
                .slaCreditOrder, "two credit tiers start below \(NumberFormat.clean(first.below.value))%; merge them",
                at: second.below.location))
    }
}
