import Foundation

/// A promtool rule-test file (`rules.test.yml`) as text: its header and its test groups, and an
/// estimate of what running them costs.
///
/// promtool evaluates every rule of the rule file at every evaluation step from 0 to a group's
/// last `eval_time`, and a subquery over W at 5-minute steps evaluates its inner query W / 5m
/// times per step. The cost of a group is therefore about (steps) × (Σ over rules of the longest
/// range each one reads, in 5-minute steps). On the 29 fire-test files of the suite this estimate
/// orders the measured promtool times correctly but for ties (0.4 s to 45 s); 30-day ticket
/// scenarios that run for three days dominate.
public struct RuleTestFile: Sendable {
    /// Everything before `tests:` (rule files, evaluation interval, comments).
    public let header: String
    /// Each entry of `tests:`, with the comment lines written above it.
    public let groups: [String]

    public init(_ text: String) {
        var header: [Substring] = []
        var groups: [[Substring]] = []
        var pending: [Substring] = []
        var inTests = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !inTests {
                if line == "tests:" { inTests = true } else { header.append(line) }
            } else if line.hasPrefix("- ") {
                groups.append(pending + [line])
                pending = []
            } else if line.hasPrefix("#") || line.isEmpty || groups.isEmpty {
                pending.append(line)
            } else {
                groups[groups.count - 1].append(line)
            }
        }
        self.header = header.joined(separator: "\n")
        self.groups = groups.map { $0.joined(separator: "\n") }
    }

    /// A complete test file holding only group `index`: promtool runs each group on its own,
    /// so the groups one by one pass exactly when the whole file passes.
    public func file(ofGroup index: Int) -> String {
        header + "\ntests:\n" + groups[index] + "\n"
    }

    /// `rules` (a generated `rules.yml`) without its calendar groups (`slo-…-calendar`).
    ///
    /// promtool evaluates every group of a rule file at every step, and a calendar group costs
    /// about 4 ms a step in promtool (ten subqueries), a fifth of what the SLO groups of a service
    /// cost together: run under every `rules.test.yml` scenario it would add that much to the
    /// integration tier without testing anything those scenarios check. The calendar groups only
    /// read the SLO groups' series and record names no SLO group reads (`CalendarGroupTests`
    /// proves it), so the SLO groups compute the same with or without them; `calendar.test.yml`
    /// runs them against the whole `rules.yml`.
    public static func sloGroupsOnly(_ rules: String) -> String {
        var kept: [Substring] = []
        var skipping = false
        for line in rules.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("- name: ") { skipping = line.hasSuffix("-calendar") }
            if !skipping { kept.append(line) }
        }
        return kept.joined(separator: "\n")
    }

    /// Estimated promtool seconds for group `index` against `rules` (calibrated on the 2-core
    /// machine; only the order matters: it decides what starts first).
    /// Seconds from 0 to the group's last `eval_time`: promtool evaluates every rule at every
    /// step up to it.
    public func lastEvaluation(ofGroup index: Int) -> Double {
        Self.durations(after: "eval_time: ", in: groups[index]).max() ?? 0
    }

    public func estimatedSeconds(ofGroup index: Int, rules: String) -> Double {
        let lastEvaluation = lastEvaluation(ofGroup: index)
        let interval = Self.durations(after: "evaluation_interval: ", in: header).first ?? 60
        return 0.05 + lastEvaluation / interval * Self.stepsPerEvaluation(rules) * 2.5e-7
    }

    public func estimatedSeconds(rules: String) -> Double {
        groups.indices.reduce(0) { $0 + estimatedSeconds(ofGroup: $1, rules: rules) }
    }

    /// Σ over the rules of the longest range each reads, in 5-minute steps (at least one).
    static func stepsPerEvaluation(_ rules: String) -> Double {
        let lines = rules.components(separatedBy: "\n")
        let starts = lines.indices.filter { lines[$0].hasPrefix("  - record: ") || lines[$0].hasPrefix("  - alert: ") }
        return zip(starts, starts.dropFirst() + [lines.count]).reduce(0) { total, rule in
            let text = lines[rule.0..<rule.1].joined(separator: "\n")
            let ranges = text.matches(of: /\[([0-9smhdwy]+)(?::[0-9smhdwy]+)?\]/).map { seconds(String($0.1)) }
            return total + max(ranges.max() ?? 300, 300) / 300
        }
    }

    /// Every duration written after `prefix` (`eval_time: 1d9h50m`), in seconds.
    static func durations(after prefix: String, in text: String) -> [Double] {
        text.components(separatedBy: "\n").compactMap { line in
            guard let range = line.range(of: prefix) else { return nil }
            return seconds(String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces))
        }
    }

    /// A Prometheus duration (`1d9h50m`, `90s`) in seconds.
    static func seconds(_ text: String) -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800, "y": 31_536_000]
        var total = 0.0
        var number = 0.0
        for character in text {
            if let digit = character.wholeNumberValue {
                number = number * 10 + Double(digit)
            } else if let unit = units[character] {
                total += number * unit
                number = 0
            }
        }
        return total
    }
}
