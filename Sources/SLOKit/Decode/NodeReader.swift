/// Typed access to YAML nodes that reports every mismatch as a located diagnostic.
///
/// Decoding goes on after an error so one run shows every problem in a file; a failed read
/// returns nil and the caller skips what depends on it.
final class NodeReader {
    let diagnostics: DiagnosticCollector

    init(diagnostics: DiagnosticCollector) {
        self.diagnostics = diagnostics
    }

    func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, notes: [Diagnostic.Note] = [],
        fixIt: Diagnostic.FixIt? = nil
    ) {
        diagnostics.error(code, message, at: location, notes: notes, fixIt: fixIt)
    }

    func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, fixIt: Diagnostic.FixIt? = nil)
    {
        diagnostics.warning(code, message, at: location, fixIt: fixIt)
    }

    /// A mapping's fields by key, after reporting keys not in `allowed` (with a did-you-mean).
    ///
    /// `unknownKeys: .warning` is for imported formats whose own tools ignore unknown keys: the
    /// spec still compiles, but the typo is pointed out. `homes` names where a key the format
    /// knows, but not here, belongs (`groupBy` → under `sli`): a key in the wrong place is told
    /// where to move rather than guessed at as a typo.
    func mapping(
        _ node: YAMLNode, _ what: String, allowed: [String], unknownKeys: Diagnostic.Severity = .error,
        homes: [String: String] = [:]
    ) -> Fields? {
        guard case .mapping(let pairs) = node.kind else {
            error(
                .wrongType, "\(what) must be a mapping of `key: value` lines, not \(node.kindName)", at: node.location)
            return nil
        }
        var byKey: [String: YAMLPair] = [:]
        var misspelled = Set<String>()
        let written = Set(pairs.map(\.keyText))
        for pair in pairs {
            let key = pair.keyText
            guard allowed.contains(key) else {
                var message = "unknown key `\(key)` in \(what)"
                var fixIt: Diagnostic.FixIt?
                if let home = homes[key] {
                    message = "`\(key)` does not belong in \(what); move it \(home)"
                } else if let suggestion = Suggestion.closest(to: key, in: allowed) {
                    message += "; did you mean `\(suggestion)`?"
                    misspelled.insert(suggestion)
                    // Renaming onto a key that is already there would only trade this for a duplicate.
                    if !written.contains(suggestion) {
                        fixIt = .init(replacing: pair.key.range, with: Self.scalarText(suggestion))
                    }
                } else {
                    message += "; allowed keys: \(allowed.map { "`\($0)`" }.joined(separator: ", "))"
                }
                if unknownKeys == .error {
                    error(.unknownKey, message, at: pair.key.location, fixIt: fixIt)
                } else {
                    warning(.unknownKey, message + " (ignored)", at: pair.key.location, fixIt: fixIt)
                }
                continue
            }
            byKey[key] = pair
        }
        return Fields(node: node, what: what, pairs: byKey, misspelled: misspelled, reader: self)
    }

    /// The fields of one mapping, read by key.
    struct Fields {
        let node: YAMLNode
        let what: String
        let pairs: [String: YAMLPair]
        /// Allowed keys that an unknown key was probably meant to be: one typo, one diagnostic.
        let misspelled: Set<String>
        let reader: NodeReader

        /// The value under `key`, nil when absent or written as null.
        subscript(_ key: String) -> YAMLNode? {
            guard let value = pairs[key]?.value, !value.isNull else { return nil }
            return value
        }

        func has(_ key: String) -> Bool { pairs[key] != nil }

        func keyLocation(_ key: String) -> SourceLocation? { pairs[key]?.key.location }

        /// The value under a required key, or a diagnostic at the mapping when it is missing.
        func required(_ key: String, hint: String) -> YAMLNode? {
            if let value = self[key] { return value }
            if pairs[key] == nil, misspelled.contains(key) { return nil }
            let location = pairs[key]?.value.location ?? node.location
            reader.error(.missingField, "\(what) needs `\(key)`: \(hint)", at: location)
            return nil
        }
    }

    /// `value` as YAML source that reads back as that string: plain when it is safe, else in
    /// double quotes (a suggested name such as `null` or `1.5` must stay text).
    static func scalarText(_ value: String) -> String {
        let plain =
            !value.isEmpty && YAMLNumber.parse(value) == nil
            && !["null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"].contains(value.lowercased())
            && value.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./".unicodeScalars.contains($0))
            }
            && value.unicodeScalars.first.map { !"-./".unicodeScalars.contains($0) } == true
        if plain { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    func string(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard case .scalar(let scalar) = node.kind, node.tag != "!!null" else {
            error(.wrongType, "\(what) must be a text value, not \(node.kindName)", at: node.location)
            return nil
        }
        return Located(scalar.value, node.range)
    }

    /// A number written as a plain YAML number (a quoted "99.9" is text, and says so).
    func number(_ node: YAMLNode, _ what: String) -> Located<Double>? {
        guard case .scalar(let scalar) = node.kind else {
            error(.wrongType, "\(what) must be a number, not \(node.kindName)", at: node.location)
            return nil
        }
        guard scalar.style == .plain || node.tag == "!!float" || node.tag == "!!int",
            let value = YAMLNumber.parse(scalar.value), value.isFinite
        else {
            // A number in quotes, or a percentage written with `%` ("99.95%"): the fix is the
            // bare number, which replaces the whole value, quotes and all.
            let text = String(scalar.value.trimmingWhitespace)
            let number = text.hasSuffix("%") ? String(String(text.dropLast()).trimmingWhitespace) : text
            guard let value = YAMLNumber.parse(number), value.isFinite else {
                error(.wrongType, "\(what) must be a number, not `\(scalar.value)`", at: node.location)
                return nil
            }
            let fixed = NumberFormat.clean(value)
            let why = text.hasSuffix("%") ? "a plain number of percent, without `%`" : "a number, not text in quotes"
            error(
                .wrongType, "\(what) must be \(why): write `\(fixed)`", at: node.location,
                fixIt: .init(replacing: node.range, with: fixed))
            return nil
        }
        return Located(value, node.range)
    }

    func bool(_ node: YAMLNode, _ what: String) -> Located<Bool>? {
        guard case .scalar(let scalar) = node.kind, scalar.style == .plain || node.tag == "!!bool" else {
            error(.wrongType, "\(what) must be `true` or `false`", at: node.location)
            return nil
        }
        switch scalar.value {
        case "true", "True", "TRUE": return Located(true, node.range)
        case "false", "False", "FALSE": return Located(false, node.range)
        default:
            error(.wrongType, "\(what) must be `true` or `false`, not `\(scalar.value)`", at: node.location)
            return nil
        }
    }

    func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        guard case .sequence(let items) = node.kind else {
            error(
                .wrongType, "\(what) must be a list (`- item` lines or `[a, b]`), not \(node.kindName)",
                at: node.location)
            return nil
        }
        return items
    }

    func duration(_ node: YAMLNode, _ what: String) -> Located<DurationValue>? {
        guard let text = string(node, what) else { return nil }
        guard let value = DurationValue(parsing: text.value), value.milliseconds > 0 else {
            error(
                .invalidDuration,
                "\(what) `\(text.value)` is not a duration; write a number and a unit, e.g. `5m`, `1h`, `30d`, `4w`",
                at: node.location)
            return nil
        }
        return Located(value, node.range)
    }

    func query(_ node: YAMLNode, _ what: String) -> QuerySpec? {
        guard let text = string(node, what) else { return nil }
        guard case .scalar(let scalar) = node.kind else { return nil }
        if text.value.trimmingWhitespace.isEmpty {
            error(.missingField, "\(what) is empty; write a PromQL selector or query", at: node.location)
            return nil
        }
        return QuerySpec(text: text.value, source: ScalarSource(range: node.range, style: scalar.style))
    }
}

extension YAMLNode {
    var isNonEmptySequence: Bool {
        if case .sequence(let items) = kind { return !items.isEmpty }
        return false
    }

    /// How a node's kind reads in a message: "a list", "a mapping", "the text `x`".
    var kindName: String {
        switch kind {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): isNull ? "an empty value" : "`\(scalar.value.prefix(40))`"
        }
    }
}
