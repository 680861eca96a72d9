/// An Alertmanager config as the live server reports it (`/api/v2/status` → `config.original`),
/// reduced to what decides where an alert goes: the routing tree, the receivers and the inhibit
/// rules. `slo doctor` walks it with each generated alert's labels, as Alertmanager would.
struct AlertmanagerRouting: Sendable {
    struct Route: Sendable {
        var receiver: String
        var matchers: [LabelMatcher]
        var continues: Bool
        var routes: [Route]
    }

    struct InhibitRule: Sendable {
        var source: [LabelMatcher]
        var target: [LabelMatcher]
        var equal: [String]
    }

    /// `name="value"`, `name=~"regex"`, `name!="value"`, `name!~"regex"` (regexes anchored, as
    /// Alertmanager anchors them); a missing label reads as the empty string.
    struct LabelMatcher: Sendable, CustomStringConvertible {
        var name: String
        var op: PromQLLabelMatcher.Operator
        var value: String

        func matches(_ labels: [String: String]) -> Bool {
            let actual = labels[name] ?? ""
            switch op {
            case .equal: return actual == value
            case .notEqual: return actual != value
            case .regexMatch: return Self.fullMatch(value, actual)
            case .regexNoMatch: return !Self.fullMatch(value, actual)
            }
        }

        var description: String { "\(name)\(op.rawValue)\"\(value)\"" }

        private static func fullMatch(_ pattern: String, _ text: String) -> Bool {
            guard let regex = try? Regex("^(?:\(pattern))$") else { return false }
            return (try? regex.wholeMatch(in: text)) != nil
        }

        /// One entry of a `matchers:` list; nil when it is not a matcher.
        init?(parsing text: String) {
            var body = String(text.trimmingWhitespace)
            if body.hasPrefix("{"), body.hasSuffix("}") {
                body = String(String(body.dropFirst().dropLast()).trimmingWhitespace)
            }
            let operators: [PromQLLabelMatcher.Operator] = [.regexMatch, .regexNoMatch, .notEqual, .equal]
            guard
                let (op, range) = operators.lazy.compactMap({ op in body.firstRange(of: op.rawValue).map { (op, $0) } })
                    .min(by: { $0.1.lowerBound < $1.1.lowerBound })
            else { return nil }
            name = String(String(body[..<range.lowerBound]).trimmingWhitespace)
            var value = String(String(body[range.upperBound...]).trimmingWhitespace)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast()).replacingAll("\\\"", with: "\"").replacingAll(
                    "\\\\", with: "\\")
            }
            self.op = op
            self.value = value
            guard !name.isEmpty else { return nil }
        }

        init(name: String, op: PromQLLabelMatcher.Operator, value: String) {
            self.name = name
            self.op = op
            self.value = value
        }
    }

    var root: Route
    /// Receiver name → whether it sends anything (has at least one `*_configs` entry).
    var receivers: [String: Bool]
    var inhibitRules: [InhibitRule]

    /// The receivers an alert with `labels` reaches, in order (several with `continue: true`).
    func receivers(for labels: [String: String]) -> [String] {
        func walk(_ route: Route) -> [String] {
            var reached: [String] = []
            for child in route.routes where child.matchers.allSatisfy({ $0.matches(labels) }) {
                reached += walk(child)
                if !child.continues { break }
            }
            return reached.isEmpty ? [route.receiver] : reached
        }
        return walk(root)
    }

    /// The inhibit rules that silence `target` while `source` fires.
    func inhibitions(of target: [String: String], by source: [String: String]) -> [InhibitRule] {
        inhibitRules.filter { rule in
            rule.target.allSatisfy { $0.matches(target) } && rule.source.allSatisfy { $0.matches(source) }
                && rule.equal.allSatisfy { target[$0] == source[$0] }
        }
    }

    /// Reads Alertmanager's YAML; nil when it has no root route.
    init?(yaml: YAMLNode) {
        let top = Self.fields(yaml)
        guard let route = top["route"] else { return nil }
        func readRoute(_ node: YAMLNode, inherited: String) -> Route {
            let fields = Self.fields(node)
            let receiver = fields["receiver"].flatMap(Self.text) ?? inherited
            var matchers = Self.list(fields["matchers"]).compactMap(LabelMatcher.init(parsing:))
            matchers += Self.pairs(fields["match"]).map { LabelMatcher(name: $0, op: .equal, value: $1) }
            matchers += Self.pairs(fields["match_re"]).map { LabelMatcher(name: $0, op: .regexMatch, value: $1) }
            let children: [YAMLNode] = if case .sequence(let items)? = fields["routes"]?.kind { items } else { [] }
            return Route(
                receiver: receiver, matchers: matchers,
                continues: fields["continue"].flatMap(Self.text) == "true",
                routes: children.map { readRoute($0, inherited: receiver) })
        }
        root = readRoute(route, inherited: "")
        var receivers: [String: Bool] = [:]
        if case .sequence(let items)? = top["receivers"]?.kind {
            for item in items {
                let fields = Self.fields(item)
                guard let name = fields["name"].flatMap(Self.text) else { continue }
                receivers[name] = fields.contains { key, value in
                    guard key.hasSuffix("_configs"), case .sequence(let entries) = value.kind else { return false }
                    return !entries.isEmpty
                }
            }
        }
        self.receivers = receivers
        var rules: [InhibitRule] = []
        if case .sequence(let items)? = top["inhibit_rules"]?.kind {
            for item in items {
                let fields = Self.fields(item)
                func side(_ prefix: String) -> [LabelMatcher] {
                    Self.list(fields[prefix + "_matchers"]).compactMap(LabelMatcher.init(parsing:))
                        + Self.pairs(fields[prefix + "_match"]).map { LabelMatcher(name: $0, op: .equal, value: $1) }
                        + Self.pairs(fields[prefix + "_match_re"]).map {
                            LabelMatcher(name: $0, op: .regexMatch, value: $1)
                        }
                }
                rules.append(
                    InhibitRule(source: side("source"), target: side("target"), equal: Self.list(fields["equal"])))
            }
        }
        inhibitRules = rules
    }

    private static func fields(_ node: YAMLNode) -> [String: YAMLNode] {
        guard case .mapping(let pairs) = node.kind else { return [:] }
        return Dictionary(pairs.map { ($0.keyText, $0.value) }) { $1 }
    }

    private static func text(_ node: YAMLNode) -> String? {
        if case .scalar(let scalar) = node.kind { return scalar.value }
        return nil
    }

    private static func list(_ node: YAMLNode?) -> [String] {
        guard case .sequence(let items)? = node?.kind else { return [] }
        return items.compactMap(text)
    }

    private static func pairs(_ node: YAMLNode?) -> [(String, String)] {
        guard let node else { return [] }
        return fields(node).compactMap { key, value in text(value).map { (key, $0) } }.sorted { $0.0 < $1.0 }
    }
}
