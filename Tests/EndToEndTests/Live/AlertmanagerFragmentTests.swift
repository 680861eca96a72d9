// tier: integration
import Foundation
import Testing

/// The `alertmanager.yml` fragment of this repository's own `slo/`, merged into a minimal config as
/// docs/DEPLOYING.md says: Debian's `amtool` accepts it, and its routing tree sends every alert the
/// rules can raise to the receiver the project config names for that kind of alert.
@Suite struct AlertmanagerFragmentTests {
    static let expectedReceiver = [
        "page": "pager", "ticket": "tickets", "budget-exhausted": "tickets", "no-data": "tickets",
        "sla-at-risk": "tickets",
    ]

    @Test func everyAlertOfTheRepositoryReachesItsReceiver() async throws {
        let amtool = try PrometheusServer.tool("amtool")
        let scratch = try LiveTools.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("generated").path
        let compile = try await LiveTools.run(
            LiveTools.slo, ["compile", "-o", output], in: LiveTools.repository.path)
        try #require(compile.status == 0, "\(compile.output)")
        let fragment = try String(contentsOfFile: output + "/alertmanager.yml", encoding: .utf8)
        let config = scratch.appendingPathComponent("alertmanager.yml").path
        try LiveTools.mergedAlertmanagerConfig(fragment: fragment, receivers: ["pager", "tickets"])
            .write(toFile: config, atomically: true, encoding: .utf8)
        let check = try await LiveTools.run(amtool, ["check-config", config])
        #expect(check.status == 0, "\(check.output)")

        var alerts: [[String: String]] = []
        for service in try FileManager.default.contentsOfDirectory(atPath: output).sorted() {
            let rules = output + "/\(service)/rules.yml"
            guard let text = try? String(contentsOfFile: rules, encoding: .utf8) else { continue }
            alerts += LiveTools.alertLabels(ruleFile: text)
        }
        let kinds = Set(alerts.compactMap { $0["slo_severity"] })
        #expect(kinds == Set(Self.expectedReceiver.keys), "the repository's specs raise every kind of alert")
        #expect(alerts.count >= 20, "\(alerts.count) alerts read from the rule files")
        // One amtool per alert, a few at a time: each is a short Go start-up.
        try await withThrowingTaskGroup(of: (String, LiveTools.Outcome).self) { group in
            for alert in alerts {
                let expected = try #require(Self.expectedReceiver[alert["slo_severity"] ?? ""])
                group.addTask {
                    let labels = alert.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    let outcome = try await LiveTools.run(
                        amtool,
                        ["config", "routes", "test", "--config.file=\(config)", "--verify.receivers=\(expected)"]
                            + labels)
                    return ("\(alert["alertname"] ?? "") \(alert["slo_severity"] ?? "") → \(expected)", outcome)
                }
            }
            for try await (what, outcome) in group {
                #expect(outcome.status == 0, "\(what): \(outcome.output)")
            }
        }
    }

    /// The check above can fail: without the page route, amtool routes a page to the tickets.
    @Test func aDeletedRouteIsCaught() async throws {
        let amtool = try PrometheusServer.tool("amtool")
        let scratch = try LiveTools.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let fragment = try String(
            contentsOf: LiveTools.repository.appendingPathComponent("generated/alertmanager.yml"), encoding: .utf8)
        let withoutPage = fragment.replacingOccurrences(
            of: "  - receiver: pager\n    matchers:\n    - slo_severity=\"page\"\n", with: "")
        #expect(withoutPage != fragment)
        let config = scratch.appendingPathComponent("alertmanager.yml").path
        try LiveTools.mergedAlertmanagerConfig(fragment: withoutPage, receivers: ["pager", "tickets"])
            .write(toFile: config, atomically: true, encoding: .utf8)
        let page = [
            "alertname=OrdersApiAvailabilityBudgetBurn", "slo_service=orders-api", "slo_name=availability",
            "slo_severity=page",
        ]
        let routed = try await LiveTools.run(amtool, ["config", "routes", "test", "--config.file=\(config)"] + page)
        // amtool prints a warning line first, then the receivers.
        #expect(routed.output.split(separator: "\n").last == "tickets", "\(routed.output)")
        let verified = try await LiveTools.run(
            amtool, ["config", "routes", "test", "--config.file=\(config)", "--verify.receivers=pager"] + page)
        #expect(verified.status != 0)
    }
}
