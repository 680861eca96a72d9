/// Keys of each `slo/v1` mapping; the JSON Schema and README list the same (a test keeps them equal).
enum NativeKeys {
    static let document = ["version", "service", "description", "labels", "window", "alerting", "slos", "sla"]
    static let slo = ["name", "description", "objective", "window", "budgeting", "sli", "labels", "alerting"]
    static let sli = ["errors", "good", "total", "errorRatio", "latency", "timeslice", "groupBy"]
    static let latency = ["metric", "selector", "threshold"]
    static let timeslice = ["query", "good", "slice"]
    static let serviceAlerting = ["disabled", "labels", "annotations", "page", "ticket", "budgetExhausted", "noData"]
    static let sloAlerting = ["name"] + serviceAlerting
    static let tier = ["disabled", "labels", "annotations"]
    static let tierWithFor = tier + ["for"]
    static let sla = [
        "title", "revision", "provider", "customer", "scope", "period", "commitments", "credits", "exclusions",
        "claims",
    ]
    static let commitment = ["slo", "objective", "description"]
    static let credit = ["below", "credit"]

    /// Where each key with a single home belongs, as the fix for finding it elsewhere
    /// (`groupBy` in an SLO → "under `sli`"). Keys that several mappings have (`labels`, `name`,
    /// `window`, `objective`) are left out: their right place depends on what was meant.
    static let homes: [String: String] = {
        let places: [(home: String, keys: [String])] = [
            ("to the top level of the spec", document), ("into an SLO (an item of `slos`)", slo),
            ("under `sli`", sli), ("under `sli.latency`", latency), ("under `sli.timeslice`", timeslice),
            ("under `alerting`", sloAlerting),
            ("under `alerting.budgetExhausted` or `alerting.noData`", tierWithFor), ("under `sla`", sla),
            ("into a commitment (an item of `sla.commitments`)", commitment),
            ("into a credit tier (an item of `sla.credits`)", credit),
        ]
        var found: [String: Set<String>] = [:]
        for (home, keys) in places {
            for key in keys { found[key, default: []].insert(home) }
        }
        return found.compactMapValues { $0.count == 1 ? $0.first : nil }
    }()
}

extension SpecDecoder {
    /// Decodes one `version: slo/v1` document. Returns nil only when the document is unusable
    /// (its required fields are missing); every problem is a diagnostic in `reader`.
    func decodeServiceSpec(_ root: YAMLNode, fields: NodeReader.Fields, file: String) -> ServiceSpec? {
        let version = fields["version"].flatMap { reader.string($0, "`version`") }
        let service = fields.required("service", hint: "the service's name, e.g. `service: orders-api`")
            .flatMap { self.name($0, "service name") }
        let description = fields["description"].flatMap { reader.string($0, "`description`") }
        let labels = fields["labels"].map { labelSet($0, "`labels`") } ?? []
        let window = fields["window"].flatMap { self.window($0) }
        let alerting = fields["alerting"].flatMap { self.alerting($0, "service `alerting`", sloLevel: false) }
        let (slos, undecoded) = sloList(fields, decode: slo)
        let sla = fields["sla"].flatMap(self.sla)
        guard let version, let service else { return nil }
        return ServiceSpec(
            file: file, range: root.range, version: version, service: service, description: description,
            labels: labels, window: window, alerting: alerting, slos: slos, sla: sla, undecodedSLONames: undecoded)
    }

    /// The `slos:` list of a native or Sloth spec: required, not empty, within the limit. SLOs that
    /// fail to decode are counted by name, so references to them are not reported too.
    func sloList(_ fields: NodeReader.Fields, decode: (YAMLNode) -> SLOSpec?) -> (
        slos: [SLOSpec], undecoded: Set<String>
    ) {
        var slos: [SLOSpec] = []
        var undecoded = Set<String>()
        guard let list = fields.required("slos", hint: "a list of SLOs, each with `name`, `objective` and `sli`"),
            let items = reader.sequence(list, "`slos`")
        else { return (slos, undecoded) }
        if items.isEmpty {
            reader.error(.emptyCollection, "`slos` is empty; add at least one SLO", at: list.location)
        }
        if items.count > limits.maxSLOsPerService {
            reader.error(
                .tooManyItems, "more than \(limits.maxSLOsPerService) SLOs in one service; split the service",
                at: list.location)
        }
        for item in items.prefix(limits.maxSLOsPerService) {
            if let decoded = decode(item) {
                slos.append(decoded)
            } else if let name = Self.rawName(of: item) {
                undecoded.insert(name)
            }
        }
        return (slos, undecoded)
    }

    /// The `name:` of an SLO mapping that failed to decode, so references to it are not reported too.
    private static func rawName(of node: YAMLNode) -> String? {
        guard case .mapping(let pairs) = node.kind, let pair = pairs.first(where: { $0.keyText == "name" }),
            case .scalar(let scalar) = pair.value.kind
        else { return nil }
        return scalar.value
    }

    private func slo(_ node: YAMLNode) -> SLOSpec? {
        guard let fields = reader.mapping(node, "an SLO", allowed: NativeKeys.slo, homes: NativeKeys.homes) else {
            return nil
        }
        let name = fields.required("name", hint: "a short name such as `availability`").flatMap {
            self.name($0, "SLO name")
        }
        let description = fields["description"].flatMap { reader.string($0, "`description`") }
        let objective = fields.required("objective", hint: "the target in percent, e.g. `objective: 99.9`")
            .flatMap { self.objective($0) }
        let window = fields["window"].flatMap { self.window($0) }
        let budgeting = fields["budgeting"].flatMap(budgetingMethod)
        let sli = fields.required(
            "sli", hint: "what is measured: `errors`/`good` + `total`, `errorRatio`, `latency` or `timeslice`"
        )
        .flatMap { self.sli($0, budgeting: budgeting) }
        let labels = fields["labels"].map { labelSet($0, "`labels`") } ?? []
        let alerting = fields["alerting"].flatMap { self.alerting($0, "SLO `alerting`", sloLevel: true) }
        guard let name, let objective, let sli else { return nil }
        return SLOSpec(
            range: node.range, name: name, description: description, objective: objective, window: window,
            budgeting: budgeting, sli: sli, labels: labels, alerting: alerting)
    }

    /// Objectives are percentages strictly between 0 and 100: 100% leaves no budget to alert on.
    ///
    /// An objective of at most 1 is a fraction written by habit (Sloth examples and OpenSLO's
    /// `target` use 0.999): read as a percentage it would be a 0.999% objective that every
    /// service meets, so it is an error with the percentage as the fix.
    func objective(_ node: YAMLNode) -> Located<Double>? {
        guard let value = reader.number(node, "`objective`") else { return nil }
        if value.value > 0, value.value <= 1 {
            let percent = NumberFormat.withoutBinaryNoise(value.value * 100)
            let written = NumberFormat.clean(value.value)
            if percent < 100 {
                let fixed = NumberFormat.clean(percent)
                reader.error(
                    .objectiveAsFraction,
                    "objective \(written) is a fraction, but objectives are percentages: write \(fixed) for \(fixed)%",
                    at: node.location, fixIt: .init(replacing: node.range, with: fixed))
            } else {
                reader.error(
                    .objectiveAsFraction,
                    "objective \(written) reads as \(written)%, or as 100% if it is a fraction, which leaves no error budget; write a percentage below 100, e.g. 99.9 for 99.9%",
                    at: node.location)
            }
            return nil
        }
        guard value.value > 0, value.value < 100 else {
            reader.error(
                .objectiveOutOfRange,
                "objective \(NumberFormat.clean(value.value)) is out of range; write a percentage above 0 and below 100",
                at: node.location)
            return nil
        }
        return value
    }

    private func budgetingMethod(_ node: YAMLNode) -> Located<BudgetingMethod>? {
        guard let text = reader.string(node, "`budgeting`") else { return nil }
        guard let method = BudgetingMethod(rawValue: text.value) else {
            reader.error(
                .wrongType, "`budgeting` must be `occurrences` or `timeslices`, not `\(text.value)`", at: node.location)
            return nil
        }
        return Located(method, node.range)
    }

    /// A rolling duration between 1h and 400d, or a calendar period by name.
    func window(_ node: YAMLNode) -> Located<WindowSpec>? {
        guard let text = reader.string(node, "`window`") else { return nil }
        if let period = CalendarPeriod(rawValue: text.value) { return Located(.calendar(period), node.range) }
        guard let duration = DurationValue(parsing: text.value) else {
            let calendar = CalendarPeriod.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            reader.error(
                .invalidWindow,
                "window `\(text.value)` is neither a duration nor a calendar period; write e.g. `30d`, `4w` or one of \(calendar)",
                at: node.location)
            return nil
        }
        guard duration >= .hours(1), duration <= .days(400), duration.milliseconds % 60_000 == 0 else {
            reader.error(
                .invalidWindow,
                "window `\(text.value)` must be whole minutes between 1h and 400d; SLO windows are usually `28d` or `30d`",
                at: node.location)
            return nil
        }
        return Located(.rolling(duration), node.range)
    }

    func name(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard let text = reader.string(node, what) else { return nil }
        guard PrometheusNames.isSafeName(text.value) else {
            let suggestion = PrometheusNames.suggestedSafeName(for: text.value)
            reader.error(
                .invalidName,
                "\(what) `\(text.value)` is not a safe name; use lowercase letters, digits and inner `-`, `_` or `.` (at most 63), e.g. `\(suggestion)`",
                at: node.location, fixIt: .init(replacing: node.range, with: NodeReader.scalarText(suggestion)))
            return nil
        }
        return text
    }

    /// Labels or annotations: valid Prometheus label names with text values.
    func labelSet(_ node: YAMLNode, _ what: String, annotations: Bool = false) -> [LabelSpec] {
        guard case .mapping(let pairs) = node.kind else {
            if !node.isNull {
                reader.error(
                    .wrongType, "\(what) must be a mapping of `name: value` lines, not \(node.kindName)",
                    at: node.location)
            }
            return []
        }
        if pairs.count > limits.maxLabels {
            reader.error(.tooManyItems, "more than \(limits.maxLabels) entries in \(what)", at: node.location)
            return []
        }
        var result: [LabelSpec] = []
        for pair in pairs {
            let key = pair.keyText
            guard PrometheusNames.isValidLabelName(key) else {
                let suggestion = PrometheusNames.suggestedSafeName(for: key).replacingHyphens
                let taken = pairs.contains { $0.keyText == suggestion }
                reader.error(
                    .invalidLabelName,
                    "`\(key)` is not a valid \(annotations ? "annotation" : "label") name; use letters, digits and `_`, not starting with a digit (e.g. `\(suggestion)`)",
                    at: pair.key.location,
                    fixIt: taken || !PrometheusNames.isValidLabelName(suggestion)
                        ? nil : .init(replacing: pair.key.range, with: NodeReader.scalarText(suggestion)))
                continue
            }
            if !annotations, PrometheusNames.isReservedLabel(key) {
                reader.error(
                    .reservedLabel,
                    "label `\(key)` is reserved for the compiler (`slo_*`, `__*` and `alertname`); choose another name",
                    at: pair.key.location)
                continue
            }
            guard case .scalar(let scalar) = pair.value.kind else {
                reader.error(
                    .wrongType, "the value of `\(key)` must be text, not \(pair.value.kindName)",
                    at: pair.value.location)
                continue
            }
            if !annotations, scalar.value.isEmpty {
                reader.error(
                    .invalidLabelValue,
                    "label `\(key)` has an empty value, which Prometheus treats as no label; remove it or give it a value",
                    at: pair.value.location)
                continue
            }
            if annotations, let problem = AnnotationTemplate.problem(in: scalar.value) {
                reader.error(
                    .invalidAnnotationTemplate, "annotation `\(key)`: \(problem.message)", at: pair.value.location)
                continue
            }
            result.append(LabelSpec(name: Located(key, pair.key.range), value: Located(scalar.value, pair.value.range)))
        }
        return result
    }

    private func alerting(_ node: YAMLNode, _ what: String, sloLevel: Bool) -> AlertingSpec? {
        let allowed = sloLevel ? NativeKeys.sloAlerting : NativeKeys.serviceAlerting
        guard let fields = reader.mapping(node, what, allowed: allowed, homes: NativeKeys.homes) else { return nil }
        let name = alertName(fields, example: "CheckoutBudgetBurn")
        return AlertingSpec(
            range: node.range, name: name,
            disabled: fields["disabled"].flatMap { reader.bool($0, "`disabled`") },
            labels: fields["labels"].map { labelSet($0, "alert `labels`") } ?? [],
            annotations: fields["annotations"].map { labelSet($0, "`annotations`", annotations: true) } ?? [],
            page: fields["page"].flatMap { tier($0, "`page`", allowsFor: false) },
            ticket: fields["ticket"].flatMap { tier($0, "`ticket`", allowsFor: false) },
            budgetExhausted: fields["budgetExhausted"].flatMap { tier($0, "`budgetExhausted`", allowsFor: true) },
            noData: fields["noData"].flatMap { tier($0, "`noData`", allowsFor: true) })
    }

    /// `alerting.name`, when valid; `example` shows a good name in the diagnostic.
    func alertName(_ fields: NodeReader.Fields, example: String) -> Located<String>? {
        guard let nameNode = fields["name"], let text = reader.string(nameNode, "alert `name`") else { return nil }
        guard PrometheusNames.isValidAlertName(text.value) else {
            let suggestion = PrometheusNames.suggestedAlertName(for: text.value)
            let valid = PrometheusNames.isValidAlertName(suggestion)
            reader.error(
                .invalidAlertName,
                "alert name `\(text.value)` must use letters, digits and `_` only, e.g. `\(valid ? suggestion : example)`",
                at: nameNode.location,
                fixIt: valid ? .init(replacing: nameNode.range, with: NodeReader.scalarText(suggestion)) : nil)
            return nil
        }
        return text
    }

    private func tier(_ node: YAMLNode, _ what: String, allowsFor: Bool) -> AlertTierSpec? {
        guard
            let fields = reader.mapping(
                node, what, allowed: allowsFor ? NativeKeys.tierWithFor : NativeKeys.tier, homes: NativeKeys.homes)
        else { return nil }
        return AlertTierSpec(
            range: node.range,
            disabled: fields["disabled"].flatMap { reader.bool($0, "`disabled`") },
            labels: fields["labels"].map { labelSet($0, "\(what) `labels`") } ?? [],
            annotations: fields["annotations"].map { labelSet($0, "\(what) `annotations`", annotations: true) } ?? [],
            forDuration: fields["for"].flatMap { reader.duration($0, "`for`") })
    }
}

extension String {
    fileprivate var replacingHyphens: String {
        let replaced = String(map { $0 == "-" || $0 == "." ? "_" : $0 })
        return replaced.first?.isNumber == true ? "_" + replaced : replaced
    }
}
