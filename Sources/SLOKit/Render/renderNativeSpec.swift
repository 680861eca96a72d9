/// Writes a decoded spec back as `slo/v1`: how `slo convert` migrates Sloth and OpenSLO specs.
///
/// The output decodes to the same spec tree (defaults are written out, e.g. the window an imported
/// spec took from `--window`), so compiling it gives the same rules as compiling the original.
/// The source's comments (`sourceComments`, those of the spec's own lines) are carried over to
/// the key written from the value they stood above or beside.
func renderNativeSpec(
    _ spec: ServiceSpec, comments: [String], sourceComments: [SourceComment] = [], source: [YAMLDocument] = []
) -> String {
    var header = "# Converted by `slo convert` from \(spec.file) (\(spec.format.rawValue)).\n"
    for comment in comments { header += "# \(comment)\n" }
    header += "\n"
    var builder = NativeSpecBuilder(file: spec.file, keyLines: NativeSpecBuilder.keyLines(source))
    let value = builder.document(spec)
    let output = YAMLEmitter.emit(value, header: header)
    return NativeSpecComments.insert(sourceComments, into: output, anchors: builder.anchors) ?? output
}

/// One step of the path from a document's root to a node: a mapping key or a list index.
enum YAMLPathStep: Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// Builds the `slo/v1` document and records, for each key written, the source line of the value
/// it came from (its anchor), so comments can follow their value into the output.
private struct NativeSpecBuilder {
    let file: String
    /// In the order the keys are written: a parent before its children. Lines are doubled, so a
    /// key known only by its first child's line can sit half a line above it.
    var anchors: [(path: [YAMLPathStep], line: Int)] = []
    /// The source line of the key whose value starts at a location.
    let keyLines: [SourceLocation: Int]
    private var path: [YAMLPathStep] = []

    init(file: String, keyLines: [SourceLocation: Int]) {
        self.file = file
        self.keyLines = keyLines
    }

    /// Where each value of the source starts, mapped to its key's line.
    static func keyLines(_ documents: [YAMLDocument]) -> [SourceLocation: Int] {
        var lines: [SourceLocation: Int] = [:]
        func visit(_ node: YAMLNode) {
            switch node.kind {
            case .scalar: break
            case .sequence(let items): items.forEach(visit)
            case .mapping(let pairs):
                for pair in pairs {
                    lines[pair.value.range.start] = pair.key.range.start.line
                    visit(pair.value)
                }
            }
        }
        documents.forEach { visit($0.root) }
        return lines
    }

    /// An anchor at the key whose value starts at `location` (a mapping starts at its first key,
    /// so `labels` given its first label's location finds `labels:`). A container whose key is
    /// not found (the `slos` list, known by its first item) goes half a line above that item;
    /// anything else is anchored at its own line.
    private mutating func anchor(_ step: YAMLPathStep, _ location: SourceLocation?, container: Bool = false) {
        guard let location, location.file == file, location.hasPosition else { return }
        let line = keyLines[location].map { 2 * $0 } ?? (2 * location.line - (container ? 1 : 0))
        anchors.append((path + [step], line))
    }

    /// `key: value` with its anchor; `build` runs with the path extended by the key.
    private mutating func pair(
        _ key: String, at location: SourceLocation?, container: Bool = false,
        _ build: (inout NativeSpecBuilder) -> YAMLValue
    ) -> (String, YAMLValue) {
        anchor(.key(key), location, container: container)
        path.append(.key(key))
        defer { path.removeLast() }
        return (key, build(&self))
    }

    mutating func document(_ spec: ServiceSpec) -> YAMLValue {
        var document: [(String, YAMLValue)] = [
            pair("version", at: spec.version.location) { _ in .string("slo/v1") },
            pair("service", at: spec.service.location) { _ in .string(spec.service.value) },
        ]
        if let description = spec.description {
            document.append(pair("description", at: description.location) { _ in .string(description.value) })
        }
        if !spec.labels.isEmpty {
            document.append(pair("labels", at: spec.labels.first?.name.location) { $0.labels(spec.labels) })
        }
        if let window = spec.window {
            document.append(pair("window", at: window.location) { _ in .string(windowText(window.value)) })
        }
        if let alerting = spec.alerting {
            document.append(pair("alerting", at: alerting.range.start) { $0.alerting(alerting) })
        }
        document.append(
            pair("slos", at: spec.slos.first?.range.start, container: true) { builder in
                .sequence(
                    spec.slos.enumerated().map { index, slo in
                        builder.anchor(.index(index), slo.range.start)
                        builder.path.append(.index(index))
                        defer { builder.path.removeLast() }
                        return builder.slo(slo)
                    })
            })
        return .mapping(document)
    }

    private mutating func labels(_ labels: [LabelSpec]) -> YAMLValue {
        .mapping(
            labels.map { label in pair(label.name.value, at: label.name.location) { _ in .string(label.value.value) } })
    }

    private mutating func slo(_ slo: SLOSpec) -> YAMLValue {
        var pairs = [pair("name", at: slo.name.location) { _ in .string(slo.name.value) }]
        if let description = slo.description {
            pairs.append(pair("description", at: description.location) { _ in .string(description.value) })
        }
        pairs.append(pair("objective", at: slo.objective.location) { _ in .number(slo.objective.value) })
        if let window = slo.window {
            pairs.append(pair("window", at: window.location) { _ in .string(windowText(window.value)) })
        }
        if let budgeting = slo.budgeting {
            pairs.append(pair("budgeting", at: budgeting.location) { _ in .string(budgeting.value.rawValue) })
        }
        pairs.append(pair("sli", at: slo.sli.range.start) { $0.sli(slo.sli) })
        if !slo.labels.isEmpty {
            pairs.append(pair("labels", at: slo.labels.first?.name.location) { $0.labels(slo.labels) })
        }
        if let alerting = slo.alerting {
            pairs.append(pair("alerting", at: alerting.range.start) { $0.alerting(alerting) })
        }
        return .mapping(pairs)
    }

    private mutating func query(_ key: String, _ query: QuerySpec) -> (String, YAMLValue) {
        pair(key, at: query.source.range.start) { _ in .string(query.text) }
    }

    private mutating func sli(_ sli: SLISpec) -> YAMLValue {
        var pairs: [(String, YAMLValue)]
        switch sli.kind {
        case .errors(let errors, let total): pairs = [query("errors", errors), query("total", total)]
        case .good(let good, let total): pairs = [query("good", good), query("total", total)]
        case .errorRatio(let ratio): pairs = [query("errorRatio", ratio)]
        case .latency(let latency):
            pairs = [
                pair("latency", at: latency.metric.location) { builder in
                    var fields = [
                        builder.pair("metric", at: latency.metric.location) { _ in .string(latency.metric.value) }
                    ]
                    if let selector = latency.selector { fields.append(builder.query("selector", selector)) }
                    fields.append(
                        builder.pair("threshold", at: latency.threshold.location) { _ in
                            .number(latency.threshold.value)
                        })
                    return .mapping(fields)
                }
            ]
        case .timeslice(let slice):
            let condition = "\(slice.good.value.op.rawValue) \(NumberFormat.clean(slice.good.value.value))"
            pairs = [
                pair("timeslice", at: slice.query.source.range.start) { builder in
                    .mapping([
                        builder.query("query", slice.query),
                        builder.pair("good", at: slice.good.location) { _ in .string(condition) },
                        builder.pair("slice", at: slice.slice.location) { _ in
                            .string(slice.slice.value.description)
                        },
                    ])
                }
            ]
        }
        if !sli.groupBy.isEmpty {
            pairs.append(
                pair("groupBy", at: sli.groupBy.first?.location) { _ in .sequence(sli.groupBy.map { .string($0.value) })
                })
        }
        return .mapping(pairs)
    }

    private mutating func alerting(_ alerting: AlertingSpec) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = []
        if let name = alerting.name { pairs.append(pair("name", at: name.location) { _ in .string(name.value) }) }
        if let disabled = alerting.disabled {
            pairs.append(pair("disabled", at: disabled.location) { _ in .bool(disabled.value) })
        }
        if !alerting.labels.isEmpty {
            pairs.append(pair("labels", at: alerting.labels.first?.name.location) { $0.labels(alerting.labels) })
        }
        if !alerting.annotations.isEmpty {
            pairs.append(
                pair("annotations", at: alerting.annotations.first?.name.location) {
                    $0.labels(alerting.annotations)
                })
        }
        let tiers: [(String, AlertTierSpec?)] = [
            ("page", alerting.page), ("ticket", alerting.ticket), ("budgetExhausted", alerting.budgetExhausted),
            ("noData", alerting.noData),
        ]
        for (key, tier) in tiers {
            guard let tier else { continue }
            pairs.append(
                pair(key, at: tier.range.start) { builder in
                    var fields: [(String, YAMLValue)] = []
                    if let disabled = tier.disabled {
                        fields.append(builder.pair("disabled", at: disabled.location) { _ in .bool(disabled.value) })
                    }
                    if !tier.labels.isEmpty {
                        fields.append(
                            builder.pair("labels", at: tier.labels.first?.name.location) { $0.labels(tier.labels) })
                    }
                    if !tier.annotations.isEmpty {
                        fields.append(
                            builder.pair("annotations", at: tier.annotations.first?.name.location) {
                                $0.labels(tier.annotations)
                            })
                    }
                    if let duration = tier.forDuration {
                        fields.append(
                            builder.pair("for", at: duration.location) { _ in .string(duration.value.description) })
                    }
                    return .mapping(fields)
                })
        }
        return .mapping(pairs)
    }
}

private func windowText(_ window: WindowSpec) -> String {
    switch window {
    case .rolling(let duration): duration.description
    case .calendar(let period): period.rawValue
    }
}

/// Puts source comments into an emitted document (libyaml's emitter writes none).
///
/// Each comment goes above the output key whose value came from the first source line after it
/// (a trailing comment: from its own line, else the next), with that key's indentation; one
/// after every value goes at the end. The result is loaded again and must have the same shape,
/// else the document is returned without comments: losing a comment is better than a broken spec.
enum NativeSpecComments {
    static func insert(
        _ comments: [SourceComment], into output: String, anchors: [(path: [YAMLPathStep], line: Int)]
    ) -> String? {
        guard !comments.isEmpty, !anchors.isEmpty else { return nil }
        let loader = YAMLLoader()
        let emitted = loader.load(SourceFile(path: "output", text: output))
        guard emitted.diagnostics.isEmpty, let root = emitted.documents.first?.root else { return nil }
        // Output line (0-based) of each anchor's key, in anchor order.
        let outputLines = anchors.map { outputLine(of: $0.path, in: root) }
        var before: [Int: [String]] = [:]
        var atEnd: [String] = []
        for comment in comments {
            // The first anchor (outermost when several share a line) at or after the comment.
            let target = 2 * (comment.trailing ? comment.line : comment.line + 1)
            var best: Int?
            for (index, anchor) in anchors.enumerated() where anchor.line >= target && outputLines[index] != nil {
                if best == nil || anchor.line < anchors[best!].line { best = index }
            }
            if let best, let line = outputLines[best] {
                before[line, default: []].append(comment.text)
            } else {
                atEnd.append(comment.text)
            }
        }
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var result: [String] = []
        for (index, line) in lines.enumerated() {
            let indent = String(line.prefix { $0 == " " })
            for text in before[index] ?? [] { result.append(indent + text) }
            result.append(line)
        }
        result += atEnd
        let commented = result.joined(separator: "\n") + "\n"
        let reloaded = loader.load(SourceFile(path: "output", text: commented))
        guard reloaded.diagnostics.isEmpty, let again = reloaded.documents.first?.root,
            shape(again) == shape(root)
        else { return nil }
        return commented
    }

    /// The 0-based output line of the key (or list item) at `path`.
    private static func outputLine(of path: [YAMLPathStep], in root: YAMLNode) -> Int? {
        var node = root
        var line: Int?
        for step in path {
            switch (step, node.kind) {
            case (.key(let key), .mapping(let pairs)):
                guard let pair = pairs.first(where: { $0.keyText == key }) else { return nil }
                line = pair.key.range.start.line - 1
                node = pair.value
            case (.index(let index), .sequence(let items)) where index < items.count:
                node = items[index]
                line = node.range.start.line - 1
            default: return nil
            }
        }
        return line
    }

    /// The document's structure and scalar values, without positions.
    private static func shape(_ node: YAMLNode) -> String {
        switch node.kind {
        case .scalar(let scalar): return "s(\(scalar.value.debugDescription))"
        case .sequence(let items): return "[" + items.map(shape).joined(separator: ",") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { "\($0.keyText.debugDescription):\(shape($0.value))" }.joined(separator: ",") + "}"
        }
    }
}
