// tier: integration
import Foundation
import Testing

/// The `slo doctor` checks the fire drill (FireDrillTests) does not reach, each made to fail and
/// pass against one real Prometheus: rule health (a failing rule, a slow group, missed
/// evaluations), timeslice queries, groups not loaded or left over, recordings with no sample, and
/// a label value no series has. The groups run every second here (the checks compare rules, not
/// intervals), so each fault shows within seconds; the slow and stuck evaluations come from a
/// remote-read endpoint that stalls only selectors with `drill="stall"`.
@Suite(.serialized) struct DoctorTests {
    static let spec = LiveTools.repository.appendingPathComponent("slo/orders-api.yaml").path

    /// Compiled rules with every group evaluated each second.
    static func everySecond(_ rules: String) -> String {
        rules.replacingOccurrences(of: "  interval: 1m\n", with: "  interval: 1s\n")
    }

    static let noGroups = "groups: []\n"

    @Test(.timeLimit(.minutes(4))) func eachCheckFailsAndPasses() async throws {
        let stack = try LiveStack()
        let compiled = try String(
            contentsOf: LiveTools.repository.appendingPathComponent("generated/orders-api/rules.yml"), encoding: .utf8)
        let rules = Self.everySecond(compiled)
        #expect(rules != compiled)
        try await stack.startPrometheus(rules: [rules, Self.noGroups], alerting: false, stallingReads: true)
        let healthy = try await stack.doctor([Self.spec]) { $0.status == 0 }
        #expect(healthy.status == 0, "\(healthy.output)")
        for check in ["sli-data", "latency-bucket", "rules-loaded", "rule-health", "recordings"] {
            #expect(healthy.output.contains("  ok      \(check): "), "\(check): \(healthy.output)")
        }

        // A stale group whose expressions are right but whose labels and `for` are not (the
        // drill changes an expression).
        let relabelled = rules.replacingOccurrences(of: "      severity: critical\n", with: "      severity: page\n")
            .replacingOccurrences(of: "    for: 10m\n", with: "    for: 5m\n")
        try stack.replaceRules(0, with: relabelled)
        let stale = try await stack.doctor([Self.spec]) { $0.output.contains("is stale") }
        #expect(stale.status == 1, "\(stale.output)")
        for difference in [
            "(`OrdersApiAvailabilityBudgetBurn`) differs in its labels",
            "(`OrdersApiAvailabilitySLINoData`) differs in its `for`",
        ] {
            #expect(stale.output.contains(difference), "\(stale.output)")
        }
        try stack.replaceRules(0, with: rules)

        try await ruleHealth(stack, rules: rules)
        try await timesliceAndUnloadedGroups(stack)

        // A group no spec compiles to that carries the specs' SLO series (a renamed SLO's rules).
        let retired = """
            groups:
            - name: slo-orders-api-retired
              interval: 1s
              rules:
              - record: slo:sli_total:rate5m
                expr: vector(1)
                labels: {slo_service: orders-api, slo_name: retired}

            """
        try stack.replaceRules(1, with: retired)
        let leftOver = try await stack.doctor([Self.spec]) { $0.output.contains("slo-orders-api-retired") }
        #expect(
            leftOver.status == 1
                && leftOver.output.contains(
                    "rule group `slo-orders-api-retired` (from \(stack.folder.path)/rules-1.yml) carries SLO series of these specs but no spec compiles to it"
                ), "\(leftOver.output)")
        try stack.replaceRules(1, with: Self.noGroups)
        let cleanedUp = try await stack.doctor([Self.spec]) { $0.status == 0 }
        #expect(cleanedUp.status == 0, "\(cleanedUp.output)")

        // A label value no series has: the matcher is named; an `errors` selector with no series
        // is only a note (nothing may have failed).
        let scratch = try LiveTools.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let moved = scratch.appendingPathComponent("orders-api.yaml")
        try String(contentsOfFile: Self.spec, encoding: .utf8)
            .replacingOccurrences(of: "count{service=\"orders-api\"", with: "count{service=\"orders-web\"")
            .write(to: moved, atomically: true, encoding: .utf8)
        let matcher = try await LiveTools.run(
            LiveTools.slo, ["doctor", "--prometheus", stack.prometheusURL, moved.path])
        #expect(matcher.status == 1, "\(matcher.output)")
        #expect(
            matcher.output.contains(
                "PROBLEM sli-data: total `http_request_duration_seconds_count{service=\"orders-web\",handler!=\"/healthz\"}` matches no series now; `http_request_duration_seconds_count` has series, but none with service=\"orders-web\""
            ), "\(matcher.output)")
        #expect(matcher.output.contains("note    sli-data: errors `"), "\(matcher.output)")

        // A server that does not answer: exit 2.
        let down = try await LiveTools.run(
            LiveTools.slo,
            ["doctor", "--prometheus", "http://127.0.0.1:9", "--timeout", "2s", "--retries", "0", Self.spec])
        #expect(down.status == 2, "\(down.output)")
    }

    /// A rule whose evaluation fails, a group slower than half its interval, and a group whose
    /// evaluation is stuck (missed evaluations); each cleared by fixing the cause.
    private func ruleHealth(_ stack: LiveStack, rules: String) async throws {
        // Selecting `_count` and `_sum` together and dropping the name leaves two series with the
        // same labels: Prometheus fails the rule at every evaluation.
        let total = "sum(rate(http_request_duration_seconds_count{service=\"orders-api\",handler!=\"/healthz\"}[5m]))"
        let failing = rules.replacingOccurrences(
            of: "    expr: \(total)\n",
            with: "    expr: '{__name__=~\"http_request_duration_seconds_(count|sum)\",service=\"orders-api\"}'\n")
        #expect(failing != rules)
        try stack.replaceRules(0, with: failing)
        let fails = try await stack.doctor([Self.spec]) { $0.output.contains("` fails: ") }
        #expect(fails.status == 1, "\(fails.output)")
        #expect(
            fails.output.contains("PROBLEM rule-health: `slo:sli_total:rate5m` fails: ")
                && fails.output.contains("same labelset"), "\(fails.output)")
        try stack.replaceRules(0, with: rules)
        let fixed = try await stack.doctor([Self.spec]) { $0.status == 0 }
        #expect(fixed.status == 0, "\(fixed.output)")

        // The same group reading a stalling remote source besides (`unless` an empty vector: the
        // recording's values are unchanged).
        let template =
            "    expr: 0 * last_over_time(slo:sli_total:rate5m{slo_service=\"orders-api\",slo_name=\"availability\"}[1h])\n"
        let stalling = rules.replacingOccurrences(
            of: template, with: String(template.dropLast()) + " unless on() up{drill=\"stall\"}\n")
        #expect(stalling != rules)
        try stack.replaceRules(0, with: stalling)
        try stack.setExporter(errorShare: 0, stall: 2)
        let slow = try await stack.doctor([Self.spec]) { $0.output.contains("an evaluation takes") }
        #expect(
            slow.output.contains("PROBLEM rule-health: an evaluation takes 2")
                && slow.output.contains("of its 1 s interval"),
            "\(slow.output)")

        // Stuck: an evaluation that does not end. The check allows three intervals and a minute
        // of clock skew before it calls evaluations missed.
        try stack.setExporter(errorShare: 0, stall: 110)
        let stuck = try await stack.doctor([Self.spec], within: 100, every: 5) {
            $0.output.contains("evaluations are missed")
        }
        #expect(
            stuck.status == 1 && stuck.output.contains("PROBLEM rule-health: ")
                && stuck.output.contains(" s ago with an interval of 1 s: evaluations are missed"), "\(stuck.output)")
        try stack.setExporter(errorShare: 0, stall: 0)
        try stack.replaceRules(0, with: rules)
        let running = try await stack.doctor([Self.spec]) { $0.status == 0 }
        #expect(running.status == 0, "\(running.output)")
    }

    /// Timeslice queries that return a value and one that returns none; their groups not loaded
    /// (so nothing recorded), then loaded.
    private func timesliceAndUnloadedGroups(_ stack: LiveStack) async throws {
        let scratch = try LiveTools.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let spec = scratch.appendingPathComponent("uptime.yaml")
        try """
        version: slo/v1
        service: uptime
        window: 30d
        slos:
          - name: scraped
            objective: 99
            budgeting: timeslices
            sli:
              timeslice: {query: 'sum(up{job="exporter"})', good: ">= 1", slice: 1m}
          - name: unscraped
            objective: 99
            budgeting: timeslices
            sli:
              timeslice: {query: 'sum(up{job="nats"})', good: ">= 1", slice: 1m}

        """.write(to: spec, atomically: true, encoding: .utf8)
        let unloaded = try await LiveTools.run(
            LiveTools.slo, ["doctor", "--prometheus", stack.prometheusURL, spec.path])
        #expect(unloaded.status == 1, "\(unloaded.output)")
        let blocks = unloaded.output.components(separatedBy: "\nuptime / ")
        let scraped = blocks.first { $0.hasPrefix("scraped") } ?? ""
        let unscraped = blocks.first { $0.hasPrefix("unscraped") } ?? ""
        #expect(scraped.contains("ok      timeslice-query: the timeslice query returns 1 series"), "\(scraped)")
        #expect(
            unscraped.contains("PROBLEM timeslice-query: the timeslice query returns no value now"), "\(unscraped)")
        #expect(scraped.contains("PROBLEM rules-loaded: rule group `slo-uptime-scraped` is not loaded"), "\(scraped)")
        #expect(scraped.contains("PROBLEM recordings: no fresh sample of `"), "\(scraped)")

        // Loaded: the scraped SLO's group is the compiled one and records.
        let output = scratch.appendingPathComponent("generated").path
        let compile = try await LiveTools.run(LiveTools.slo, ["compile", "-o", output, spec.path])
        try #require(compile.status == 0, "\(compile.output)")
        let rules = try String(contentsOfFile: output + "/uptime/rules.yml", encoding: .utf8)
        try stack.replaceRules(1, with: Self.everySecond(rules))
        let loaded = try await stack.doctor([spec.path]) {
            $0.output.components(separatedBy: "\nuptime / ").first { $0.hasPrefix("scraped") }?
                .contains("ok      recordings") == true
        }
        let scrapedNow = loaded.output.components(separatedBy: "\nuptime / ").first { $0.hasPrefix("scraped") } ?? ""
        #expect(scrapedNow.contains("ok      rules-loaded: group `slo-uptime-scraped`"), "\(scrapedNow)")
        #expect(scrapedNow.contains("ok      recordings: all "), "\(scrapedNow)")
        try stack.replaceRules(1, with: Self.noGroups)
    }
}
