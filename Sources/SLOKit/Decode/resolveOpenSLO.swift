/// Turns OpenSLO v1 objects from every file into services: references resolve by name, each SLO
/// objective becomes an SLO of its `spec.service`. What `slo/v1` cannot express is a warning and
/// the SLO is left out, so a file of other tools' SLOs still loads.
func resolveOpenSLO(
    _ objects: [OpenSLOObject], defaultWindow: DurationValue, diagnostics: DiagnosticCollector
) -> [ServiceSpec] {
    let index = OpenSLOIndex(objects, diagnostics: diagnostics)
    var services: [String: ServiceSpec] = [:]
    var order: [String] = []
    for object in objects {
        guard case .slo(let slo) = object.body else { continue }
        let specs = openSLOSpecs(object, slo, index: index, diagnostics: diagnostics)
        guard !specs.isEmpty else { continue }
        let key = slo.service.value
        if services[key] == nil {
            order.append(key)
            services[key] = openSLOService(for: object, slo, index: index, defaultWindow: defaultWindow)
        }
        services[key]!.slos += specs
    }
    return order.map { services[$0]! }
}

/// The objects by kind and name, and lookups that report a reference to nothing.
private struct OpenSLOIndex {
    private var byKind: [OpenSLOKind: [String: OpenSLOObject]] = [:]
    let diagnostics: DiagnosticCollector

    /// Services, data sources and alert objects may repeat per environment (OpenSLO's own examples
    /// do): the first is used, with a warning. Two SLOs or SLIs of one name are ambiguous: an error.
    init(_ objects: [OpenSLOObject], diagnostics: DiagnosticCollector) {
        self.diagnostics = diagnostics
        for object in objects {
            let kind = object.kind.value
            guard let first = byKind[kind]?[object.name.value] else {
                byKind[kind, default: [:]][object.name.value] = object
                continue
            }
            let ambiguous = kind == .slo || kind == .sli
            diagnostics.emit(
                Diagnostic(
                    ambiguous ? .error : .warning, .duplicateObject,
                    "\(kind.rawValue) `\(object.name.value)` is defined twice; "
                        + (ambiguous ? "rename one" : "the first definition is used"),
                    at: object.name.location, notes: [.init("first defined here", at: first.name.location)]))
        }
    }

    /// An object that may be missing, without a diagnostic (a Service's description).
    func find(_ kind: OpenSLOKind, _ name: String) -> OpenSLOObject? { byKind[kind]?[name] }

    /// The object `ref` names; a reference to nothing is an error with a did-you-mean.
    func lookup(_ kind: OpenSLOKind, _ ref: Located<String>) -> OpenSLOObject? {
        if let found = find(kind, ref.value) { return found }
        var message = "no \(kind.rawValue) named `\(ref.value)`"
        let names = (byKind[kind] ?? [:]).keys.sorted()
        var fixIt: Diagnostic.FixIt?
        if let suggestion = Suggestion.closest(to: ref.value, in: names) {
            message += "; did you mean `\(suggestion)`?"
            fixIt = .init(replacing: ref.range, with: NodeReader.scalarText(suggestion))
        } else {
            message += "; define it (`kind: \(kind.rawValue)`, `metadata.name: \(ref.value)`) in one of the files"
        }
        diagnostics.error(.unknownReference, message, at: ref.location, fixIt: fixIt)
        return nil
    }
}

/// One OpenSLO SLO's `slo/v1` SLOs, one per objective; none when any objective cannot be
/// expressed (each reason is a warning) or the SLI is missing.
private func openSLOSpecs(
    _ object: OpenSLOObject, _ slo: OpenSLOSLO, index: OpenSLOIndex, diagnostics: DiagnosticCollector
) -> [SLOSpec] {
    var indicator = slo.indicator
    if let ref = slo.indicatorRef, let found = index.lookup(.sli, ref), case .sli(let sli) = found.body {
        indicator = sli
    }
    let targets = notificationTargets(slo, index: index)
    guard let indicator else {
        if slo.indicatorRef == nil {
            diagnostics.error(.missingField, "an SLO needs `indicator` or `indicatorRef`", at: object.name.location)
        }
        return []
    }
    var sliSpecs: [(SLISpec, OpenSLOObjective)] = []
    let budgeting = slo.budgeting?.value ?? "Occurrences"
    for objective in slo.objectives {
        switch translate(indicator, objective: objective, budgeting: budgeting, lookup: index.lookup) {
        case .success(let sli): sliSpecs.append((sli, objective))
        case .failure(let problem):
            diagnostics.warning(
                .unsupportedFeature, "SLO `\(object.name.value)` is not compiled: \(problem.message)",
                at: problem.location ?? object.name.location)
        }
    }
    guard sliSpecs.count == slo.objectives.count, !sliSpecs.isEmpty else { return [] }
    let alerting =
        targets.isEmpty
        ? nil
        : AlertingSpec(
            range: object.range, name: nil, disabled: nil,
            labels: [
                LabelSpec(
                    name: Located("notification_target", object.name.range),
                    value: Located(targets.joined(separator: ","), object.name.range))
            ], annotations: [], page: nil, ticket: nil, budgetExhausted: nil, noData: nil)
    return sliSpecs.enumerated().compactMap { position, pair in
        let (sli, objective) = pair
        guard let target = objective.objective else { return nil }
        let name =
            sliSpecs.count == 1 ? object.name : Located("\(object.name.value)-\(position)", object.name.range)
        return SLOSpec(
            range: objective.range, name: name, description: slo.description, objective: target,
            window: slo.window, budgeting: nil, sli: sli, labels: [], alerting: alerting)
    }
}

/// Where the SLO's alert policies notify: referenced targets that exist, then inline ones.
/// Conditions are only looked up, so a reference to nothing is reported.
private func notificationTargets(_ slo: OpenSLOSLO, index: OpenSLOIndex) -> [String] {
    var policies = slo.alertPolicies
    for ref in slo.alertPolicyRefs {
        if let found = index.lookup(.alertPolicy, ref), case .alertPolicy(let policy) = found.body {
            policies.append(policy)
        }
    }
    var targets: [String] = []
    for policy in policies {
        for ref in policy.conditionRefs { _ = index.lookup(.alertCondition, ref) }
        for ref in policy.targetRefs where index.lookup(.alertNotificationTarget, ref) != nil {
            targets.append(ref.value)
        }
        targets += policy.inlineTargets.map(\.value)
    }
    return targets
}

/// The service an SLO's `spec.service` names, as its first SLO introduces it.
private func openSLOService(
    for object: OpenSLOObject, _ slo: OpenSLOSLO, index: OpenSLOIndex, defaultWindow: DurationValue
) -> ServiceSpec {
    var description: Located<String>?
    if case .service(let text) = index.find(.service, slo.service.value)?.body { description = text }
    return ServiceSpec(
        file: object.file, range: object.range, version: Located("openslo/v1", object.kind.range),
        service: slo.service, description: description, labels: [],
        window: Located(.rolling(defaultWindow), object.kind.range), alerting: nil, slos: [], sla: nil,
        format: .openSLOV1)
}

private struct Problem: Error {
    var message: String
    var location: SourceLocation?
}

private func translate(
    _ indicator: OpenSLOIndicator, objective: OpenSLOObjective, budgeting: String,
    lookup: (OpenSLOKind, Located<String>) -> OpenSLOObject?
) -> Result<SLISpec, Problem> {
    func query(_ metric: OpenSLOMetric?, counter: Bool) -> Result<QuerySpec, Problem> {
        guard let metric else { return .failure(Problem(message: "a metric is missing", location: nil)) }
        var type = metric.type?.value
        if type == nil, let ref = metric.sourceRef, let source = lookup(.dataSource, ref),
            case .dataSource(let sourceType) = source.body
        {
            type = sourceType?.value
        }
        guard type?.lowercased() == "prometheus" else {
            return .failure(
                Problem(
                    message: "its data source is `\(type ?? "unknown")`; only Prometheus queries can be compiled",
                    location: metric.type?.location ?? metric.sourceRef?.location))
        }
        guard let spec = metric.query else {
            return .failure(Problem(message: "the Prometheus metric has no `spec.query`", location: nil))
        }
        return windowed(spec).mapError { $0 }
    }
    switch indicator.metric {
    case .ratio(let good, let bad, let total, let raw):
        guard budgeting == "Occurrences" else {
            return .failure(
                Problem(
                    message:
                        "`budgetingMethod: \(budgeting)` with a ratio counts good slices of a ratio, which slo/v1 has no form for; use `Occurrences`",
                    location: nil))
        }
        if let raw {
            return query(raw, counter: false).map {
                SLISpec(range: indicator.range, kind: .errorRatio($0), groupBy: [])
            }
        }
        let totalQuery: QuerySpec
        switch query(total, counter: true) {
        case .success(let q): totalQuery = q
        case .failure(let problem): return .failure(problem)
        }
        if let bad {
            return query(bad, counter: true).map {
                SLISpec(range: indicator.range, kind: .errors($0, total: totalQuery), groupBy: [])
            }
        }
        return query(good, counter: true).map {
            SLISpec(range: indicator.range, kind: .good($0, total: totalQuery), groupBy: [])
        }
    case .threshold(let metric):
        guard budgeting == "Timeslices" else {
            return .failure(
                Problem(message: "a `thresholdMetric` needs `budgetingMethod: Timeslices`", location: nil))
        }
        let ops: [String: SliceCondition.Operator] = [
            "lt": .less, "lte": .lessOrEqual, "gt": .greater, "gte": .greaterOrEqual,
        ]
        guard let op = objective.op, let mapped = ops[op.value], let value = objective.value,
            let slice = objective.timeSliceWindow
        else {
            return .failure(
                Problem(
                    message: "a threshold objective needs `op` (lt, lte, gt, gte), `value` and `timeSliceWindow`",
                    location: nil))
        }
        guard let spec = metric.query, metric.type?.value.lowercased() ?? "prometheus" == "prometheus" else {
            return .failure(Problem(message: "only Prometheus queries can be compiled", location: nil))
        }
        let condition = Located(SliceCondition(op: mapped, value: value.value), op.range)
        return .success(
            SLISpec(
                range: indicator.range,
                kind: .timeslice(TimesliceSLISpec(query: spec, good: condition, slice: slice)), groupBy: []))
    }
}

/// How an OpenSLO Prometheus query gets its rate window: a query with `{{.window}}` is used as is;
/// a bare selector is a counter the compiler rates; ranges (`rate(x[5m])`) are replaced by
/// `{{.window}}`; anything else (e.g. `sum(x)` over a counter without a range) cannot be windowed.
private func windowed(_ spec: QuerySpec) -> Result<QuerySpec, Problem> {
    if spec.isTemplate || !SelectorShape.hasCallsOrRanges(spec.text) { return .success(spec) }
    let pattern = /\[([0-9]+(ms|[smhdwy]))+\]/
    guard spec.text.contains(pattern) else {
        return .failure(
            Problem(
                message:
                    "its query `\(spec.text.prefix(60))` has no range to window; write `rate(...[{{.window}}])` or a bare counter selector",
                location: spec.source.range.start))
    }
    var copy = spec
    copy.text = spec.text.replacing(pattern, with: "[\(QuerySpec.windowPlaceholder)]")
    return .success(copy)
}
