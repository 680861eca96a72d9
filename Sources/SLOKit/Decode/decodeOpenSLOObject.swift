/// Keys of OpenSLO v1 objects, from its JSON Schema (`../shared/anchors/openslo/schema-v1`).
enum OpenSLOKeys {
    static let object = ["apiVersion", "kind", "metadata", "spec"]
    static let metadata = ["name", "displayName", "labels", "annotations"]
    static let kinds = OpenSLOKind.allCases.map(\.rawValue)
    static let service = ["description"]
    static let dataSource = ["description", "type", "connectionDetails"]
    static let sli = ["description", "thresholdMetric", "ratioMetric"]
    static let ratio = ["counter", "good", "bad", "total", "rawType", "raw"]
    static let metricSource = ["metricSourceRef", "type", "spec"]
    static let slo = [
        "description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod", "objectives",
        "alertPolicies",
    ]
    static let timeWindow = ["duration", "isRolling", "calendar"]
    static let objective = [
        "displayName", "op", "value", "target", "targetPercent", "timeSliceTarget", "timeSliceWindow",
        "compositeWeight",
    ]
    static let alertPolicy = [
        "description", "alertWhenNoData", "alertWhenResolved", "alertWhenBreaching", "conditions",
        "notificationTargets",
    ]
    static let alertCondition = ["description", "severity", "condition"]
    static let condition = ["kind", "op", "threshold", "lookbackWindow", "alertAfter"]
    static let notificationTarget = ["description", "target"]
}

extension SpecDecoder {
    static let openSLOVersion = "openslo/v1"

    /// One `openslo/v1` object. OpenSLO's schema allows extra keys in most places, so unknown keys
    /// are warnings; what the schema requires is an error.
    func decodeOpenSLOObject(_ node: YAMLNode, file: String) -> OpenSLOObject? {
        guard let top = reader.mapping(node, "an OpenSLO object", allowed: OpenSLOKeys.object, unknownKeys: .warning),
            let kindNode = top.required("kind", hint: OpenSLOKeys.kinds.joined(separator: ", ")),
            let kind = reader.string(kindNode, "`kind`")
        else { return nil }
        guard let known = OpenSLOKind(rawValue: kind.value) else {
            var message = "unknown OpenSLO kind `\(kind.value)`"
            var fixIt: Diagnostic.FixIt?
            if let suggestion = Suggestion.closest(to: kind.value, in: OpenSLOKeys.kinds) {
                message += "; did you mean `\(suggestion)`?"
                fixIt = .init(replacing: kindNode.range, with: NodeReader.scalarText(suggestion))
            } else {
                message += "; write one of \(OpenSLOKeys.kinds.map { "`\($0)`" }.joined(separator: ", "))"
            }
            reader.error(.unsupportedKind, message, at: kindNode.location, fixIt: fixIt)
            return nil
        }
        let name = top.required("metadata", hint: "`metadata: {name: ...}`").flatMap { metadataName($0) }
        guard let specNode = top.required("spec", hint: "the \(kind.value)'s fields"), let name else { return nil }
        let body: OpenSLOObject.Body?
        switch known {
        case .service:
            let fields = reader.mapping(
                specNode, "a Service `spec`", allowed: OpenSLOKeys.service, unknownKeys: .warning)
            body = fields.map {
                .service(description: $0["description"].flatMap { reader.string($0, "`description`") })
            }
        case .dataSource:
            let fields = reader.mapping(
                specNode, "a DataSource `spec`", allowed: OpenSLOKeys.dataSource, unknownKeys: .warning)
            body = fields.map { fields in
                let type = fields.required("type", hint: "the data source type, e.g. `Prometheus`").flatMap {
                    reader.string($0, "`type`")
                }
                _ = fields.required("connectionDetails", hint: "how to reach the data source")
                return .dataSource(type: type)
            }
        case .sli:
            body = openSLOIndicator(specNode).map { .sli($0) }
        case .slo:
            body = openSLOSLO(specNode).map { .slo($0) }
        case .alertPolicy:
            body = openSLOAlertPolicy(specNode).map { .alertPolicy($0) }
        case .alertCondition:
            body = openSLOAlertCondition(specNode) ? .alertCondition : nil
        case .alertNotificationTarget:
            let fields = reader.mapping(
                specNode, "an AlertNotificationTarget `spec`", allowed: OpenSLOKeys.notificationTarget,
                unknownKeys: .warning)
            body = fields.flatMap { $0.required("target", hint: "where notifications go, e.g. `email`") }
                .map { _ in .notificationTarget }
        }
        guard let body else { return nil }
        return OpenSLOObject(
            file: file, range: node.range, kind: Located(known, kind.range), name: name, body: body)
    }

    private func metadataName(_ node: YAMLNode) -> Located<String>? {
        guard let fields = reader.mapping(node, "`metadata`", allowed: OpenSLOKeys.metadata, unknownKeys: .warning)
        else { return nil }
        return fields.required("name", hint: "the object's name, e.g. `web-availability`").flatMap {
            self.name($0, "OpenSLO name")
        }
    }

    func openSLOIndicator(_ node: YAMLNode) -> OpenSLOIndicator? {
        guard let fields = reader.mapping(node, "an SLI `spec`", allowed: OpenSLOKeys.sli, unknownKeys: .warning)
        else { return nil }
        let forms = ["ratioMetric", "thresholdMetric"].filter { fields.has($0) }
        guard forms.count == 1, let form = forms.first, let body = fields[form] else {
            let message =
                forms.isEmpty
                ? "an SLI needs `ratioMetric` or `thresholdMetric`"
                : "an SLI has both `ratioMetric` and `thresholdMetric`; keep one"
            reader.error(
                forms.isEmpty ? .missingField : .conflictingFields, message,
                at: fields.keyLocation("thresholdMetric") ?? node.location)
            return nil
        }
        if form == "thresholdMetric" {
            guard let source = reader.mapping(body, "`thresholdMetric`", allowed: ["metricSource"]),
                let metric = source.required("metricSource", hint: "`type` and `spec.query`").flatMap(metricSource)
            else { return nil }
            return OpenSLOIndicator(range: node.range, metric: .threshold(metric))
        }
        guard let ratio = reader.mapping(body, "`ratioMetric`", allowed: OpenSLOKeys.ratio, unknownKeys: .warning)
        else { return nil }
        func part(_ key: String) -> OpenSLOMetric? {
            guard let partNode = ratio[key],
                let partFields = reader.mapping(partNode, "`\(key)`", allowed: ["metricSource"])
            else { return nil }
            return partFields.required("metricSource", hint: "`type` and `spec.query`").flatMap(metricSource)
        }
        if ratio.has("raw") {
            _ = ratio.required("rawType", hint: "`success` or `failure`")
            return OpenSLOIndicator(
                range: node.range, metric: .ratio(good: nil, bad: nil, total: nil, raw: part("raw")))
        }
        if ratio.has("good"), ratio.has("bad") {
            reader.error(
                .conflictingFields, "`ratioMetric` has both `good` and `bad`; keep one",
                at: ratio.keyLocation("bad") ?? body.location)
            return nil
        }
        if !ratio.has("good"), !ratio.has("bad") {
            reader.error(.missingField, "`ratioMetric` needs `good` or `bad`, and `total`", at: body.location)
            return nil
        }
        _ = ratio.required("counter", hint: "`true` when the metrics are counters")
        _ = ratio.required("total", hint: "all events")
        return OpenSLOIndicator(
            range: node.range, metric: .ratio(good: part("good"), bad: part("bad"), total: part("total"), raw: nil))
    }

    private func metricSource(_ node: YAMLNode) -> OpenSLOMetric? {
        guard
            let fields = reader.mapping(
                node, "`metricSource`", allowed: OpenSLOKeys.metricSource, unknownKeys: .warning)
        else { return nil }
        let type = fields["type"].flatMap { reader.string($0, "`type`") }
        let ref = fields["metricSourceRef"].flatMap { reader.string($0, "`metricSourceRef`") }
        var query: QuerySpec?
        if let spec = fields.required("spec", hint: "the data source's query, e.g. `query: ...`") {
            if case .mapping = spec.kind, let queryNode = spec.pair("query")?.value, !queryNode.isNull {
                query = reader.query(queryNode, "`query`")
            } else if case .mapping = spec.kind {
            } else {
                reader.error(.wrongType, "`spec` must be a mapping", at: spec.location)
            }
        }
        return OpenSLOMetric(range: node.range, type: type, sourceRef: ref, query: query)
    }

    private func openSLOSLO(_ node: YAMLNode) -> OpenSLOSLO? {
        guard let fields = reader.mapping(node, "an SLO `spec`", allowed: OpenSLOKeys.slo, unknownKeys: .warning)
        else { return nil }
        let service = fields.required("service", hint: "the service's name").flatMap {
            self.name($0, "service name")
        }
        let budgeting = fields.required("budgetingMethod", hint: "`Occurrences`, `Timeslices` or `RatioTimeslices`")
            .flatMap { reader.string($0, "`budgetingMethod`") }
        if let method = budgeting, !["Occurrences", "Timeslices", "RatioTimeslices"].contains(method.value) {
            reader.error(
                .wrongType,
                "`budgetingMethod` must be `Occurrences`, `Timeslices` or `RatioTimeslices`, not `\(method.value)`",
                at: method.location)
        }
        var indicator: OpenSLOIndicator?
        if let inline = fields["indicator"],
            let inlineFields = reader.mapping(inline, "`indicator`", allowed: ["metadata", "spec"])
        {
            _ = inlineFields["metadata"].flatMap { metadataName($0) }
            indicator = inlineFields.required("spec", hint: "the SLI").flatMap { openSLOIndicator($0) }
        }
        let indicatorRef = fields["indicatorRef"].flatMap { reader.string($0, "`indicatorRef`") }
        if fields.has("indicator"), fields.has("indicatorRef") {
            reader.error(
                .conflictingFields, "an SLO has both `indicator` and `indicatorRef`; keep one",
                at: fields.keyLocation("indicatorRef") ?? node.location)
        }
        let window = fields["timeWindow"].flatMap(openSLOTimeWindow)
        var objectives: [OpenSLOObjective] = []
        if let list = fields.required("objectives", hint: "a list with `target`"),
            let items = reader.sequence(list, "`objectives`")
        {
            objectives = items.compactMap(openSLOObjective)
        }
        var refs: [Located<String>] = []
        var policies: [OpenSLOAlertPolicy] = []
        for item in fields["alertPolicies"].flatMap({ reader.sequence($0, "`alertPolicies`") }) ?? [] {
            if case .scalar = item.kind {
                if let ref = reader.string(item, "an alert policy name") { refs.append(ref) }
            } else if let ref = item.pair("alertPolicyRef")?.value {
                if let text = reader.string(ref, "`alertPolicyRef`") { refs.append(text) }
            } else if let inline = reader.mapping(item, "an inline alert policy", allowed: OpenSLOKeys.object),
                let spec = inline.required("spec", hint: "the policy")
            {
                if let policy = openSLOAlertPolicy(spec) { policies.append(policy) }
            }
        }
        guard let service else { return nil }
        return OpenSLOSLO(
            service: service, description: fields["description"].flatMap { reader.string($0, "`description`") },
            indicator: indicator, indicatorRef: indicatorRef, window: window, budgeting: budgeting,
            objectives: objectives, alertPolicyRefs: refs, alertPolicies: policies)
    }

    /// `timeWindow: [{duration, isRolling, calendar}]`: `duration` is a number and one of
    /// `m h d w M Q Y` (M = 30 days, Q = 90, Y = 365 when rolling).
    private func openSLOTimeWindow(_ node: YAMLNode) -> Located<WindowSpec>? {
        guard let items = reader.sequence(node, "`timeWindow`"), let first = items.first else { return nil }
        guard
            let fields = reader.mapping(first, "a time window", allowed: OpenSLOKeys.timeWindow, unknownKeys: .warning),
            let duration = fields.required("duration", hint: "e.g. `28d` or `1M`").flatMap({
                reader.string($0, "`duration`")
            })
        else { return nil }
        let rolling = fields["isRolling"].flatMap { reader.bool($0, "`isRolling`") }?.value ?? false
        if !rolling { _ = fields.required("calendar", hint: "`startTime` and `timeZone` of a calendar window") }
        let text = duration.value
        let units: [Character: String] = [
            "m": "Minute", "h": "Hour", "d": "Day", "w": "Week", "M": "Month", "Q": "Quarter", "Y": "Year",
        ]
        guard let last = text.last, let unit = units[last], let count = Double(text.dropLast()) else {
            reader.error(
                .invalidWindow, "`duration` `\(text)` must be a number and one of `m h d w M Q Y`, e.g. `28d` or `1M`",
                at: duration.location)
            return nil
        }
        let calendarUnits = ["Week", "Month", "Quarter", "Year"]
        var isCalendar = !rolling
        if isCalendar, count != 1 || !calendarUnits.contains(unit) {
            reader.warning(
                .unsupportedFeature,
                "a calendar window of \(text) is read as a rolling \(text): calendar windows here are one week, month, quarter or year",
                at: duration.location)
            isCalendar = false
        }
        return openSLOWindow(
            count: Located(count, duration.range), unit: Located(unit, duration.range), rolling: !isCalendar,
            at: duration.range)
    }

    private func openSLOObjective(_ node: YAMLNode) -> OpenSLOObjective? {
        guard let fields = reader.mapping(node, "an objective", allowed: OpenSLOKeys.objective, unknownKeys: .warning)
        else { return nil }
        var objective: Located<Double>?
        if let target = fields["target"] {
            objective = ratioTarget(target)
        } else if let percent = fields["targetPercent"] {
            objective = self.objective(percent)
        } else {
            reader.error(
                .missingField, "an objective needs `target` (e.g. `0.999`) or `targetPercent`", at: node.location)
        }
        return OpenSLOObjective(
            range: node.range, displayName: fields["displayName"].flatMap { reader.string($0, "`displayName`") },
            objective: objective, op: fields["op"].flatMap { reader.string($0, "`op`") },
            value: fields["value"].flatMap { reader.number($0, "`value`") },
            timeSliceWindow: fields["timeSliceWindow"].flatMap { reader.duration($0, "`timeSliceWindow`") })
    }

    private func openSLOAlertPolicy(_ node: YAMLNode) -> OpenSLOAlertPolicy? {
        guard
            let fields = reader.mapping(
                node, "an AlertPolicy `spec`", allowed: OpenSLOKeys.alertPolicy, unknownKeys: .warning)
        else { return nil }
        for key in ["alertWhenNoData", "alertWhenResolved", "alertWhenBreaching"] {
            if let flag = fields[key] { _ = reader.bool(flag, "`\(key)`") }
        }
        var conditions: [Located<String>] = []
        if let list = fields.required("conditions", hint: "`- conditionRef: NAME` or an inline AlertCondition"),
            let items = reader.sequence(list, "`conditions`")
        {
            for item in items {
                if let ref = item.pair("conditionRef")?.value {
                    if let text = reader.string(ref, "`conditionRef`") { conditions.append(text) }
                } else if item.pair("spec") != nil,
                    let inline = reader.mapping(item, "an inline AlertCondition", allowed: OpenSLOKeys.object),
                    let spec = inline["spec"]
                {
                    _ = openSLOAlertCondition(spec)
                } else {
                    reader.error(
                        .missingField, "a condition needs `conditionRef: NAME` or an inline `kind: AlertCondition`",
                        at: item.location)
                }
            }
        }
        var targets: [Located<String>] = []
        var inlineTargets: [Located<String>] = []
        if let list = fields.required("notificationTargets", hint: "`- targetRef: NAME`"),
            let items = reader.sequence(list, "`notificationTargets`")
        {
            for item in items {
                if let ref = item.pair("targetRef")?.value {
                    if let text = reader.string(ref, "`targetRef`") { targets.append(text) }
                } else if item.pair("spec") != nil,
                    let inline = reader.mapping(item, "an inline AlertNotificationTarget", allowed: OpenSLOKeys.object)
                {
                    if let name = inline["metadata"].flatMap({ metadataName($0) }) { inlineTargets.append(name) }
                } else {
                    reader.error(
                        .missingField, "a notification target needs `targetRef: NAME` or an inline target",
                        at: item.location)
                }
            }
        }
        return OpenSLOAlertPolicy(
            range: node.range, conditionRefs: conditions, targetRefs: targets, inlineTargets: inlineTargets)
    }

    @discardableResult
    private func openSLOAlertCondition(_ node: YAMLNode) -> Bool {
        guard
            let fields = reader.mapping(
                node, "an AlertCondition `spec`", allowed: OpenSLOKeys.alertCondition, unknownKeys: .warning)
        else { return false }
        let severity = fields.required("severity", hint: "e.g. `page`").flatMap { reader.string($0, "`severity`") }
        guard let conditionNode = fields.required("condition", hint: "`kind: burnrate`, `threshold`, `lookbackWindow`"),
            let condition = reader.mapping(
                conditionNode, "`condition`", allowed: OpenSLOKeys.condition, unknownKeys: .warning)
        else { return false }
        if let kind = condition["kind"].flatMap({ reader.string($0, "`kind`") }), kind.value != "burnrate" {
            reader.error(.wrongType, "condition `kind` must be `burnrate`, not `\(kind.value)`", at: kind.location)
        }
        if let threshold = condition["threshold"] { _ = reader.number(threshold, "`threshold`") }
        for key in ["lookbackWindow", "alertAfter"] {
            if let value = condition[key] { _ = reader.duration(value, "`\(key)`") }
        }
        return severity != nil
    }
}
