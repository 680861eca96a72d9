import Foundation
import Testing

/// The test helper that runs a fire-test group against only its own SLOs' rule groups must keep
/// every rule group the group can observe, and fall back to the whole file whenever leaving
/// groups out could change what promtool sees.
@Suite struct RuleGroupsFileTests {
    static let service = Fixtures.repository.appendingPathComponent("generated/orders-api")

    static func load() throws -> (rules: RuleGroupsFile, tests: RuleTestFile) {
        let rules = try String(contentsOf: service.appendingPathComponent("rules.yml"), encoding: .utf8)
        let tests = try String(contentsOf: service.appendingPathComponent("rules.test.yml"), encoding: .utf8)
        return (RuleGroupsFile(rules), RuleTestFile(tests))
    }

    @Test func everyCommittedRuleGroupIsSelfContained() throws {
        let (rules, _) = try Self.load()
        #expect(rules.groups.count >= 3)
        for group in rules.groups {
            #expect(group.selfContained, "\(group.text.prefix(60))")
            #expect(group.sloNames.count == 1, "\(group.text.prefix(60))")
        }
    }

    @Test func aGroupKeepsTheRuleGroupsOfTheSLOsItTests() throws {
        let (rules, tests) = try Self.load()
        var reduced = 0
        for index in tests.groups.indices {
            let group = tests.groups[index]
            guard let kept = rules.rules(forTestGroup: group) else {
                continue
            }
            reduced += 1
            let keptGroups = RuleGroupsFile(kept).groups
            #expect(keptGroups.count < rules.groups.count)
            // Every alert the test names is in the reduced file, with the rest of its SLO's rules.
            for match in group.matches(of: /alertname: ([^\s]+)/) {
                #expect(keptGroups.contains { $0.alerts.contains(String(match.1)) }, "\(match.1)")
            }
            // …copied unchanged.
            let trimmed = { (text: String) in text.trimmingCharacters(in: .newlines) }
            #expect(keptGroups.allSatisfy { kept in rules.groups.contains { trimmed($0.text) == trimmed(kept.text) } })
            #expect(tests.file(ofGroup: index, loading: "x.rules.yml").contains("rule_files:\n- x.rules.yml\n"))
        }
        #expect(reduced >= 5)
    }

    @Test func crossSLOReadsNeedTheWholeFile() throws {
        let (rules, tests) = try Self.load()
        let duplicateCheck = try #require(tests.groups.first { $0.contains("__name__") })
        #expect(rules.rules(forTestGroup: duplicateCheck) == nil)

        let leaky = RuleGroupsFile(
            """
            groups:
            - name: a
              rules:
              - record: slo:sli_errors:rate5m
                expr: vector(1)
                labels:
                  slo_name: a
              - alert: A
                expr: slo:sli_errors:rate5m > 0
                labels:
                  slo_name: a
            - name: b
              rules:
              - record: slo:sli_errors:rate5m
                expr: vector(2)
                labels:
                  slo_name: b
            """)
        #expect(leaky.groups.map(\.selfContained) == [false, true])
        #expect(leaky.rules(forTestGroup: "  alert_rule_test:\n  - alertname: A") == nil)
    }

    /// A group of two SLOs cut in two: each part has every input series, only its own SLO's
    /// checks, and together the parts hold each check of the group exactly once.
    @Test func aGroupOfSeveralSLOsIsCutPerSLO() throws {
        let (rules, tests) = try Self.load()
        var cut = 0
        for index in tests.groups.indices {
            let group = tests.groups[index]
            guard let parts = tests.groupsBySLO(ofGroup: index, rules: rules) else {
                // Left whole: one SLO, or a check across SLOs.
                #expect(rules.sloNames(testedBy: group).map { $0.count == 1 } ?? true)
                continue
            }
            cut += 1
            #expect(parts.count >= 2)
            let checks = { (text: String) in
                text.components(separatedBy: "\n").filter {
                    $0.hasPrefix("  - eval_time:") || $0.hasPrefix("  - expr:")
                }
            }
            #expect(parts.values.map { checks($0).count }.reduce(0, +) == checks(group).count)
            let inputs = group.components(separatedBy: "\n").filter { $0.hasPrefix("  - series:") }
            for (slo, part) in parts {
                #expect(rules.sloNames(testedBy: part) == [slo])
                #expect(part.components(separatedBy: "\n").filter { $0.hasPrefix("  - series:") } == inputs)
                #expect(part.hasPrefix(group.prefix { $0 != "\n" }))
            }
        }
        #expect(cut >= 2)
    }
}
