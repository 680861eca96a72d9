/// Builds located nodes from libyaml events by recursive descent, enforcing our own limits.
struct YAMLComposer {
    let file: SourceFile
    let limits: InputLimits
    let diagnostics: DiagnosticCollector
    private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    private var aliasExpansion = 0
    private var nodeCount = 0

    /// The last line of the file, and the column just after its text.
    private let end: (line: Int, column: Int)

    init(file: SourceFile, limits: InputLimits, diagnostics: DiagnosticCollector) {
        self.file = file
        self.limits = limits
        self.diagnostics = diagnostics
        end = file.endPosition
    }

    /// A fatal problem: composing stops and the file yields no documents.
    private struct Abort: Error {}

    mutating func compose() -> [YAMLDocument] {
        let reader = LibYAMLEventReader(bytes: file.bytes)
        var documents: [YAMLDocument] = []
        do {
            while let event = try next(reader) {
                switch event {
                case .documentStart(let start):
                    if documents.count >= limits.maxDocuments {
                        throw failure(
                            .tooManyDocuments,
                            "more than \(limits.maxDocuments) documents in one file; split it into several files",
                            at: start)
                    }
                    anchors = [:]
                    guard let first = try next(reader) else { throw Abort() }
                    let (root, _) = try node(from: first, reader: reader, depth: 1)
                    // An empty document (a trailing `---`) carries nothing to check.
                    if !root.isNull { documents.append(YAMLDocument(root: root, file: file.path)) }
                case .streamEnd:
                    return documents
                default:
                    continue
                }
            }
        } catch {
            return []
        }
        return documents
    }

    private mutating func next(_ reader: LibYAMLEventReader) throws(Abort) -> YAMLEvent? {
        do {
            return try reader.next()
        } catch {
            report(error)
            throw Abort()
        }
    }

    /// One node and its weight (how many nodes it expands to, for the alias limit), by recursive
    /// descent over the events.
    private mutating func node(
        from event: YAMLEvent, reader: LibYAMLEventReader, depth: Int
    ) throws(Abort) -> (YAMLNode, Int) {
        nodeCount += 1
        if nodeCount > limits.maxNodes {
            throw failure(.tooManyItems, "more than \(limits.maxNodes) YAML nodes in one file; split it", at: nil)
        }
        switch event {
        case .scalar(let value, let anchor, let tag, let style, let start, let end):
            return try scalar(value, anchor: anchor, tag: tag, style: style, start: start, end: end)
        case .alias(let anchor, let start, _):
            return try alias(anchor, at: start)
        case .sequenceStart(let anchor, let tag, let flow, let start):
            return try sequence(anchor: anchor, tag: tag, flow: flow, start: start, reader: reader, depth: depth)
        case .mappingStart(let anchor, let tag, let flow, let start):
            return try mapping(anchor: anchor, tag: tag, flow: flow, start: start, reader: reader, depth: depth)
        default:
            throw failure(.yamlSyntax, "unexpected YAML event", at: nil)
        }
    }

    private mutating func scalar(
        _ value: String, anchor: String?, tag: String?, style: YAMLScalar.Style, start: YAMLEvent.Mark,
        end: YAMLEvent.Mark
    ) throws(Abort) -> (YAMLNode, Int) {
        if value.utf8.count > limits.maxScalarBytes {
            throw failure(
                .scalarTooLong,
                "a value of \(value.utf8.count) bytes is over the limit of \(limits.maxScalarBytes); shorten it",
                at: start)
        }
        let node = YAMLNode(
            kind: .scalar(YAMLScalar(value: value, style: style)),
            range: SourceRange(start: location(start), end: location(end)), tag: try checkedTag(tag, at: start))
        remember(anchor, node, weight: 1)
        return (node, 1)
    }

    /// The anchored node again; its weight counts against the alias limit ("billion laughs").
    private mutating func alias(_ anchor: String, at start: YAMLEvent.Mark) throws(Abort) -> (YAMLNode, Int) {
        guard let target = anchors[anchor] else {
            throw failure(
                .unknownAlias, "alias *\(anchor) names no anchor defined before it; define `&\(anchor)` first",
                at: start)
        }
        aliasExpansion += target.weight
        if aliasExpansion > limits.maxAliasExpansion {
            throw failure(
                .aliasExpansionLimit,
                "aliases expand to more than \(limits.maxAliasExpansion) nodes; write the values out instead of nesting aliases",
                at: start)
        }
        return target
    }

    private mutating func sequence(
        anchor: String?, tag: String?, flow: Bool, start: YAMLEvent.Mark, reader: LibYAMLEventReader, depth: Int
    ) throws(Abort) -> (YAMLNode, Int) {
        try checkDepth(depth, at: start)
        var items: [YAMLNode] = []
        var weight = 1
        var endMark = start
        while let child = try next(reader) {
            if case .sequenceEnd(let end) = child {
                endMark = end
                break
            }
            let (item, itemWeight) = try node(from: child, reader: reader, depth: depth + 1)
            items.append(item)
            weight += itemWeight
        }
        let node = YAMLNode(
            kind: .sequence(items), range: range(start: start, end: endMark, flow: flow, last: items.last),
            tag: try checkedTag(tag, at: start))
        remember(anchor, node, weight: weight)
        return (node, weight)
    }

    /// A mapping's pairs: duplicate keys are reported at the second with a note at the first, and
    /// merge keys (`<<: *defaults`) add pairs the mapping does not write itself.
    private mutating func mapping(
        anchor: String?, tag: String?, flow: Bool, start: YAMLEvent.Mark, reader: LibYAMLEventReader, depth: Int
    ) throws(Abort) -> (YAMLNode, Int) {
        try checkDepth(depth, at: start)
        var pairs: [YAMLPair] = []
        var merged: [YAMLPair] = []
        var firstKeys: [String: SourceLocation] = [:]
        var weight = 1
        var endMark = start
        while let keyEvent = try next(reader) {
            if case .mappingEnd(let end) = keyEvent {
                endMark = end
                break
            }
            let (key, keyWeight) = try node(from: keyEvent, reader: reader, depth: depth + 1)
            guard let valueEvent = try next(reader) else { throw Abort() }
            let (value, valueWeight) = try node(from: valueEvent, reader: reader, depth: depth + 1)
            weight += keyWeight + valueWeight
            guard case .scalar(let keyScalar) = key.kind else {
                diagnostics.error(
                    .complexKey, "a mapping key must be a plain name, not a list or mapping", at: key.location)
                continue
            }
            if keyScalar.value == "<<", keyScalar.style == .plain {
                merged += mergePairs(value)
                continue
            }
            if let first = firstKeys[keyScalar.value] {
                diagnostics.error(
                    .duplicateKey, "duplicate key `\(keyScalar.value)`; remove one of the two or merge them",
                    at: key.location, notes: [.init("`\(keyScalar.value)` is first defined here", at: first)])
                continue
            }
            firstKeys[keyScalar.value] = key.location
            pairs.append(YAMLPair(key: key, value: value))
        }
        // Merge keys (`<<: *defaults`): explicit keys win, earlier merged mappings win over later.
        for pair in merged where firstKeys[pair.keyText] == nil {
            firstKeys[pair.keyText] = pair.key.location
            pairs.append(pair)
        }
        let node = YAMLNode(
            kind: .mapping(pairs), range: range(start: start, end: endMark, flow: flow, last: pairs.last?.value),
            tag: try checkedTag(tag, at: start))
        remember(anchor, node, weight: weight)
        return (node, weight)
    }

    /// The pairs a `<<` merge key brings in: a mapping, or a list of mappings.
    private mutating func mergePairs(_ value: YAMLNode) -> [YAMLPair] {
        switch value.kind {
        case .mapping(let pairs):
            return pairs
        case .sequence(let items):
            var result: [YAMLPair] = []
            for item in items {
                guard case .mapping(let pairs) = item.kind else {
                    diagnostics.emit(
                        .error(.wrongType, "`<<` merges mappings only; this item is not a mapping", at: item.location))
                    continue
                }
                result += pairs
            }
            return result
        case .scalar:
            diagnostics.emit(
                .error(
                    .wrongType, "`<<` must be followed by an alias of a mapping, e.g. `<<: *defaults`",
                    at: value.location))
            return []
        }
    }

    private mutating func remember(_ anchor: String?, _ node: YAMLNode, weight: Int) {
        if let anchor { anchors[anchor] = (node, weight) }
    }

    private mutating func checkDepth(_ depth: Int, at start: YAMLEvent.Mark) throws(Abort) {
        if depth > limits.maxDepth {
            throw failure(
                .nestingTooDeep, "nesting is deeper than \(limits.maxDepth) levels; a spec never needs that many",
                at: start)
        }
    }

    /// Only YAML's core tags are allowed: custom tags would change meaning silently.
    private mutating func checkedTag(_ tag: String?, at mark: YAMLEvent.Mark) throws(Abort) -> String? {
        guard let tag else { return nil }
        let prefix = "tag:yaml.org,2002:"
        let short = tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
        let allowed: Set<String> = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!"]
        guard allowed.contains(short) else {
            diagnostics.emit(
                .error(
                    .unsupportedTag,
                    "tag `\(short)` is not supported; remove it (only !!str, !!int, !!float, !!bool, !!null, !!map, !!seq)",
                    at: location(mark)))
            return nil
        }
        return short
    }

    /// Block collections' end events point at the next token, so a block node ends where its
    /// last child ends; flow collections end after their closing bracket.
    private func range(start: YAMLEvent.Mark, end: YAMLEvent.Mark, flow: Bool, last: YAMLNode?) -> SourceRange {
        let startLocation = location(start)
        if !flow, let last { return SourceRange(start: startLocation, end: last.range.end) }
        return SourceRange(start: startLocation, end: location(end))
    }

    /// libyaml ends a stream without a final line break on a line of its own, after the file;
    /// such marks point at the end of the last line instead.
    private func location(_ mark: YAMLEvent.Mark) -> SourceLocation {
        guard mark.line + 1 <= end.line else {
            return SourceLocation(file: file.path, line: end.line, column: end.column)
        }
        return SourceLocation(file: file.path, line: mark.line + 1, column: mark.column + 1)
    }

    /// Records a fatal diagnostic; the caller throws the result to stop composing.
    private mutating func failure(_ code: DiagnosticCode, _ message: String, at mark: YAMLEvent.Mark?) -> Abort {
        let position = mark.map(location) ?? SourceLocation(file: file.path, line: 1, column: 1)
        diagnostics.emit(.error(code, message, at: position))
        return Abort()
    }

    private mutating func report(_ error: YAMLSyntaxError) {
        let position = location(error.problemMark)
        if file.scalar(line: position.line, column: position.column) == "\t" {
            diagnostics.emit(
                .error(.tabIndentation, "tab character used for indentation; indent with spaces", at: position))
            return
        }
        var message = error.problem
        if let context = error.context { message += " " + context }
        var notes: [Diagnostic.Note] = []
        var primary = position
        if let contextMark = error.contextMark, let context = error.context {
            // Scanner errors ("while scanning a quoted scalar") and flow collections are reported
            // where the unfinished construct starts: libyaml's problem mark is often past it,
            // at the next line or the end of the file. Block-mapping errors keep the problem mark.
            let opener = location(contextMark)
            if context.hasPrefix("while scanning") || context.contains("flow") {
                primary = opener
                notes.append(.init("libyaml noticed the problem here", at: position))
            } else {
                notes.append(.init("the construct started here", at: opener))
            }
        }
        diagnostics.emit(.error(.yamlSyntax, "YAML syntax error: \(message)", at: primary, notes: notes))
    }
}
