// tier: integration
import Foundation
import Testing

/// `slo doctor` against a real Prometheus and Alertmanager serving this repository's compiled
/// rules for `orders-api`: healthy first, then each injected fault is named with its fix, and the
/// check passes again when the fault is gone.
@Suite(.serialized) struct DoctorTests {
    static let spec = LiveTools.repository.appendingPathComponent("slo/orders-api.yaml").path

    @Test(.timeLimit(.minutes(3))) func healthyThenEachFaultIsNamed() async throws {
        let stack = try LiveStack()
        let rules = try String(
            contentsOf: LiveTools.repository.appendingPathComponent("generated/orders-api/rules.yml"), encoding: .utf8)
        let watchdog = """
            groups:
            - name: watchdog
              rules:
              - alert: Watchdog
                expr: vector(1)

            """
        try stack.startPrometheus(rules: [rules, watchdog], alerting: true)
        let fragment = try String(
            contentsOf: LiveTools.repository.appendingPathComponent("generated/alertmanager.yml"), encoding: .utf8)
        let receivers = ["pager", "tickets"]
        let merged = LiveTools.mergedAlertmanagerConfig(
            fragment: fragment, receivers: receivers, webhook: "http://127.0.0.1:9/hook")
        try stack.startAlertmanager(config: merged)
        let withAlertmanager = ["--alertmanager", stack.alertmanagerURL, Self.spec]

        // Healthy: data, buckets, rules, recordings, routes. The groups run every minute, so the
        // recordings appear only after each group's first evaluation, up to a minute after load.
        let healthy = try await stack.doctor(withAlertmanager, within: 90) { $0.status == 0 }
        #expect(healthy.status == 0, "\(healthy.output)")
        #expect(healthy.output.contains("healthy: 3 SLOs checked"), "\(healthy.output)")
        #expect(healthy.output.contains("page → pager"), "\(healthy.output)")

        // A deleted route: pages fall to the tickets receiver's parent… and are named.
        let withoutPage = merged.replacingOccurrences(
            of: "    - receiver: pager\n      matchers:\n      - slo_severity=\"page\"\n", with: "")
        #expect(withoutPage != merged)
        try stack.reloadAlertmanager(config: withoutPage)
        let deletedRoute = try await stack.doctor(withAlertmanager) { $0.output.contains("page → tickets") }
        #expect(deletedRoute.status == 1, "\(deletedRoute.output)")
        #expect(deletedRoute.output.contains("alert-routing"), "\(deletedRoute.output)")

        // An inhibit rule that an always-firing alert triggers: pages are silenced for good.
        let inhibited = merged.replacingOccurrences(
            of: "inhibit_rules:\n",
            with:
                "inhibit_rules:\n- source_matchers: [alertname=\"Watchdog\"]\n  target_matchers: [slo_severity=\"page\"]\n"
        )
        try stack.reloadAlertmanager(config: inhibited)
        let forever = try await stack.doctor(withAlertmanager) { $0.output.contains("while `Watchdog` fires") }
        #expect(forever.status == 1 && forever.output.contains("while `Watchdog` fires"), "\(forever.output)")
        try stack.reloadAlertmanager(config: merged)
        let routedAgain = try await stack.doctor(withAlertmanager) { $0.status == 0 }
        #expect(routedAgain.status == 0, "\(routedAgain.output)")

        // A stale rule file: the deployed page factor is not the compiled one.
        let stale = rules.replacingOccurrences(of: "(14.4 * 0.001)", with: "(13 * 0.001)")
        #expect(stale != rules)
        try stack.replaceRules(0, with: stale)
        let staleRules = try await stack.doctor([Self.spec]) { $0.output.contains("is stale") }
        #expect(staleRules.status == 1, "\(staleRules.output)")
        #expect(
            staleRules.output.contains("(`OrdersApiAvailabilityBudgetBurn`) differs in its expression"),
            "\(staleRules.output)")
        try stack.replaceRules(0, with: rules)

        // A missing bucket: a spec whose threshold no bucket has.
        let scratch = try LiveTools.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let specText = try String(contentsOfFile: Self.spec, encoding: .utf8)
        let moved = scratch.appendingPathComponent("orders-api.yaml")
        try specText.replacingOccurrences(of: "threshold: 250ms", with: "threshold: 300ms")
            .write(to: moved, atomically: true, encoding: .utf8)
        let bucket = try await stack.doctor([moved.path]) { $0.output.contains("latency-bucket: no bucket") }
        #expect(bucket.output.contains("no bucket le=\"0.3\""), "\(bucket.output)")

        // A renamed metric: the SLI selects nothing now, and the metric is named.
        try stack.setExporter(metric: "http_request_seconds", errorShare: 0)
        let renamed = try await stack.doctor([Self.spec]) { $0.output.contains("no series is named") }
        #expect(renamed.status == 1, "\(renamed.output)")
        #expect(
            renamed.output.contains("no series is named `http_request_duration_seconds_count`"), "\(renamed.output)")
        #expect(renamed.output.contains("had "), "the series existed over the last day: \(renamed.output)")

        // A server that does not answer: exit 2.
        let down = try await LiveTools.run(
            LiveTools.slo,
            ["doctor", "--prometheus", "http://127.0.0.1:9", "--timeout", "2s", "--retries", "0", Self.spec])
        #expect(down.status == 2, "\(down.output)")
    }
}
