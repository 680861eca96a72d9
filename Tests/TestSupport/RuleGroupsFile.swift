import Foundation

/// A rules file (`rules.yml`) split into its rule groups, so that a fire-test group can run
/// against only the rule groups of the SLOs it tests.
///
/// promtool evaluates every rule of the file at every step, so a test group of one SLO in a file
/// of four SLOs pays four times what it needs. Leaving the other SLOs' groups out cannot change
/// what the test sees when the kept groups are *self-contained*: every recorded `slo:` series they
/// read is selected by their own SLO's `slo_name` (so only groups of that SLO can have recorded
/// it, and those are kept too). When that does not hold, or the test reads series across SLOs
/// (the duplicate-series check `{__name__=~"slo:.*"}`), the whole file is used.
public struct RuleGroupsFile: Sendable {
    /// One `- name:` entry of `groups:`.
    public struct Group: Sendable {
        public let text: String
        /// The names of its alerts (`- alert:`).
        public let alerts: Set<String>
        /// The `slo_name` labels its rules write.
        public let sloNames: Set<String>
        /// Every recorded `slo:` series it reads is selected by one of `sloNames`.
        public let selfContained: Bool
    }

    /// Everything before the first group (`groups:` and comments).
    public let header: String
    public let groups: [Group]

    public init(_ text: String) {
        var header: [Substring] = []
        var chunks: [[Substring]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("- name: ") {
                chunks.append([line])
            } else if chunks.isEmpty {
                header.append(line)
            } else {
                chunks[chunks.count - 1].append(line)
            }
        }
        self.header = header.joined(separator: "\n")
        groups = chunks.map(Self.group)
    }

    static func group(_ lines: [Substring]) -> Group {
        var alerts = Set<String>()
        var names = Set<String>()
        for line in lines {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("- alert: ") { alerts.insert(String(trimmed.dropFirst(9))) }
            if trimmed.hasPrefix("slo_name: ") {
                names.insert(String(trimmed.dropFirst(10)).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
            }
        }
        let reads = lines.filter { !$0.drop { $0 == " " }.hasPrefix("- record: ") }
            .joined(separator: "\n").replacingOccurrences(of: "\\", with: "")
        let selfContained = reads.matches(of: /slo:[A-Za-z0-9_:]+(\{[^}]*\})?/).allSatisfy { match in
            guard let matchers = match.1 else { return false }
            return names.contains { matchers.contains("slo_name=\"\($0)\"") }
        }
        return Group(
            text: lines.joined(separator: "\n"), alerts: alerts, sloNames: names, selfContained: selfContained)
    }

    /// The SLOs a fire-test group tests: those it names by `slo_name` or by one of their alerts;
    /// nil when it reads series across SLOs (the duplicate-series check reads `{__name__=~…}`).
    public func sloNames(testedBy test: String) -> Set<String>? {
        if test.contains("__name__") { return nil }
        let alertNames = Set(test.matches(of: /alertname: ([^\s]+)/).map { String($0.1) })
        var sloNames = Set(test.matches(of: /slo_name(?:: |=")([A-Za-z0-9_.:-]+)/).map { String($0.1) })
        for group in groups where !group.alerts.isDisjoint(with: alertNames) { sloNames.formUnion(group.sloNames) }
        return sloNames
    }

    /// The rules file a fire-test group needs: the groups of every SLO it tests, or nil when only
    /// the whole file is safe (see the type's comment).
    public func rules(forTestGroup test: String) -> String? {
        guard let sloNames = sloNames(testedBy: test) else { return nil }
        let kept = groups.filter { !$0.sloNames.isDisjoint(with: sloNames) }
        guard !kept.isEmpty, kept.count < groups.count, kept.allSatisfy(\.selfContained) else { return nil }
        return ([header] + kept.map(\.text)).joined(separator: "\n") + "\n"
    }
}

extension RuleTestFile {
    /// Group `index` as a test file of its own that loads `rules` instead of the file's rules.
    public func file(ofGroup index: Int, loading rules: String) -> String {
        file(ofGroupText: groups[index], loading: rules)
    }

    func file(ofGroupText group: String, loading rules: String) -> String {
        var lines = header.components(separatedBy: "\n")
        if let start = lines.firstIndex(of: "rule_files:") {
            let end = lines[(start + 1)...].firstIndex { !$0.hasPrefix("- ") } ?? lines.endIndex
            lines.replaceSubrange((start + 1)..<end, with: ["- " + rules])
        }
        return lines.joined(separator: "\n") + "\ntests:\n" + group + "\n"
    }

    /// Group `index` cut into one group per SLO it tests, keyed by `slo_name`: the same input
    /// series, and of its alert and PromQL checks those of that SLO. nil when it tests one SLO or
    /// has a check that names none.
    ///
    /// The generator merges the scenarios of SLOs that share a timeline into one group, and
    /// promtool evaluates a group up to its last `eval_time`: a week-long SLO checked after an
    /// hour pays for the 20 hours a quarter-long SLO of the same group needs. Cut, each runs as
    /// long as its own checks and (with ``RuleGroupsFile/rules(forTestGroup:)``) against its own
    /// rules only; every check still runs once, on the same inputs.
    public func groupsBySLO(ofGroup index: Int, rules: RuleGroupsFile) -> [String: String]? {
        var preamble: [Substring] = []
        // A section is a key of the group (`  alert_rule_test:`) with its own lines, then its
        // list items (`  - …` and the deeper lines below each).
        var sections: [(name: [Substring], items: [[Substring]])] = []
        for line in groups[index].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  ") && !line.hasPrefix("   ") && !line.hasPrefix("  - ") {
                sections.append(([line], []))
            } else if let last = sections.indices.last {
                if line.hasPrefix("  - ") {
                    sections[last].items.append([line])
                } else if let item = sections[last].items.indices.last {
                    sections[last].items[item].append(line)
                } else {
                    sections[last].name.append(line)
                }
            } else {
                preamble.append(line)
            }
        }
        var owners: [[String]] = []
        for section in sections {
            let checks = section.name == ["  alert_rule_test:"] || section.name == ["  promql_expr_test:"]
            owners.append(
                section.items.map { item in
                    guard checks else { return "" }
                    let text = item.joined(separator: "\n")
                    return rules.sloNames(testedBy: text).flatMap { $0.count == 1 ? $0.first : nil } ?? "?"
                })
        }
        let slos = Set(owners.joined().filter { !$0.isEmpty })
        guard slos.count > 1, !slos.contains("?") else { return nil }
        return Dictionary(
            uniqueKeysWithValues: slos.map { slo in
                var lines = preamble
                for (section, owner) in zip(sections, owners) {
                    let items = zip(section.items, owner).filter { $0.1.isEmpty || $0.1 == slo }.map(\.0)
                    if !items.isEmpty { lines += section.name + items.joined() }
                }
                return (slo, lines.joined(separator: "\n"))
            })
    }

    /// Writes group `index` as `<stem>.group-<index>….test.yml` files beside the rules each needs
    /// (one per SLO it tests when that saves a fifth, see ``groupsBySLO(ofGroup:rules:)``, each
    /// with its own SLO's rule
    /// groups, see ``RuleGroupsFile``; or the group whole against the whole file when that is
    /// the only safe way) and returns each test's path, those rules' text and the estimated
    /// promtool seconds.
    public func writeGroup(
        _ index: Int, rules: RuleGroupsFile, wholeRules: String, into scratch: ScratchFolder, stem: String
    ) throws -> [(test: String, rules: String, estimatedSeconds: Double)] {
        let whole = [(key: "", value: groups[index])]
        var parts = groupsBySLO(ofGroup: index, rules: rules).map { $0.sorted { $0.key < $1.key } } ?? whole
        // Cut only when the parts' checks end at different times: parts that all run as long as
        // the whole group cost what it costs, plus a promtool start each.
        let cost = { (group: String) in
            RuleTestFile(self.file(ofGroupText: group, loading: "rules.yml"))
                .estimatedSeconds(ofGroup: 0, rules: rules.rules(forTestGroup: group) ?? wholeRules)
        }
        if parts.count > 1, parts.map({ cost($0.value) }).reduce(0, +) > 0.8 * cost(groups[index]) { parts = whole }
        return try parts.enumerated().map { number, part in
            let name = parts.count == 1 ? "\(stem).group-\(index)" : "\(stem).group-\(index).\(number)"
            let needed = rules.rules(forTestGroup: part.value) ?? wholeRules
            try scratch.write("\(name).rules.yml", needed)
            let text = file(ofGroupText: part.value, loading: ("\(name).rules.yml" as NSString).lastPathComponent)
            let estimate = RuleTestFile(text).estimatedSeconds(ofGroup: 0, rules: needed)
            return (try scratch.write("\(name).test.yml", text), needed, estimate)
        }
    }
}
