/// Key spellings of Sloth's two formats: `prometheus/v1` writes snake_case, the Kubernetes
/// resource camelCase; otherwise they are the same tree.
struct SlothKeys {
    let kubernetes: Bool

    var errorQuery: String { kubernetes ? "errorQuery" : "error_query" }
    var totalQuery: String { kubernetes ? "totalQuery" : "total_query" }
    var errorRatioQuery: String { kubernetes ? "errorRatioQuery" : "error_ratio_query" }
    var pageAlert: String { kubernetes ? "pageAlert" : "page_alert" }
    var ticketAlert: String { kubernetes ? "ticketAlert" : "ticket_alert" }

    var service: [String] { (kubernetes ? [] : ["version"]) + ["service", "labels", "slos"] }
    var slo: [String] { ["name", "objective", "description", "labels", "sli", "alerting"] }
    var sli: [String] { ["events", "raw", "plugin"] }
    var events: [String] { [errorQuery, totalQuery] }
    var raw: [String] { [errorRatioQuery] }
    var alerting: [String] { ["name", "labels", "annotations", pageAlert, ticketAlert] }
    var tier: [String] { ["disable", "labels", "annotations"] }
}

extension SpecDecoder {
    static let slothVersion = "prometheus/v1"
    static let slothAPIVersion = "sloth.slok.dev/v1"

    /// Decodes a Sloth spec into the native AST. Sloth ignores unknown keys, so they are warnings
    /// here; the SLO window is the `--window` option (Sloth's `--default-slo-period`).
    func decodeSlothSpec(_ root: YAMLNode, body: YAMLNode, file: String, kubernetes: Bool) -> ServiceSpec? {
        let keys = SlothKeys(kubernetes: kubernetes)
        guard let fields = reader.mapping(body, "a Sloth spec", allowed: keys.service, unknownKeys: .warning)
        else { return nil }
        let service = fields.required("service", hint: "the service's name, e.g. `service: myservice`")
            .flatMap { self.name($0, "service name") }
        let labels = fields["labels"].map { labelSet($0, "`labels`") } ?? []
        let (slos, undecoded) = sloList(fields) { slothSLO($0, keys: keys) }
        let versionNode = kubernetes ? root.pair("apiVersion") : root.pair("version")
        guard let service, let versionNode, let version = reader.string(versionNode.value, "`version`") else {
            return nil
        }
        return ServiceSpec(
            file: file, range: root.range, version: version, service: service, description: nil, labels: labels,
            window: Located(.rolling(defaultImportWindow), versionNode.value.range), alerting: nil, slos: slos,
            sla: nil, format: kubernetes ? .slothKubernetes : .slothPrometheus, undecodedSLONames: undecoded)
    }

    private func slothSLO(_ node: YAMLNode, keys: SlothKeys) -> SLOSpec? {
        guard let fields = reader.mapping(node, "a Sloth SLO", allowed: keys.slo, unknownKeys: .warning) else {
            return nil
        }
        let name = fields.required("name", hint: "a short name such as `requests-availability`").flatMap {
            self.name($0, "SLO name")
        }
        let description = fields["description"].flatMap { reader.string($0, "`description`") }
        let objective = fields.required("objective", hint: "the target in percent, e.g. `objective: 99.9`")
            .flatMap { self.objective($0) }
        let sli = fields.required("sli", hint: "`events` (`\(keys.errorQuery)`, `\(keys.totalQuery)`) or `raw`")
            .flatMap { slothSLI($0, keys: keys) }
        let labels = fields["labels"].map { labelSet($0, "`labels`") } ?? []
        let alerting = fields["alerting"].flatMap { slothAlerting($0, keys: keys) }
        guard let name, let objective, let sli else { return nil }
        return SLOSpec(
            range: node.range, name: name, description: description, objective: objective, window: nil,
            budgeting: nil, sli: sli, labels: labels, alerting: alerting)
    }

    private func slothSLI(_ node: YAMLNode, keys: SlothKeys) -> SLISpec? {
        guard let fields = reader.mapping(node, "a Sloth `sli`", allowed: keys.sli, unknownKeys: .warning) else {
            return nil
        }
        if fields.has("plugin") {
            reader.error(
                .unsupportedPlugin,
                "Sloth SLI plugins are Go code that only Sloth can run; write the queries out as `events` (`\(keys.errorQuery)` and `\(keys.totalQuery)` with `{{.window}}`) or `raw` (`\(keys.errorRatioQuery)`)",
                at: fields.keyLocation("plugin") ?? node.location)
            return nil
        }
        let forms = ["events", "raw"].filter { fields.has($0) }
        guard let form = forms.first else {
            reader.error(
                .missingField, "a Sloth `sli` needs `events` (`\(keys.errorQuery)`, `\(keys.totalQuery)`) or `raw`",
                at: node.location)
            return nil
        }
        if forms.count > 1 {
            reader.error(
                .conflictingFields, "a Sloth `sli` has both `events` and `raw`; keep one",
                at: fields.keyLocation("raw") ?? node.location)
            return nil
        }
        guard let body = fields[form],
            let inner = reader.mapping(
                body, "`\(form)`", allowed: form == "events" ? keys.events : keys.raw, unknownKeys: .warning)
        else {
            if fields[form] == nil {
                reader.error(.missingField, "`\(form)` is empty", at: fields.keyLocation(form) ?? node.location)
            }
            return nil
        }
        if form == "raw" {
            guard
                let query = inner.required(keys.errorRatioQuery, hint: "a ratio query using `{{.window}}`")
                    .flatMap({ slothQuery($0, "`\(keys.errorRatioQuery)`") })
            else { return nil }
            return SLISpec(range: node.range, kind: .errorRatio(query), groupBy: [])
        }
        let errors = inner.required(keys.errorQuery, hint: "the bad events' rate using `{{.window}}`")
            .flatMap { slothQuery($0, "`\(keys.errorQuery)`") }
        let total = inner.required(keys.totalQuery, hint: "all events' rate using `{{.window}}`")
            .flatMap { slothQuery($0, "`\(keys.totalQuery)`") }
        guard let errors, let total else { return nil }
        return SLISpec(range: node.range, kind: .errors(errors, total: total), groupBy: [])
    }

    /// Sloth queries are Go templates over `{{.window}}`; one without it would read the same range
    /// at every window, so it is rejected like a native query.
    func slothQuery(_ node: YAMLNode, _ what: String) -> QuerySpec? {
        guard let query = reader.query(node, what) else { return nil }
        guard query.isTemplate else {
            reader.error(
                .missingWindowPlaceholder,
                "\(what) must use `{{.window}}` as the range of its rates, e.g. `sum(rate(http_requests_total{code=~\"5..\"}[{{.window}}]))`",
                at: node.location)
            return nil
        }
        return query
    }

    private func slothAlerting(_ node: YAMLNode, keys: SlothKeys) -> AlertingSpec? {
        guard let fields = reader.mapping(node, "Sloth `alerting`", allowed: keys.alerting, unknownKeys: .warning)
        else { return nil }
        let name = alertName(fields, example: "MyServiceHighErrorRate")
        func tier(_ key: String) -> AlertTierSpec? {
            guard let tierNode = fields[key],
                let tierFields = reader.mapping(tierNode, "`\(key)`", allowed: keys.tier, unknownKeys: .warning)
            else { return nil }
            return AlertTierSpec(
                range: tierNode.range,
                disabled: tierFields["disable"].flatMap { reader.bool($0, "`disable`") },
                labels: tierFields["labels"].map { labelSet($0, "`\(key)` `labels`") } ?? [],
                annotations: tierFields["annotations"].map {
                    labelSet($0, "`\(key)` `annotations`", annotations: true)
                } ?? [],
                forDuration: nil)
        }
        return AlertingSpec(
            range: node.range, name: name, disabled: nil,
            labels: fields["labels"].map { labelSet($0, "alert `labels`") } ?? [],
            annotations: fields["annotations"].map { labelSet($0, "`annotations`", annotations: true) } ?? [],
            page: tier(keys.pageAlert), ticket: tier(keys.ticketAlert), budgetExhausted: nil, noData: nil)
    }
}

extension YAMLNode {
    /// The pair under `key` of a mapping node, nil for other nodes or a missing key.
    func pair(_ key: String) -> YAMLPair? {
        guard case .mapping(let pairs) = kind else { return nil }
        return pairs.first { $0.keyText == key }
    }
}
