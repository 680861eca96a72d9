extension SpecDecoder {
    static let openSLOAlphaVersion = "openslo/v1alpha"

    /// Decodes an OpenSLO `v1alpha` `SLO` the way Sloth reads it: one `slo/v1` SLO per objective,
    /// named `<metadata.name>-<index>`, with `ratioMetrics` queries using `{{.window}}`.
    func decodeOpenSLOAlphaSLO(_ root: YAMLNode, fields top: NodeReader.Fields, file: String) -> ServiceSpec? {
        let metadata = top.required("metadata", hint: "`metadata: {name: my-slo}`").flatMap {
            reader.mapping($0, "`metadata`", allowed: ["name", "displayName"], unknownKeys: .warning)
        }
        let baseName = metadata?.required("name", hint: "the SLO's name").flatMap { self.name($0, "SLO name") }
        guard
            let spec = top.required("spec", hint: "the SLO's `service`, `objectives` and `timeWindows`").flatMap({
                reader.mapping(
                    $0, "an OpenSLO SLO `spec`",
                    allowed: ["service", "description", "budgetingMethod", "objectives", "timeWindows", "indicator"],
                    unknownKeys: .warning)
            })
        else { return nil }
        let service = spec.required("service", hint: "the service's name").flatMap { self.name($0, "service name") }
        let description = spec["description"].flatMap { reader.string($0, "`description`") }
        if let method = spec["budgetingMethod"], let text = reader.string(method, "`budgetingMethod`"),
            text.value != "Occurrences"
        {
            reader.warning(
                .unsupportedFeature,
                "not compiled: `budgetingMethod: \(text.value)` of OpenSLO v1alpha is not supported; write `Occurrences`, or use `openslo/v1` for time slices",
                at: method.location)
            return nil
        }
        if let indicator = spec["indicator"] {
            reader.warning(
                .unsupportedFeature,
                "not compiled: a v1alpha `indicator` (`thresholdMetric`) has no event counts to budget; use `ratioMetrics` in each objective",
                at: indicator.location)
            return nil
        }
        let window = spec["timeWindows"].flatMap(openSLOAlphaWindow)
        var slos: [SLOSpec] = []
        var skipped = false
        if let list = spec.required("objectives", hint: "a list with `ratioMetrics` and `target`"),
            let items = reader.sequence(list, "`objectives`")
        {
            for (index, item) in items.enumerated() {
                guard let baseName,
                    let fields = reader.mapping(
                        item, "an OpenSLO objective",
                        allowed: ["displayName", "value", "op", "target", "timeSliceTarget", "ratioMetrics"],
                        unknownKeys: .warning)
                else { continue }
                let target = fields.required("target", hint: "the objective as a ratio, e.g. `target: 0.999`")
                    .flatMap { self.ratioTarget($0) }
                let sli = fields.required("ratioMetrics", hint: "`good` and `total` Prometheus queries").flatMap {
                    self.openSLOAlphaRatio($0)
                }
                if sli == nil { skipped = true }
                guard let target, let sli else { continue }
                let name = Located("\(baseName.value)-\(index)", baseName.range)
                // v1alpha has no alerting; like Sloth, no burn-rate alerts (budget and no-data ones stay).
                let off = AlertTierSpec(
                    range: item.range, disabled: Located(true, item.range), labels: [], annotations: [],
                    forDuration: nil)
                let alerting = AlertingSpec(
                    range: item.range, name: nil, disabled: nil, labels: [], annotations: [], page: off, ticket: off,
                    budgetExhausted: nil, noData: nil)
                slos.append(
                    SLOSpec(
                        range: item.range, name: name, description: description, objective: target, window: nil,
                        budgeting: nil, sli: sli, labels: [], alerting: alerting))
            }
        }
        guard !skipped, !slos.isEmpty else { return nil }
        guard let service, let version = top["apiVersion"].flatMap({ reader.string($0, "`apiVersion`") }) else {
            return nil
        }
        return ServiceSpec(
            file: file, range: root.range, version: version, service: service, description: nil, labels: [],
            window: window ?? Located(.rolling(defaultImportWindow), version.range), alerting: nil, slos: slos,
            sla: nil, format: .openSLOV1Alpha)
    }

    /// An OpenSLO target: a ratio in (0, 1), returned as a percentage.
    func ratioTarget(_ node: YAMLNode) -> Located<Double>? {
        guard let value = reader.number(node, "`target`") else { return nil }
        guard value.value > 0, value.value < 1 else {
            reader.error(
                .objectiveOutOfRange,
                "`target` \(NumberFormat.clean(value.value)) must be a ratio above 0 and below 1, e.g. `0.999`",
                at: node.location)
            return nil
        }
        return Located(Double(NumberFormat.clean(value.value * 100)) ?? value.value * 100, value.range)
    }

    private func openSLOAlphaRatio(_ node: YAMLNode) -> SLISpec? {
        guard
            let fields = reader.mapping(
                node, "`ratioMetrics`", allowed: ["good", "bad", "total", "incremental"], unknownKeys: .warning)
        else { return nil }
        func metric(_ key: String) -> QuerySpec? {
            guard let metricNode = fields[key],
                let source = reader.mapping(
                    metricNode, "`\(key)`", allowed: ["source", "queryType", "query"], unknownKeys: .warning)
            else { return nil }
            if let kind = source["source"], let text = reader.string(kind, "`source`"),
                text.value.lowercased() != "prometheus"
            {
                reader.warning(
                    .unsupportedFeature,
                    "not compiled: metric source `\(text.value)` is not supported; only Prometheus queries can be compiled",
                    at: kind.location)
                return nil
            }
            return source.required("query", hint: "a PromQL query using `{{.window}}`").flatMap {
                slothQuery($0, "`query`")
            }
        }
        let total = fields.required("total", hint: "all events").flatMap { _ in metric("total") }
        if fields.has("bad") {
            guard let bad = metric("bad"), let total else { return nil }
            return SLISpec(range: node.range, kind: .errors(bad, total: total), groupBy: [])
        }
        let good = fields.required("good", hint: "good events").flatMap { _ in metric("good") }
        guard let good, let total else { return nil }
        return SLISpec(range: node.range, kind: .good(good, total: total), groupBy: [])
    }

    /// `timeWindows: [{count, unit, isRolling}]`: rolling `count` units, or a calendar period when
    /// `isRolling: false` with `count: 1` of Week, Month, Quarter or Year.
    func openSLOAlphaWindow(_ node: YAMLNode) -> Located<WindowSpec>? {
        guard let items = reader.sequence(node, "`timeWindows`"), let first = items.first else { return nil }
        if items.count > 1 {
            reader.error(.unsupportedFeature, "only one time window per SLO is supported", at: items[1].location)
        }
        guard
            let fields = reader.mapping(
                first, "a time window", allowed: ["count", "unit", "isRolling", "calendar"], unknownKeys: .warning),
            let count = fields.required("count", hint: "a whole number such as `30`").flatMap({
                reader.number($0, "`count`")
            }),
            let unit = fields.required("unit", hint: "`Day`, `Week`, `Month`...").flatMap({
                reader.string($0, "`unit`")
            })
        else { return nil }
        let rolling = fields["isRolling"].flatMap { reader.bool($0, "`isRolling`") }?.value ?? true
        return openSLOWindow(count: count, unit: unit, rolling: rolling, at: first.range)
    }

    /// A count of OpenSLO units as a window. Rolling months, quarters and years have no fixed length
    /// in Prometheus, so they use the nominal 30, 90 and 365 days (as calendar periods do).
    func openSLOWindow(count: Located<Double>, unit: Located<String>, rolling: Bool, at range: SourceRange)
        -> Located<WindowSpec>?
    {
        let n = Int64(count.value)
        guard Double(n) == count.value, n > 0 else {
            reader.error(.invalidWindow, "`count` must be a positive whole number", at: count.location)
            return nil
        }
        let days: [String: Int64] = ["Day": 1, "Week": 7, "Month": 30, "Quarter": 90, "Year": 365]
        let periods: [String: CalendarPeriod] = ["Week": .week, "Month": .month, "Quarter": .quarter, "Year": .year]
        if !rolling {
            guard n == 1, let period = periods[unit.value] else {
                reader.error(
                    .invalidWindow,
                    "a calendar window must be one `Week`, `Month`, `Quarter` or `Year`, not \(n) \(unit.value)",
                    at: unit.location)
                return nil
            }
            return Located(.calendar(period), range)
        }
        let duration: DurationValue
        switch unit.value {
        case "Second": duration = DurationValue(milliseconds: n * 1000)
        case "Minute": duration = .minutes(n)
        case "Hour": duration = .hours(n)
        default:
            guard let perUnit = days[unit.value] else {
                reader.error(
                    .invalidWindow,
                    "unknown time unit `\(unit.value)`; write `Second`, `Minute`, `Hour`, `Day`, `Week`, `Month`, `Quarter` or `Year`",
                    at: unit.location)
                return nil
            }
            duration = .days(n * perUnit)
        }
        guard duration >= .hours(1), duration <= .days(400), duration.milliseconds % 60_000 == 0 else {
            reader.error(
                .invalidWindow, "window of \(n) \(unit.value) must be whole minutes between 1h and 400d",
                at: count.location)
            return nil
        }
        return Located(.rolling(duration), range)
    }
}
