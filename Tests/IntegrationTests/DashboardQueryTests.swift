import Foundation
import Testing

@testable import SLOKit

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The generated dashboards against a real Prometheus that runs the generated rules over a
/// synthetic history: every panel query (variables substituted as Grafana would) parses with our
/// PromQL parser and returns data, every group variable has values, the alert-state panels see the
/// page alerts the history makes fire, and every burn-rate panel's line is the factor its alert
/// pair compares against in rules.yml. One Prometheus serves the whole suite.
///
/// Specs: this repository's own (`slo/`, what generated/ holds) and the golden plain, latency,
/// timeslice and `groupBy` specs. History: one hour of raw series every 15 s ending 20 s ago, every
/// SLI burning fast (so every page alert fires). Recordings exist only
/// from the first evaluation on, so instant queries are evaluated at the first 5-minute boundary
/// after it.
@Suite(.serialized) struct DashboardQueryTests {
    static let goldenCases = ["selector-ratio", "latency", "timeslice", "group-by"]

    /// Grafana's substitutions: every group variable at "All", the panel range an hour.
    static func substitute(_ expr: String, labels: [String]) -> String {
        var text = expr.replacingOccurrences(of: "$__range", with: "1h")
        for label in labels { text = text.replacingOccurrences(of: "$\(label)", with: ".*") }
        return text
    }

    @Test func everyPanelQueryReturnsDataAndDrawsTheAlertThresholds() async throws {
        let sources = try Self.goldenCases.map { try Fixtures.source("golden/\($0)/spec.yaml") } + Fixtures.ownSpecs()
        var options = Compiler.Options()
        options.formats = [.prometheus, .grafana]
        let result = Compiler(options: options).compile(sources)
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        let folder = try ScratchFolder()
        var ruleFiles: [String] = []
        var rulesText = ""
        for file in result.files where file.path.hasSuffix("/rules.yml") {
            rulesText += file.contents
            // Every 5 s instead of every minute, so the alerts show within seconds; the
            // series and labels (what the panels depend on) are the same.
            // (The calendar groups' 5 minutes too: the period-so-far panels read their recordings.)
            let fast = file.contents.replacingOccurrences(of: "interval: 1m", with: "interval: 5s")
                .replacingOccurrences(of: "interval: 5m", with: "interval: 5s")
            ruleFiles.append(try folder.write(file.path.replacingOccurrences(of: "/", with: "-"), fast))
        }
        let dashboards = result.files.filter { $0.path.hasSuffix(".json") }
        #expect(dashboards.count == 8, "7 services and the overview")

        let end = Int(Date().timeIntervalSince1970) - 20
        let data = folder.url.appendingPathComponent("data").path
        try await PrometheusServer.backfill(SyntheticHistory.openMetrics(end: end), into: data, scratch: folder.path)
        // The period-so-far panels read the calendar group's count of whole 5-minute tiles, which
        // needs the 5-minute rates at the last 5-minute marks: record them over the history's hour
        // first (as a server running the rules for that hour would have), then start the rules.
        try await Self.backfillRates(sources, data: data, folder: folder, end: end)
        let server = try await PrometheusServer(data: data, scratch: folder.path, rules: ruleFiles)
        do {
            try await Self.check(
                dashboards, rulesText: rulesText, sloCount: result.sloCount, client: QueryClient(base: server.url))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// The SLOs' 5-minute rate recordings over the last hour, at the rule groups' 1-minute grid,
    /// with `promtool tsdb create-blocks-from rules` against a server over the raw history.
    static func backfillRates(_ sources: [SourceFile], data: String, folder: ScratchFolder, end: Int) async throws {
        let checked = Compiler().check(sources)
        var groups: [String] = []
        for slo in checked.models.flatMap(\.slos) {
            let rules = planRuleGroup(slo).rules.compactMap { rule -> String? in
                guard case .record(let record) = rule,
                    record.record == SeriesNames.errorsRate || record.record == SeriesNames.totalRate
                else { return nil }
                let labels = record.labels.sorted { $0.key < $1.key }.map { "\(json($0.key)): \(json($0.value))" }
                return
                    "{\"record\": \(json(record.record)), \"expr\": \(json(record.expr)), \"labels\": {\(labels.joined(separator: ", "))}}"
            }
            groups.append(
                "{\"name\": \(json("rates-\(slo.service)-\(slo.name)")), \"rules\": [\(rules.joined(separator: ", "))]}"
            )
        }
        let path = try folder.write("rates.json", "{\"groups\": [\(groups.joined(separator: ", "))]}\n")
        let blocks = folder.url.appendingPathComponent("rate-blocks").path
        let server = try await PrometheusServer(data: data, scratch: folder.path)
        let outcome = try await ChildProcess.run(
            try PrometheusServer.tool("promtool"),
            [
                "tsdb", "create-blocks-from", "rules", "--quiet", "--url=\(server.url)", "--start=\(end - 3600)",
                "--end=\(end)", "--eval-interval=60s", "--output-dir=\(blocks)", path,
            ], environment: Promtool.environment, combineOutput: true, cpuSeconds: 20)
        await server.stop()
        #expect(outcome.status == 0, "\(outcome.stdout)")
        for block in try FileManager.default.contentsOfDirectory(atPath: blocks) {
            try FileManager.default.moveItem(atPath: blocks + "/" + block, toPath: data + "/" + block)
        }
    }

    /// A JSON string literal (the rule file is JSON, which YAML reads; YAML has no `\/` escape).
    static func json(_ text: String) -> String {
        String(
            decoding: try! JSONSerialization.data(withJSONObject: [text], options: .withoutEscapingSlashes),
            as: UTF8.self
        ).dropFirst().dropLast()
            .description
    }

    static func check(_ dashboards: [OutputFile], rulesText: String, sloCount: Int, client: QueryClient) async throws {

        // Wait for every SLO group's first evaluation (the last recording of each group).
        var evaluated = 0.0
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let samples = try await client.instant("count(slo:period_error_budget_remaining:ratio)", at: nil)
            if let value = samples.first?.value, value >= Double(sloCount) {
                evaluated =
                    try await client.instant("max(timestamp(slo:period_error_budget_remaining:ratio))", at: nil)
                    .first?.value ?? 0
                break
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        try #require(evaluated > 0, "the rule groups did not evaluate within 60 s")
        // Prometheus writes `ALERTS` only from a group's third evaluation on (it restores the
        // alerts' `for` state after the second): wait for every page alert there.
        var firing = 0.0
        while Date() < deadline {
            let query = "count(count by (slo_service, slo_name) (ALERTS{alertstate=\"firing\",slo_severity=\"page\"}))"
            firing = try await client.instant(query, at: nil).first?.value ?? 0
            if firing >= Double(sloCount) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(firing == Double(sloCount), "every SLO's page alert fires on the burning history")
        let at = (Int(evaluated) / 300 + 1) * 300
        let factors = Self.alertFactors(rulesText)
        #expect(factors.count == 4 * sloCount, "four alert pairs per SLO in rules.yml")
        var checkedQueries = 0
        var burnPanels = 0
        for dashboard in dashboards {
            let problems = GrafanaDashboardCheck.problems(dashboard.contents)
            #expect(problems.isEmpty, "\(dashboard.path): \(problems)")
            let json = try JSONValue.parse(Array(dashboard.contents.utf8))
            let variables = (json["templating"]?["list"]?.arrayValue ?? []).filter {
                $0["type"]?.stringValue == "query"
            }
            let labels = variables.compactMap { $0["name"]?.stringValue }
            for variable in variables {
                let definition = try #require(variable["definition"]?.stringValue)
                let selector = String(definition.dropFirst("label_values(".count).prefix { $0 != "}" }) + "}"
                _ = try PromQLParser.parse(selector)
                let values = try await client.labelValues(variable["name"]?.stringValue ?? "", match: selector)
                #expect(!values.isEmpty, "\(dashboard.path): variable \(definition) has no values")
            }
            for panel in json["panels"]?.arrayValue ?? [] {
                let title = panel["title"]?.stringValue ?? ""
                for target in panel["targets"]?.arrayValue ?? [] {
                    let expr = Self.substitute(target["expr"]?.stringValue ?? "", labels: labels)
                    #expect(throws: Never.self, "\(dashboard.path) \(title): \(expr)") { try PromQLParser.parse(expr) }
                    let instant = target["instant"] == .bool(true)
                    let samples =
                        instant
                        ? try await client.instant(expr, at: at)
                        : try await client.range(expr, start: at - 1800, end: at, step: 60)
                    if samples.isEmpty, title.hasSuffix("so far"),
                        let selector = expr.firstMatch(of: /slo:[a-z_:]+(\{[^}]*slo_period="[a-z]+"\})/)
                    {
                        // The calendar group counts whole 5-minute tiles of this hour and recorded
                        // hour and day levels; in the first minutes of an hour the live rules have
                        // none of them yet (the history's hour holds only backfilled 5-minute
                        // rates), so the ratio is rightly absent. Its events series is there, as 0.
                        let events = "\(SeriesNames.totalToDate)\(selector.1)"
                        #expect(
                            try await !client.instant(events, at: at).isEmpty,
                            "\(dashboard.path) \(title): no data for \(expr), nor for \(events)")
                    } else {
                        #expect(!samples.isEmpty, "\(dashboard.path) \(title): no data for \(expr)")
                    }
                    checkedQueries += 1
                    // The alert-state queries without their `or vector(0)`: the page alerts fire.
                    if expr.contains("slo_severity=\"page\"}") {
                        let firing = String(expr.dropLast(" or vector(0)".count))
                        #expect(
                            try await !client.instant(firing, at: at).isEmpty,
                            "\(dashboard.path) \(title): the page alert does not show as firing: \(firing)")
                    }
                }
                guard title.contains("burn rate:") else { continue }
                burnPanels += 1
                let windows = (panel["targets"]?.arrayValue ?? []).compactMap { target -> String? in
                    let expr = target["expr"]?.stringValue ?? ""
                    guard let match = expr.firstMatch(of: /ratio_rate(\w+)\{slo_service="([^"]+)",slo_name="([^"]+)"/)
                    else { return nil }
                    return "\(match.2)/\(match.3)/\(match.1)"
                }
                #expect(windows.count == 2, "\(title): a short and a long window")
                let line = panel["fieldConfig"]?["defaults"]?["thresholds"]?["steps"]?.arrayValue.last?["value"]?
                    .numberValue
                let key = windows.joined(separator: "+").replacing(/\+[^\/]+\/[^\/]+\//, with: "+")
                #expect(
                    line != nil && line == factors[key],
                    "\(dashboard.path) \(title): line \(line ?? -1), rules.yml \(factors[key] ?? -1)")
                // The page pair over 5m and 1h is what fired: both of its lines are above the
                // threshold line, so the panel's scale (ratio ÷ budget) is the alert's.
                guard title.hasSuffix("Page burn rate: 5m and 1h"), let line else { continue }
                for target in panel["targets"]?.arrayValue ?? [] {
                    let expr = Self.substitute(target["expr"]?.stringValue ?? "", labels: labels)
                    let values = try await client.instant(expr, at: at).map(\.value)
                    #expect(
                        !values.isEmpty && values.allSatisfy { $0 > line },
                        "\(dashboard.path) \(title): \(values) not above \(line) while the page alert fires")
                }
            }
        }
        #expect(burnPanels == 4 * sloCount)
        #expect(checkedQueries > 100)
    }

    /// (service/slo/short+long) → the factor its burn-rate condition multiplies the budget by, read
    /// from the alert expressions in rules.yml text.
    static func alertFactors(_ rules: String) -> [String: Double] {
        let pair =
            /slo:sli_error:ratio_rate(\w+)\{slo_service="([^"]+)",slo_name="([^"]+)"\} > \(([0-9.]+) \* [0-9.e-]+\)\s+and\s+slo:sli_error:ratio_rate(\w+)\{[^}]*\} > \(([0-9.]+) \* [0-9.e-]+\)/
        var factors: [String: Double] = [:]
        for match in rules.matches(of: pair) where match.4 == match.6 {
            factors["\(match.2)/\(match.3)/\(match.1)+\(match.5)"] = Double(match.4)
        }
        return factors
    }
}

/// Raw series for every SLI of the specs above, one hour every 15 s, all burning their budget fast:
/// 20% errors, 30–40% of requests slower than the latency thresholds, the queues backlogged and
/// two of three NATS servers down.
enum SyntheticHistory {
    static func openMetrics(end: Int) -> String {
        let times = stride(from: end - 3600, through: end, by: 15).map { $0 }
        var out = ""
        func counter(_ family: String, _ series: [(labels: String, perStep: Double)]) {
            out += "# TYPE \(family) counter\n"
            for (labels, perStep) in series {
                for (step, time) in times.enumerated() {
                    out += "\(family)_total{\(labels)} \(Int(perStep) * (step + 1)) \(time)\n"
                }
            }
        }
        func gauge(_ name: String, _ series: [(labels: String, value: Double)]) {
            out += "# TYPE \(name) gauge\n"
            for (labels, value) in series {
                for time in times { out += "\(name){\(labels)} \(Int(value)) \(time)\n" }
            }
        }
        /// `shares`: (le, share of requests at or under it) ascending, without +Inf.
        func histogram(_ family: String, _ series: [(labels: String, perStep: Double)], _ shares: [(String, Double)]) {
            out += "# TYPE \(family) histogram\n"
            for (labels, perStep) in series {
                let sep = labels.isEmpty ? "" : ","
                for (step, time) in times.enumerated() {
                    let count = perStep * Double(step + 1)
                    for (le, share) in shares + [("+Inf", 1)] {
                        out += "\(family)_bucket{\(labels)\(sep)le=\"\(le)\"} \(Int(count * share)) \(time)\n"
                    }
                    out += "\(family)_count{\(labels)} \(Int(count)) \(time)\n"
                    out += "\(family)_sum{\(labels)} \(Int(count * 0.3)) \(time)\n"
                }
            }
        }
        var requests: [(String, Double)] = [
            ("job=\"checkout\",code=\"200\"", 80), ("job=\"checkout\",code=\"500\"", 20),
        ]
        for route in ["/a", "/b"] {
            for method in ["GET", "POST"] {
                requests.append(("job=\"gateway\",route=\"\(route)\",method=\"\(method)\",code=\"200\"", 80))
                requests.append(("job=\"gateway\",route=\"\(route)\",method=\"\(method)\",code=\"500\"", 20))
            }
        }
        counter("http_requests", requests)
        histogram(
            "http_request_duration_seconds",
            [
                ("job=\"catalog\",route=\"/p\"", 100),
                ("service=\"orders-api\",handler=\"/orders\",method=\"GET\",code=\"200\"", 80),
                ("service=\"orders-api\",handler=\"/orders\",method=\"GET\",code=\"500\"", 20),
                ("service=\"orders-api\",handler=\"/orders\",method=\"POST\",code=\"200\"", 80),
                ("service=\"orders-api\",handler=\"/orders\",method=\"POST\",code=\"500\"", 20),
            ], [("0.1", 0.4), ("0.25", 0.6), ("0.3", 0.7), ("1", 0.8)])
        histogram("orders_end_to_end_seconds", [("stream=\"ORDERS\"", 100)], [("1", 0.4), ("10", 0.7)])
        counter(
            "orders_publish",
            [("service=\"orders-api\",result=\"ack\"", 80), ("service=\"orders-api\",result=\"error\"", 20)])
        counter("orders_dead_lettered", [("consumer=\"fulfilment\"", 20)])
        counter("orders_consumed", [("consumer=\"fulfilment\"", 100)])
        gauge(
            "jetstream_consumer_num_pending",
            [
                ("stream=\"ORDERS\",consumer=\"fulfilment\"", 5000),
                ("stream_name=\"ORDERS\",consumer_name=\"fulfilment\",is_consumer_leader=\"true\"", 5000),
            ])
        gauge(
            "up",
            [
                ("job=\"nats\",instance=\"a\"", 1), ("job=\"nats\",instance=\"b\"", 0),
                ("job=\"nats\",instance=\"c\"", 0),
            ])
        return out + "# EOF\n"
    }
}

/// Instant, range and label-value queries over Prometheus's HTTP API.
struct QueryClient {
    let base: String

    struct Sample {
        var labels: [String: String]
        var value: Double
    }

    func instant(_ query: String, at time: Int?) async throws -> [Sample] {
        var items = [URLQueryItem(name: "query", value: query)]
        if let time { items.append(URLQueryItem(name: "time", value: String(time))) }
        return try await samples(try await get("/api/v1/query", items))
    }

    func range(_ query: String, start: Int, end: Int, step: Int) async throws -> [Sample] {
        try await samples(
            try await get(
                "/api/v1/query_range",
                [
                    URLQueryItem(name: "query", value: query), URLQueryItem(name: "start", value: String(start)),
                    URLQueryItem(name: "end", value: String(end)), URLQueryItem(name: "step", value: String(step)),
                ]))
    }

    func labelValues(_ label: String, match: String) async throws -> [String] {
        let data = try await get("/api/v1/label/\(label)/values", [URLQueryItem(name: "match[]", value: match)])
        return data["data"] as? [String] ?? []
    }

    private func get(_ path: String, _ items: [URLQueryItem]) async throws -> [String: Any] {
        var components = try #require(URLComponents(string: base + path))
        components.queryItems = items
        // `+` is literal in a query item but a space to Prometheus's form parser.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        let (data, _) = try await URLSession.shared.data(from: try #require(components.url))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            object["status"] as? String == "success", "\(path) \(items.first?.value ?? ""): \(object["error"] ?? "")")
        return object
    }

    private func samples(_ response: [String: Any]) async throws -> [Sample] {
        let data = response["data"] as? [String: Any] ?? [:]
        let results = data["result"] as? [[String: Any]] ?? []
        return results.compactMap { result in
            let labels = result["metric"] as? [String: String] ?? [:]
            let pair = (result["value"] as? [Any]) ?? ((result["values"] as? [[Any]])?.last)
            guard let text = pair?.last as? String, let value = Double(text) else { return nil }
            return Sample(labels: labels, value: value)
        }
    }
}
