// tier: integration
import Foundation
import Testing

/// The fire drill of issue 20: every part real, all on 127.0.0.1. An exporter the test controls
/// serves healthy traffic, then a full outage of `orders-api`, then recovery; Prometheus scrapes it
/// every second and evaluates this repository's compiled rules as generated (groups every minute,
/// the interval the catalog's detection times assume); Debian's Alertmanager routes with the
/// generated fragment merged into a minimal config; the webhook receiver in the test is the person
/// paged. Then `slo doctor`, against the same stack, says healthy and names each fault injected.
/// The servers mostly wait: the drill costs little CPU for its few minutes.
@Suite(.serialized) struct FireDrillTests {
    static let spec = LiveTools.repository.appendingPathComponent("slo/orders-api.yaml").path
    static let page = "OrdersApiAvailabilityBudgetBurn"

    /// Alertmanager waits this long before the first notification of a group, and between
    /// notifications of a group (the resolved one comes at the next).
    static let groupWait = 1.0
    static let scrapeInterval = 1.0
    /// Prometheus sending the alert, Alertmanager's pipeline, and a loaded test machine.
    static let deliverySlack = 10.0

    /// Seconds of full outage until the catalog's alert fires: the first figure of its "fires
    /// after, at 100 / 50 / … % errors" column in generated/ALERTS.md.
    static func predictedDetection(alert: String, tier: String) throws -> Double {
        let catalog = try String(
            contentsOf: LiveTools.repository.appendingPathComponent("generated/ALERTS.md"), encoding: .utf8)
        let row = try #require(
            catalog.split(separator: "\n").first { $0.hasPrefix("| `\(alert)` | \(tier) |") },
            "ALERTS.md has no \(tier) row for \(alert)")
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        let fires = try #require(cells.first { $0.hasSuffix(" min") && $0.contains(" / ") }, "\(row)")
        let minutes = try #require(Double(fires.split(separator: " ").first ?? ""), "\(fires)")
        return minutes * 60
    }

    @Test(.timeLimit(.minutes(6))) func aPageReachesThePagerThenDoctorNamesEachFault() async throws {
        let stack = try LiveStack()
        let person = try WebhookReceiver()
        let rules = try String(
            contentsOf: LiveTools.repository.appendingPathComponent("generated/orders-api/rules.yml"), encoding: .utf8)
        let watchdog = """
            groups:
            - name: watchdog
              rules:
              - alert: Watchdog
                expr: vector(1)

            """
        try await stack.startPrometheus(rules: [rules, watchdog], alerting: true)
        let fragment = try String(
            contentsOf: LiveTools.repository.appendingPathComponent("generated/alertmanager.yml"), encoding: .utf8)
        let merged = LiveTools.mergedAlertmanagerConfig(
            fragment: fragment, receivers: ["pager", "tickets"], webhook: person.url,
            groupWait: "\(Int(Self.groupWait))s", groupInterval: "\(Int(Self.groupWait))s")
        try await stack.startAlertmanager(config: merged)
        let predicted = try Self.predictedDetection(alert: Self.page, tier: "page")
        let expected = try #require(
            LiveTools.alertLabels(ruleFile: rules).first {
                $0["alertname"] == Self.page && $0["slo_severity"] == "page"
            })
        func notices(_ receiver: String, _ status: String) -> [WebhookReceiver.Notification] {
            person.notifications.filter {
                $0.path == "/\(receiver)" && $0.status == status && $0.commonLabels["slo_name"] == "availability"
            }
        }

        // Healthy: wait for the availability group's first evaluation over traffic (up to its
        // 1-minute interval after start). Nothing is paged.
        let warm = try await stack.wait(upTo: 90) {
            !stack.query("slo:sli_total:rate5m{slo_name=\"availability\"} > 0").isEmpty
        }
        try #require(warm, "the availability group never recorded traffic")
        #expect(person.notifications.isEmpty, "notified while healthy")

        // Outage: every request fails, from just after an evaluation of the availability group:
        // the catalog's case (its simulation starts the errors at an evaluation and fires at the
        // next) and the slowest phase. Starting anywhere else fires sooner, or lets the ticket
        // (lower threshold) fire an evaluation before the page. The page must reach the pager
        // within the catalog's detection time plus two scrapes, group_wait and delivery.
        let evaluated = try #require(Self.lastEvaluation(stack, group: "slo-orders-api-availability"))
        let wait = evaluated.addingTimeInterval(2).timeIntervalSinceNow
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
        let outage = Date()
        try stack.setExporter(errorShare: 1)
        let bound = predicted + 2 * Self.scrapeInterval + Self.groupWait + Self.deliverySlack
        let paged = try await person.first(within: bound + 60) {
            $0.path == "/pager" && $0.status == "firing" && $0.commonLabels["slo_name"] == "availability"
        }
        let page = try #require(paged, "no page within \(bound + 60) s of the outage")
        let detection = page.receivedAt.timeIntervalSince(outage)
        #expect(detection <= bound, "page after \(detection) s; the catalog predicts \(predicted) s")
        #expect(page.receiver == "pager")
        let alert = try #require(page.alerts.first)
        let labels = alert["labels"] as? [String: String] ?? [:]
        for (key, value) in expected { #expect(labels[key] == value, "label \(key) of the page: \(labels)") }
        #expect(labels["team"] == "orders" && labels["tier"] == "1", "the SLO's labels ride along: \(labels)")
        let annotations = alert["annotations"] as? [String: String] ?? [:]
        #expect(annotations["summary"] == "orders-api availability: error budget burning fast (page)")
        #expect(annotations["runbook_url"] == "https://runbooks.example.com/orders-api")
        #expect(annotations["description"]?.contains("14.4× the sustainable rate") == true, "\(annotations)")
        let firedAt = Self.activeAt(stack, severity: "page")

        // The ticket of the same SLO fires too (its long windows hold only the drill's minutes of
        // history), and Alertmanager holds it back while the page fires.
        let ticketFires = try await stack.wait(upTo: 10) {
            Self.prometheusAlert(stack, severity: "ticket")?["state"] as? String == "firing"
        }
        #expect(
            ticketFires,
            "the ticket should fire beside the page: \(String(describing: stack.json(port: stack.prometheusPort, path: "/api/v1/alerts")))"
        )
        let inhibited = try await stack.wait(upTo: 10) {
            Self.ticketInhibitedBy(stack) != nil
        }
        #expect(inhibited, "Alertmanager should mark the ticket inhibited")
        try await Task.sleep(for: .seconds(3 * Self.groupWait + 2))
        #expect(notices("tickets", "firing").isEmpty, "a ticket was sent while the page fires")

        // Recovery: errors stop. The page resets once the 5-minute ratio falls under 14.4× the
        // budget rate: at steady traffic 5 minutes after the last error (BUDGET.md's reset
        // time), too long for the drill, so recovery brings a surge of successful requests
        // (1000× for the seconds until the page resolves) that dilutes the outage's errors below
        // the threshold at the next evaluation.
        let recovery = Date()
        try stack.setExporter(errorShare: 0, rate: 100_000)
        let resolvedNotice = try await person.first(within: 60 + Self.groupWait + Self.deliverySlack + 60) {
            $0.path == "/pager" && $0.status == "resolved" && $0.commonLabels["slo_name"] == "availability"
        }
        try stack.setExporter(errorShare: 0)
        let resolved = try #require(resolvedNotice, "no resolved notification after recovery")
        let reset = resolved.receivedAt.timeIntervalSince(recovery)
        #expect(reset <= 60 + Self.scrapeInterval + Self.groupWait + Self.deliverySlack, "resolved after \(reset) s")
        #expect(resolved.receiver == "pager")
        print(
            "fire drill: outage → page firing in Prometheus \(firedAt.map { Self.seconds($0.timeIntervalSince(outage)) } ?? "?") s, page received \(Self.seconds(detection)) s (catalog: \(Self.seconds(predicted)) s); recovery → resolved received \(Self.seconds(reset)) s"
        )

        try await doctorNamesEachFault(stack, merged: merged, rules: rules, webhook: person.url)
    }

    /// `slo doctor` on the drill's stack: healthy, then each fault named, then healthy again.
    private func doctorNamesEachFault(
        _ stack: LiveStack, merged: String, rules: String, webhook: String
    ) async throws {
        let withAlertmanager = ["--alertmanager", stack.alertmanagerURL, Self.spec]
        // Every group has evaluated by now (the drill took more than their 1-minute interval).
        let healthy = try await stack.doctor(withAlertmanager, within: 60) { $0.status == 0 }
        #expect(healthy.status == 0, "\(healthy.output)")
        #expect(healthy.output.contains("healthy: 3 SLOs checked"), "\(healthy.output)")
        #expect(healthy.output.contains("page → pager"), "\(healthy.output)")

        // Routing faults, each named with the alert it hurts.
        let faults: [(config: String, named: String)] = [
            // A deleted route: pages fall to the tickets receiver.
            (
                merged.replacingOccurrences(
                    of: "    - receiver: pager\n      matchers:\n      - slo_severity=\"page\"\n", with: ""),
                "the page alert goes to tickets, not `pager` as slo.yaml says"
            ),
            // No fragment merged at all: every SLO alert falls to the root's default receiver.
            (
                LiveTools.mergedAlertmanagerConfig(fragment: "", receivers: ["pager", "tickets"], webhook: webhook),
                "the page alert falls to the default receiver `default`"
            ),
            // A receiver with no integration: the page is routed, and nobody hears it.
            (
                merged.replacingOccurrences(
                    of: "- name: pager\n  webhook_configs:\n  - url: \(webhook)/pager\n    send_resolved: true\n",
                    with: "- name: pager\n"),
                "the page alert goes to `pager`, which sends nothing"
            ),
            // An inhibit rule that an always-firing alert triggers: pages are silenced for good.
            (
                merged.replacingOccurrences(
                    of: "inhibit_rules:\n",
                    with:
                        "inhibit_rules:\n- source_matchers: [alertname=\"Watchdog\"]\n  target_matchers: [slo_severity=\"page\"]\n"
                ),
                "the page alert is inhibited while `Watchdog` fires"
            ),
        ]
        for (config, named) in faults {
            #expect(config != merged)
            try stack.reloadAlertmanager(config: config)
            let found = try await stack.doctor(withAlertmanager) { $0.output.contains(named) }
            #expect(found.status == 1 && found.output.contains("PROBLEM alert-routing: "), "\(found.output)")
            #expect(found.output.contains(named), "\(found.output)")
        }
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
        let freshRules = try await stack.doctor([Self.spec]) { $0.status == 0 }
        #expect(freshRules.status == 0, "\(freshRules.output)")

        // A missing bucket: a spec whose threshold no bucket has.
        let scratch = try LiveTools.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let specText = try String(contentsOfFile: Self.spec, encoding: .utf8)
        let moved = scratch.appendingPathComponent("orders-api.yaml")
        try specText.replacingOccurrences(of: "threshold: 250ms", with: "threshold: 300ms")
            .write(to: moved, atomically: true, encoding: .utf8)
        let bucket = try await stack.doctor([moved.path]) { $0.output.contains("latency-bucket: no bucket") }
        #expect(bucket.status == 1 && bucket.output.contains("no bucket le=\"0.3\""), "\(bucket.output)")

        // A renamed metric: the SLI selects nothing now, and the metric is named.
        try stack.setExporter(metric: "http_request_seconds", errorShare: 0)
        let renamed = try await stack.doctor([Self.spec]) { $0.output.contains("no series is named") }
        #expect(renamed.status == 1, "\(renamed.output)")
        #expect(
            renamed.output.contains("no series is named `http_request_duration_seconds_count`"), "\(renamed.output)")
        #expect(renamed.output.contains("had "), "the series existed over the last day: \(renamed.output)")
        try stack.setExporter(errorShare: 0)
        let named = try await stack.doctor([Self.spec]) { $0.status == 0 }
        #expect(named.status == 0, "\(named.output)")
    }

    /// Prometheus's availability burn alert of that tier (`/api/v1/alerts`), nil when inactive.
    static func prometheusAlert(_ stack: LiveStack, severity: String) -> [String: Any]? {
        let answer = stack.json(port: stack.prometheusPort, path: "/api/v1/alerts") as? [String: Any]
        let alerts = (answer?["data"] as? [String: Any])?["alerts"] as? [[String: Any]] ?? []
        return alerts.first {
            let labels = $0["labels"] as? [String: String] ?? [:]
            return labels["alertname"] == page && labels["slo_severity"] == severity
                && labels["slo_name"] == "availability"
        }
    }

    /// When Prometheus last evaluated the rule group (`/api/v1/rules`).
    static func lastEvaluation(_ stack: LiveStack, group name: String) -> Date? {
        let answer = stack.json(port: stack.prometheusPort, path: "/api/v1/rules") as? [String: Any]
        let groups = (answer?["data"] as? [String: Any])?["groups"] as? [[String: Any]] ?? []
        return (groups.first { $0["name"] as? String == name }?["lastEvaluation"] as? String).flatMap(date)
    }

    /// When Prometheus's availability burn alert of that tier became active.
    static func activeAt(_ stack: LiveStack, severity: String) -> Date? {
        (prometheusAlert(stack, severity: severity)?["activeAt"] as? String).flatMap(date)
    }

    /// An RFC 3339 time as Prometheus writes it (nanoseconds, `Z`).
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    /// The fingerprints inhibiting the availability ticket in Alertmanager (`/api/v2/alerts`).
    static func ticketInhibitedBy(_ stack: LiveStack) -> [String]? {
        let filter = "slo_severity=\"ticket\"".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let alerts =
            stack.json(port: stack.alertmanagerPort, path: "/api/v2/alerts?filter=\(filter)") as? [[String: Any]]
        for alert in alerts ?? [] {
            let labels = alert["labels"] as? [String: String] ?? [:]
            guard labels["slo_name"] == "availability", labels["alertname"] == page else { continue }
            let status = alert["status"] as? [String: Any] ?? [:]
            let by = status["inhibitedBy"] as? [String] ?? []
            if status["state"] as? String == "suppressed", !by.isEmpty { return by }
        }
        return nil
    }

    static func seconds(_ value: Double) -> String { String(format: "%.1f", value) }
}
