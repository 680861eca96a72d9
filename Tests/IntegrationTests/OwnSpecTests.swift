import Foundation
import Testing

/// This repository's own SLOs as committed in `generated/`: the rules load in promtool and every
/// fire-test passes. (The test command's `slo compile --check` proves `generated/` is what the
/// specs in `slo/` compile to.)
@Suite struct OwnSpecTests {
    static let generated = Fixtures.repository.appendingPathComponent("generated")

    /// `generated/<service>` for every service folder with rules.
    static var services: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: generated.path)) ?? []
        return names.sorted().map { generated.appendingPathComponent($0) }.filter {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("rules.yml").path)
        }
    }

    @Test func committedRulesPassPromtoolCheckRules() async throws {
        #expect(Self.services.count >= 3)
        let outcome = try await Promtool.run(["check", "rules"] + Self.services.map { $0.path + "/rules.yml" })
        #expect(outcome.status == 0, "\(outcome.output.suffix(3000))")
    }

    /// Every group of every committed fire-test file, each run on its own (as promtool runs them
    /// inside one file) so that the two promtool slots share the long groups evenly, and each
    /// against only its own SLOs' rule groups (``RuleGroupsFile``).
    @Test func committedFireTestsPass() async throws {
        let scratch = try ScratchFolder()
        var runs: [FireTestTests.GroupRun] = []
        for service in Self.services {
            let rules = try String(contentsOf: service.appendingPathComponent("rules.yml"), encoding: .utf8)
            let tests = RuleTestFile(
                try String(contentsOf: service.appendingPathComponent("rules.test.yml"), encoding: .utf8))
            #expect(tests.groups.count >= 5, "\(service.lastPathComponent)")
            // The scenarios run without the calendar groups (`RuleTestFile.sloGroupsOnly`).
            let sloRules = RuleTestFile.sloGroupsOnly(rules)
            let groups = RuleGroupsFile(sloRules)
            for group in tests.groups.indices {
                let written = try tests.writeGroup(
                    group, rules: groups, wholeRules: sloRules, into: scratch,
                    stem: "\(service.lastPathComponent)/rules")
                runs += written.map { FireTestTests.GroupRun(test: $0.test, estimatedSeconds: $0.estimatedSeconds) }
            }
            // The calendar tests, whole: they run the whole rules.yml at one step a day.
            _ = try scratch.write("\(service.lastPathComponent)/rules.yml", rules)
            let calendar = service.appendingPathComponent("calendar.test.yml")
            if FileManager.default.fileExists(atPath: calendar.path) {
                let text = try String(contentsOf: calendar, encoding: .utf8)
                let path = try scratch.write("\(service.lastPathComponent)/calendar.test.yml", text)
                runs.append(.init(test: path, estimatedSeconds: RuleTestFile(text).estimatedSeconds(rules: rules)))
            }
        }
        try await FireTestTests.runAndExpectPass(runs)
    }
}
