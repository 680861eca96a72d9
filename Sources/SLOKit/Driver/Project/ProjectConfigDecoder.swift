/// Reads `slo.yaml` with the same located-node machinery as specs: unknown keys get a
/// did-you-mean, every problem a position and a stable code.
///
/// One decoder per top-level section, listed in `sections`. To add a section (an output's
/// settings): a field in `ProjectConfig` (typed with the stage's own settings value), one
/// `Section` entry here, its function below, the key in `schema/slo-project-v1.schema.json` and
/// the README's config table; remove the key from `reserved` if it was there.
struct ProjectConfigDecoder {
    let reader: NodeReader
    /// For the value readers specs and the config share (labels, durations).
    let specs: SpecDecoder

    init(diagnostics: DiagnosticCollector) {
        specs = SpecDecoder(limits: InputLimits(), diagnostics: diagnostics)
        reader = specs.reader
    }

    /// A top-level key and how to read its value into the config.
    struct Section: Sendable {
        let key: String
        let decode: @Sendable (ProjectConfigDecoder, YAMLNode, inout ProjectConfig) -> Void
    }

    static let sections: [Section] = [
        Section(key: "version") { _, _, _ in },  // checked before the sections are read
        Section(key: "specs") { $0.specs($1, into: &$2) },
        Section(key: "output") { decoder, node, config in
            if let path = decoder.path(node, "`output`") { config.output = path }
        },
        Section(key: "window") { decoder, node, config in
            if let window = decoder.window(node) { config.window = window }
        },
        Section(key: "formats") { $0.formats($1, into: &$2) },
        Section(key: "labels") { decoder, node, config in
            config.defaults.labels = decoder.labels(decoder.specs.labelSet(node, "`labels`"))
        },
        Section(key: "runbookBaseURL") { decoder, node, config in
            config.defaults.runbookBaseURL = decoder.url(node, "`runbookBaseURL`")
        },
        Section(key: "alerting") { $0.alerting($1, into: &$2) },
        Section(key: "prometheusOperator") { $0.prometheusOperator($1, into: &$2) },
        Section(key: "alertmanager") { $0.alertmanager($1, into: &$2) },
        Section(key: "grafana") { decoder, node, config in
            guard
                let fields = decoder.reader.mapping(
                    node, "`grafana`", allowed: Keys.grafana, homes: Keys.homes),
                let url = fields["documentsURL"]
            else { return }
            config.dashboards.documentsURL = decoder.url(url, "`grafana.documentsURL`")
        },
        Section(key: "report") { $0.report($1, into: &$2) },
        Section(key: "groups") { $0.groups($1, into: &$2) },
        Section(key: "mimir") { $0.mimir($1, into: &$2) },
        Section(key: "thanos") { $0.thanos($1, into: &$2) },
    ]

    /// Sections a later version reads, and what for: a config written for it fails with a clear
    /// message instead of "unknown key".
    static let reserved: [String: String] = [
        "victoriametrics": "vmalert settings",
        "doctor": "`slo doctor` settings",
    ]

    /// Keys of the config's mappings, and where a key in the wrong one belongs.
    enum Keys {
        static let alerting = ["severity"]
        static let severity = ["page", "ticket", "budgetExhausted", "noData"]
        static let prometheusOperator = ["namespace", "labels", "annotations"]
        static let alertmanager = ["receivers"]
        static let receivers = ["page", "ticket", "budgetExhausted", "noData"]
        static let grafana = ["documentsURL"]
        static let report = ["minCoverage"]
        static let groups = ["interval", "limit", "queryOffset", "labels"]
        static let mimir = ["sourceTenants"]
        static let thanos = ["partialResponseStrategy"]
        static let homes: [String: String] = [
            "severity": "under `alerting`", "page": "under `alerting.severity`", "ticket": "under `alerting.severity`",
            "budgetExhausted": "under `alerting.severity`", "noData": "under `alerting.severity`",
            "namespace": "under `prometheusOperator`", "annotations": "under `prometheusOperator`",
            "receivers": "under `alertmanager`", "documentsURL": "under `grafana`",
            "minCoverage": "under `report`", "interval": "under `groups`", "limit": "under `groups`",
            "queryOffset": "under `groups`", "sourceTenants": "under `mimir`",
            "partialResponseStrategy": "under `thanos`",
        ]
    }

    /// The config in `file`, or nil when it has errors (every one is in `diagnostics`).
    func decode(_ document: YAMLDocument) -> ProjectConfig? {
        let root = document.root
        let errorsBefore = reader.diagnostics.errorCount
        guard
            let fields = reader.mapping(
                root, "the project config", allowed: Self.sections.map(\.key) + Self.reserved.keys.sorted(),
                homes: Keys.homes)
        else { return nil }
        guard let versionNode = fields["version"] else {
            reader.error(
                .missingVersion,
                "the project config has no `version`; add `version: \(ProjectConfig.version)` as its first line",
                at: root.location)
            return nil
        }
        guard let version = reader.string(versionNode, "`version`") else { return nil }
        guard version.value == ProjectConfig.version else {
            var message = "unknown version `\(version.value)`; write `version: \(ProjectConfig.version)`"
            if version.value == SpecDecoder.nativeVersion {
                message += " (`\(ProjectConfig.fileName)` is the project config; put specs in the spec folder)"
            }
            reader.error(.unknownVersion, message, at: versionNode.location)
            return nil
        }
        var config = ProjectConfig()
        for section in Self.sections {
            if let node = fields[section.key] { section.decode(self, node, &config) }
        }
        for (key, purpose) in Self.reserved.sorted(by: { $0.key < $1.key }) {
            guard let location = fields.keyLocation(key) else { continue }
            reader.error(
                .unsupportedSection,
                "`\(key)` (\(purpose)) is not supported by this version of slo yet; remove the section", at: location)
        }
        return reader.diagnostics.errorCount == errorsBefore ? config : nil
    }

    // MARK: Sections

    /// `specs`: one path or a list of them, relative to the config's folder.
    private func specs(_ node: YAMLNode, into config: inout ProjectConfig) {
        config.specsLocation = node.location
        if case .scalar = node.kind {
            if let path = path(node, "`specs`") { config.specs = [path] }
            return
        }
        guard let items = reader.sequence(node, "`specs`") else { return }
        guard !items.isEmpty else {
            reader.error(
                .emptyCollection, "`specs` is empty; list at least one file or folder, e.g. `[slo]`", at: node.location)
            return
        }
        let paths = items.compactMap { path($0, "an entry of `specs`") }
        if paths.count == items.count { config.specs = paths }
    }

    /// `formats`: one rule format or a list of them.
    private func formats(_ node: YAMLNode, into config: inout ProjectConfig) {
        let items: [YAMLNode]
        if case .scalar = node.kind {
            items = [node]
        } else {
            guard let list = reader.sequence(node, "`formats`") else { return }
            items = list
        }
        guard !items.isEmpty else {
            reader.error(
                .emptyCollection, "`formats` is empty; list at least one, e.g. `[prometheus]`", at: node.location)
            return
        }
        let names = Compiler.RuleFormat.allCases.map(\.rawValue)
        var formats: [Compiler.RuleFormat] = []
        for item in items {
            guard let text = reader.string(item, "a format") else { continue }
            guard let format = Compiler.RuleFormat(rawValue: text.value) else {
                let suggestion = Suggestion.closest(to: text.value, in: names).map { "did you mean `\($0)`? " } ?? ""
                reader.error(
                    .wrongType,
                    "unknown format `\(text.value)`; \(suggestion)the formats are \(names.map { "`\($0)`" }.joined(separator: ", "))",
                    at: item.location)
                continue
            }
            if !formats.contains(format) { formats.append(format) }
        }
        config.formats = formats
    }

    /// `alerting`: defaults for the alerts of every SLO.
    private func alerting(_ node: YAMLNode, into config: inout ProjectConfig) {
        guard let fields = reader.mapping(node, "`alerting`", allowed: Keys.alerting, homes: Keys.homes),
            let severityNode = fields["severity"],
            let severity = reader.mapping(
                severityNode, "`alerting.severity`", allowed: Keys.severity, homes: Keys.homes)
        else { return }
        func value(_ key: String) -> String? {
            guard let node = severity[key], let text = reader.string(node, "the `\(key)` severity") else { return nil }
            guard !text.value.isEmpty else {
                reader.error(
                    .invalidLabelValue, "the `\(key)` severity is empty; write a value such as `warning`",
                    at: node.location)
                return nil
            }
            return text.value
        }
        var severities = config.defaults.severities
        severities.page = value("page") ?? severities.page
        severities.ticket = value("ticket") ?? severities.ticket
        severities.budgetExhausted = value("budgetExhausted") ?? severities.budgetExhausted
        severities.noData = value("noData") ?? severities.noData
        config.defaults.severities = severities
    }

    /// `prometheusOperator`: metadata of every `PrometheusRule` object.
    private func prometheusOperator(_ node: YAMLNode, into config: inout ProjectConfig) {
        guard
            let fields = reader.mapping(
                node, "`prometheusOperator`", allowed: Keys.prometheusOperator, homes: Keys.homes)
        else { return }
        if let namespaceNode = fields["namespace"], let namespace = reader.string(namespaceNode, "`namespace`") {
            if KubernetesNames.isValidNamespace(namespace.value) {
                config.prometheusOperator.namespace = namespace.value
            } else {
                reader.error(
                    .invalidName,
                    "namespace `\(namespace.value)` is not a Kubernetes namespace name; use lowercase letters, digits and inner `-` (at most 63), e.g. `monitoring`",
                    at: namespaceNode.location)
            }
        }
        if let labels = fields["labels"] {
            config.prometheusOperator.labels = kubernetesMap(labels, "`prometheusOperator.labels`", values: true)
        }
        if let annotations = fields["annotations"] {
            config.prometheusOperator.annotations = kubernetesMap(
                annotations, "`prometheusOperator.annotations`", values: false)
        }
    }

    /// `alertmanager`: the receiver of each kind of alert in `alertmanager.yml`.
    private func alertmanager(_ node: YAMLNode, into config: inout ProjectConfig) {
        guard let fields = reader.mapping(node, "`alertmanager`", allowed: Keys.alertmanager, homes: Keys.homes),
            let receiversNode = fields["receivers"],
            let receivers = reader.mapping(
                receiversNode, "`alertmanager.receivers`", allowed: Keys.receivers, homes: Keys.homes)
        else { return }
        func name(_ key: String) -> String? {
            guard let node = receivers[key], let text = reader.string(node, "the `\(key)` receiver") else {
                return nil
            }
            guard !text.value.trimmingWhitespace.isEmpty else {
                reader.error(
                    .missingField,
                    "the `\(key)` receiver is empty; write the name of a receiver in your Alertmanager config, e.g. `pager`",
                    at: node.location)
                return nil
            }
            return text.value
        }
        var chosen = config.alertmanagerReceivers
        chosen.page = name("page") ?? chosen.page
        chosen.ticket = name("ticket") ?? chosen.ticket
        chosen.budgetExhausted = name("budgetExhausted") ?? chosen.budgetExhausted
        chosen.noData = name("noData") ?? chosen.noData
        config.alertmanagerReceivers = chosen
    }

    /// `report`: what `slo report` does without flags (`minCoverage`, in percent like
    /// `--min-coverage`).
    private func report(_ node: YAMLNode, into config: inout ProjectConfig) {
        guard let fields = reader.mapping(node, "`report`", allowed: Keys.report, homes: Keys.homes),
            let coverageNode = fields["minCoverage"],
            let percent = reader.number(coverageNode, "`report.minCoverage`")
        else { return }
        if let share = Reporter.minCoverage(percent: percent.value) {
            config.reportMinCoverage = share
        } else if percent.value > 0, percent.value <= 1 {
            let fixed = NumberFormat.clean(NumberFormat.withoutBinaryNoise(percent.value * 100))
            reader.error(
                .invalidPercentage,
                "`report.minCoverage` is in percent, not a fraction: write `\(fixed)` for \(fixed)%",
                at: coverageNode.location, fixIt: .init(replacing: coverageNode.range, with: fixed))
        } else {
            reader.error(
                .invalidPercentage,
                "`report.minCoverage` must be a percentage from 0 to 100 such as 90, not `\(NumberFormat.clean(percent.value))`",
                at: coverageNode.location)
        }
    }

    /// `groups`: keys of every rule group, in every rule format.
    private func groups(_ node: YAMLNode, into config: inout ProjectConfig) {
        guard let fields = reader.mapping(node, "`groups`", allowed: Keys.groups, homes: Keys.homes) else { return }
        if let intervalNode = fields["interval"], let interval = reader.duration(intervalNode, "`groups.interval`") {
            // The tiles read recordings at multiples of 5 minutes: they are exact only when an
            // evaluation lands on each of those instants.
            if DurationValue.minutes(5).milliseconds % interval.value.milliseconds == 0 {
                config.ruleGroups.interval = interval.value
            } else {
                reader.error(
                    .invalidDuration,
                    "`groups.interval` must divide 5 minutes (the windows add up 5-minute tiles); write `1m`, `5m` or `30s`",
                    at: intervalNode.location)
            }
        }
        if let limitNode = fields["limit"], let limit = reader.number(limitNode, "`groups.limit`") {
            if limit.value >= 0, limit.value == limit.value.rounded(), limit.value < 1e9 {
                config.ruleGroups.limit = Int(limit.value)
            } else {
                reader.error(
                    .wrongType, "`groups.limit` must be a whole number ≥ 0 (0 means no limit)",
                    at: limitNode.location, fixIt: .init(replacing: limitNode.range, with: "0"))
            }
        }
        if let offsetNode = fields["queryOffset"], let offset = reader.duration(offsetNode, "`groups.queryOffset`") {
            config.ruleGroups.queryOffset = offset.value
        }
        if let labels = fields["labels"] {
            config.ruleGroups.labels = self.labels(specs.labelSet(labels, "`groups.labels`"))
        }
    }

    /// `mimir`: settings of the Mimir/Cortex ruler namespace files.
    private func mimir(_ node: YAMLNode, into config: inout ProjectConfig) {
        guard let fields = reader.mapping(node, "`mimir`", allowed: Keys.mimir, homes: Keys.homes),
            let tenantsNode = fields["sourceTenants"], let items = reader.sequence(tenantsNode, "`mimir.sourceTenants`")
        else { return }
        config.ruleGroups.sourceTenants = items.compactMap { reader.string($0, "a tenant")?.value }
    }

    /// `thanos`: settings of the Thanos Ruler half of the split.
    private func thanos(_ node: YAMLNode, into config: inout ProjectConfig) {
        guard let fields = reader.mapping(node, "`thanos`", allowed: Keys.thanos, homes: Keys.homes),
            let strategyNode = fields["partialResponseStrategy"],
            let strategy = reader.string(strategyNode, "`thanos.partialResponseStrategy`")
        else { return }
        guard ["abort", "warn"].contains(strategy.value) else {
            reader.error(
                .wrongType, "`thanos.partialResponseStrategy` must be `abort` or `warn`, not `\(strategy.value)`",
                at: strategyNode.location, fixIt: .init(replacing: strategyNode.range, with: "abort"))
            return
        }
        config.ruleGroups.partialResponseStrategy = strategy.value
    }

    // MARK: Values

    private func path(_ node: YAMLNode, _ what: String) -> String? {
        guard let text = reader.string(node, what) else { return nil }
        guard !text.value.trimmingWhitespace.isEmpty else {
            reader.error(.missingField, "\(what) is empty; write a path relative to this file", at: node.location)
            return nil
        }
        return text.value
    }

    /// A rolling window, as `--window` takes it: specs name calendar periods themselves.
    private func window(_ node: YAMLNode) -> DurationValue? {
        guard let window = specs.window(node) else { return nil }
        guard case .rolling(let duration) = window.value else {
            reader.error(
                .invalidWindow,
                "the default `window` must be a rolling duration such as `30d`; set calendar periods (`\(CalendarPeriod.month.rawValue)`) in the specs that use them",
                at: node.location)
            return nil
        }
        return duration
    }

    private func url(_ node: YAMLNode, _ what: String) -> String? {
        guard let text = reader.string(node, what) else { return nil }
        let lower = text.value.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !text.value.contains(" ") else {
            reader.error(
                .wrongType, "\(what) must be an http:// or https:// URL such as `https://runbooks.example.com/`",
                at: node.location)
            return nil
        }
        return text.value
    }

    private func labels(_ labels: [LabelSpec]) -> [String: String] {
        Dictionary(labels.map { ($0.name.value, $0.value.value) }, uniquingKeysWith: { $1 })
    }

    /// Kubernetes labels (checked names and values) or annotations (checked names).
    private func kubernetesMap(_ node: YAMLNode, _ what: String, values checkValues: Bool) -> [String: String] {
        guard case .mapping(let pairs) = node.kind else {
            if !node.isNull {
                reader.error(
                    .wrongType, "\(what) must be a mapping of `name: value` lines, not \(node.kindName)",
                    at: node.location)
            }
            return [:]
        }
        var result: [String: String] = [:]
        for pair in pairs {
            let key = pair.keyText
            guard KubernetesNames.isValidKey(key) else {
                reader.error(
                    .invalidLabelName,
                    "`\(key)` is not a Kubernetes label or annotation name; use an optional DNS prefix and `/`, then letters, digits, `-`, `_` and `.` (at most 63), e.g. `release`",
                    at: pair.key.location)
                continue
            }
            guard let value = reader.string(pair.value, "the value of `\(key)`") else { continue }
            if checkValues, !KubernetesNames.isValidLabelValue(value.value) {
                reader.error(
                    .invalidLabelValue,
                    "`\(value.value)` is not a Kubernetes label value; use at most 63 letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit",
                    at: pair.value.location)
                continue
            }
            result[key] = value.value
        }
        return result
    }
}

/// Kubernetes' rules for the names the config puts into `PrometheusRule` metadata; the API
/// server rejects an object that breaks them, so the compiler does first.
enum KubernetesNames {
    /// A DNS label: lowercase letters, digits and inner `-`, at most 63.
    static func isValidNamespace(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
            isLowerOrDigit(first), isLowerOrDigit(last)
        else { return false }
        return bytes.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// `[prefix/]name`: an optional DNS subdomain prefix, a name of at most 63 letters, digits,
    /// `-`, `_`, `.`, starting and ending with a letter or digit.
    static func isValidKey(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.last, isValidLabelValue(String(name)), !name.isEmpty else {
            return false
        }
        guard parts.count == 2 else { return true }
        let prefix = parts[0]
        return (1...253).contains(prefix.utf8.count)
            && prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
                isValidNamespace(String($0))
            }
    }

    /// Empty, or at most 63 letters, digits, `-`, `_`, `.`, starting and ending with a letter or digit.
    static func isValidLabelValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last else { return true }
        guard bytes.count <= 63, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    private static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerOrDigit(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}

extension ProjectConfig {
    /// Reads a project config; nil when it has errors, each of which is in `diagnostics`.
    ///
    /// Load (libyaml, the byte checks and limits), then the config's own decoder: the file gets
    /// the same checks as a spec.
    public static func decode(_ file: SourceFile, diagnostics: DiagnosticCollector) -> ProjectConfig? {
        let documents = YAMLLoader().load(file, diagnostics: diagnostics)
        guard let document = documents.first else { return nil }
        if documents.count > 1 {
            diagnostics.error(
                .tooManyDocuments, "the project config is one YAML document; remove the `---` and what follows",
                at: documents[1].root.location)
            return nil
        }
        return ProjectConfigDecoder(diagnostics: diagnostics).decode(document)
    }
}
