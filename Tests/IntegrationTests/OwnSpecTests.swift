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

    @Test func committedFireTestsPass() async throws {
        let services = Self.services
        let estimates = try services.map { service in
            RuleTestFile(try String(contentsOf: service.appendingPathComponent("rules.test.yml"), encoding: .utf8))
                .estimatedSeconds(
                    rules: try String(contentsOf: service.appendingPathComponent("rules.yml"), encoding: .utf8))
        }
        let outcomes = try await Promtool.runAll(
            services.map { ["test", "rules", $0.path + "/rules.test.yml"] }, estimatedSeconds: estimates)
        for (service, outcome) in zip(services, outcomes) {
            #expect(outcome.status == 0, "\(service.lastPathComponent):\n\(outcome.output.suffix(4000))")
        }
    }
}
