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
        var lines = header.components(separatedBy: "\n")
        if let start = lines.firstIndex(of: "rule_files:") {
            let end = lines[(start + 1)...].firstIndex { !$0.hasPrefix("- ") } ?? lines.endIndex
            lines.replaceSubrange((start + 1)..<end, with: ["- " + rules])
        }
        return lines.joined(separator: "\n") + "\ntests:\n" + groups[index] + "\n"
    }

    /// Writes group `index` as `<stem>.group-<index>.test.yml` beside the rules it needs (its own
    /// SLOs' groups, see ``RuleGroupsFile``, or a copy of the whole file) and returns the test's
    /// path and those rules' text.
    public func writeGroup(
        _ index: Int, rules: RuleGroupsFile, wholeRules: String, into scratch: ScratchFolder, stem: String
    ) throws -> (test: String, rules: String) {
        let needed = rules.rules(forTestGroup: groups[index]) ?? wholeRules
        let rulesName = "\(stem).group-\(index).rules.yml"
        try scratch.write(rulesName, needed)
        let name = (rulesName as NSString).lastPathComponent
        return (try scratch.write("\(stem).group-\(index).test.yml", file(ofGroup: index, loading: name)), needed)
    }
}
