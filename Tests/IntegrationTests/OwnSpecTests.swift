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
    /// inside one file) so that the two promtool slots share the long groups evenly.
    @Test func committedFireTestsPass() async throws {
        let scratch = try ScratchFolder()
        var runs: [FireTestTests.GroupRun] = []
        for service in Self.services {
            let rules = try String(contentsOf: service.appendingPathComponent("rules.yml"), encoding: .utf8)
            let tests = RuleTestFile(
                try String(contentsOf: service.appendingPathComponent("rules.test.yml"), encoding: .utf8))
            #expect(tests.groups.count >= 5, "\(service.lastPathComponent)")
            _ = try scratch.write("\(service.lastPathComponent)/rules.yml", rules)
            let sloGroups = RuleTestFile.sloGroupsOnly(rules)
            _ = try scratch.write("\(service.lastPathComponent)/\(RuleTestFile.sloGroupsFile)", sloGroups)
            for group in tests.groups.indices {
                let path = try scratch.write(
                    "\(service.lastPathComponent)/group-\(group).test.yml",
                    tests.file(ofGroup: group, ruleFile: RuleTestFile.sloGroupsFile))
                runs.append(
                    .init(test: path, estimatedSeconds: tests.estimatedSeconds(ofGroup: group, rules: sloGroups)))
            }
            // The calendar tests, whole: they run the whole rules.yml at one step a day.
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
