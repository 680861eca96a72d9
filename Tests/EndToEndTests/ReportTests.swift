import Foundation
import Testing

/// `slo report` against a real Prometheus on 127.0.0.1 holding 35 days of synthetic history whose
/// answers are known in closed form: every number of the JSON report is compared with the value
/// computed here from the history's definition (relative error ≤ 1e-6).
@Suite struct ReportTests {
    /// The synthetic history: 10,000 requests a minute, 0.05% errors, two incidents (10% and 5%), and a queue
    /// gauge that is over its limit twice. Samples every minute, the last one at `at`.
    enum History {
        static let start = time("2026-01-27T00:00:00Z")
        static let at = time("2026-03-03T00:00:00Z")
        static let requestsPerMinute = 10_000.0
        /// (after, until, errors a minute): samples in (after, until] count that many errors.
        static let incidents: [(Int, Int, Double)] = [
            (time("2026-02-20T10:00:00Z"), time("2026-02-20T12:00:00Z"), 1000),
            (time("2026-03-02T22:00:00Z"), time("2026-03-02T23:00:00Z"), 500),
        ]
        static let baselineErrors = 5.0
        /// The queue is over its limit (5,000 pending) at samples in these spans, else 10.
        static let backlogs: [(Int, Int)] = [
            (time("2026-02-15T03:00:00Z"), time("2026-02-15T04:30:00Z")),
            (time("2026-03-02T12:00:00Z"), time("2026-03-02T12:30:00Z")),
        ]

        static func time(_ text: String) -> Int {
            Int(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970)
        }

        static func errors(at sample: Int) -> Double {
            incidents.first { sample > $0.0 && sample <= $0.1 }?.2 ?? baselineErrors
        }

        static func backlogged(_ sample: Int) -> Bool { backlogs.contains { sample > $0.0 && sample <= $0.1 } }

        static var samples: StrideThrough<Int> { stride(from: start, through: at, by: 60) }

        /// Bad and all requests whose samples fall in (from, to].
        static func requests(_ from: Int, _ to: Int) -> (bad: Double, total: Double) {
            var bad = 0.0
            var total = 0.0
            for sample in samples where sample > from && sample <= to {
                bad += errors(at: sample)
                total += requestsPerMinute
            }
            return (bad, total)
        }

        /// Bad and all one-minute slices ending in (from, to].
        static func slices(_ from: Int, _ to: Int) -> (bad: Double, total: Double) {
            var bad = 0.0
            var total = 0.0
            for sample in samples where sample > from && sample <= to {
                if backlogged(sample) { bad += 1 }
                total += 1
            }
            return (bad, total)
        }

        static var openMetrics: String {
            var out = "# TYPE http_requests counter\n"
            for code in ["200", "500"] {
                var value = 0.0
                for sample in samples {
                    let errors = errors(at: sample)
                    value += code == "500" ? errors : requestsPerMinute - errors
                    out += "http_requests_total{job=\"api\",code=\"\(code)\"} \(Int(value)) \(sample)\n"
                }
            }
            out += "# TYPE queue_pending gauge\n"
            for sample in samples {
                out += "queue_pending{consumer=\"orders\"} \(backlogged(sample) ? 5000 : 10) \(sample)\n"
            }
            return out + "# EOF\n"
        }
    }

    static let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/report/checkout.yaml").path

    static func close(
        _ actual: Any?, _ expected: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let value = (actual as? NSNumber)?.doubleValue else {
            Issue.record(
                "\(what): expected \(expected), got \(String(describing: actual))", sourceLocation: sourceLocation)
            return
        }
        let error = expected == 0 ? abs(value) : abs(value - expected) / abs(expected)
        #expect(error <= 1e-6, "\(what): \(value) vs analytic \(expected)", sourceLocation: sourceLocation)
    }

    /// Checks one period object (`period`, `previousPeriod`) against bad/total counts.
    static func checkPeriod(
        _ period: [String: Any]?, bad: Double, total: Double, budget: Double, lengthSeconds: Double, _ what: String
    ) {
        guard let period else {
            Issue.record("\(what): missing")
            return
        }
        let ratio = bad / total
        close(period["sli"], 1 - ratio, "\(what) sli")
        close(period["total"], total, "\(what) total")
        close(period["bad"], bad, "\(what) bad")
        close(period["good"], total - bad, "\(what) good")
        close(period["lengthSeconds"], lengthSeconds, "\(what) length")
        let money = period["budget"] as? [String: Any]
        close(money?["units"], budget * total, "\(what) budget units")
        close(money?["minutes"], budget * lengthSeconds / 60, "\(what) budget minutes")
        close(money?["consumed"], ratio / budget, "\(what) consumed")
        close(money?["remaining"], 1 - ratio / budget, "\(what) remaining")
        close(money?["consumedMinutes"], ratio / budget * budget * lengthSeconds / 60, "\(what) consumed minutes")
        close(
            money?["remainingMinutes"], (1 - ratio / budget) * budget * lengthSeconds / 60, "\(what) remaining minutes")
    }

    @Test func reportMatchesTheAnalyticAnswers() async throws {
        let folder = try TemporaryFolder()
        let data = folder.path + "/tsdb"
        try await PrometheusServer.backfill(History.openMetrics, into: data, scratch: folder.path)
        let server = try await PrometheusServer(data: data, scratch: folder.path)
        let output = folder.path + "/reports"
        let at = History.at
        let run = try await SLOProcess.run([
            "report", "--prometheus", server.url, Self.spec, "--at", "2026-03-03T00:00:00Z", "-o", output,
        ])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("reported 4 SLOs of 1 services"))
        let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(
            files == ["checkout.html", "checkout.json", "checkout.md", "index.html", "index.json", "index.md"])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/checkout.json")))
                as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let validation = try await ChildProcess.run(
            "/usr/bin/python3",
            [
                Fixtures.repository.appendingPathComponent("Tests/EndToEndTests/Fixtures/tools/validate_json.py").path,
                Fixtures.repository.appendingPathComponent("schema/report-v1.schema.json").path,
                output + "/checkout.json",
            ], combineOutput: true)
        #expect(validation.status == 0, "the report does not match schema/report-v1.schema.json: \(validation.stdout)")
        #expect(json["at"] as? String == "2026-03-03T00:00:00Z")
        let slos = try #require(json["slos"] as? [[String: Any]])
        func slo(_ name: String) -> [String: Any] { slos.first { $0["name"] as? String == name } ?? [:] }

        // Rolling 30 days of request counts.
        let budget = 0.001
        let availability = slo("availability")
        let window = History.requests(at - 30 * 86_400, at)
        Self.checkPeriod(
            availability["period"] as? [String: Any], bad: window.bad, total: window.total, budget: budget,
            lengthSeconds: 30 * 86_400, "availability")
        let burns = availability["burnRates"] as? [String: Any]
        for (name, seconds) in [("1h", 3600), ("6h", 21_600), ("1d", 86_400), ("3d", 259_200)] {
            let counts = History.requests(at - seconds, at)
            Self.close(burns?[name], counts.bad / counts.total / budget, "availability burn \(name)")
        }
        Self.close(burns?["window"], window.bad / window.total / budget, "availability burn over the window")
        let hour = History.requests(at - 3600, at)
        let currentBurn = hour.bad / hour.total / budget
        Self.close(availability["currentBurnRate"], currentBurn, "availability current burn")
        let remaining = 1 - window.bad / window.total / budget
        let exhaustion = availability["exhaustion"] as? [String: Any]
        let seconds = remaining * 30 * 86_400 / currentBurn
        Self.close(exhaustion?["inSeconds"], seconds, "availability exhaustion")
        #expect(
            exhaustion?["at"] as? String
                == ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(at) + seconds.rounded(.down)))
        )
        #expect(availability["status"] as? String == "burning")
        // The 5% incident an hour ago fires the 6h/3d ticket pair, no page pair.
        let alerts = availability["alerts"] as? [[String: Any]] ?? []
        #expect(alerts.count == 4)
        for alert in alerts {
            let short = History.requests(at - Self.seconds(alert["shortWindow"]), at)
            let long = History.requests(at - Self.seconds(alert["longWindow"]), at)
            Self.close(alert["shortBurnRate"], short.bad / short.total / budget, "short burn \(alert["shortWindow"]!)")
            Self.close(alert["longBurnRate"], long.bad / long.total / budget, "long burn \(alert["longWindow"]!)")
            let factor = (alert["factor"] as? NSNumber)?.doubleValue ?? 0
            let firing = short.bad / short.total / budget > factor && long.bad / long.total / budget > factor
            #expect(alert["firing"] as? Bool == firing)
            if alert["severity"] as? String == "page" { #expect(!firing) }
            if alert["longWindow"] as? String == "3d" { #expect(firing) }
        }
        let chart = availability["chart"] as? [String: Any]
        let remainingPoints = chart?["budgetRemaining"] as? [[Double]] ?? []
        #expect(remainingPoints.count == 121)
        Self.close(remainingPoints.last?.last, remaining, "chart ends at the budget left")
        #expect(remainingPoints.first == [Double(at - 30 * 86_400), 1])
        let burnPoints = chart?["burnRate"] as? [[Double]] ?? []
        #expect(burnPoints.count == 120)
        // The step holding the 10% incident burns at its analytic rate.
        let step = 21_600
        let incidentStep = try #require(
            burnPoints.first { Int($0[0]) > History.incidents[0].0 && Int($0[0]) - step < History.incidents[0].1 })
        let inStep = History.requests(Int(incidentStep[0]) - step, Int(incidentStep[0]))
        Self.close(incidentStep[1], inStep.bad / inStep.total / budget, "burn of the incident's step")

        // The calendar month: March so far, and all of February beside it.
        let monthly = slo("availability-monthly")
        let march = History.requests(History.time("2026-03-01T00:00:00Z"), at)
        Self.checkPeriod(
            monthly["period"] as? [String: Any], bad: march.bad, total: march.total, budget: budget,
            lengthSeconds: 31 * 86_400, "March")
        let february = History.requests(History.time("2026-02-01T00:00:00Z"), History.time("2026-03-01T00:00:00Z"))
        Self.checkPeriod(
            monthly["previousPeriod"] as? [String: Any], bad: february.bad, total: february.total, budget: budget,
            lengthSeconds: 28 * 86_400, "February")
        #expect((monthly["period"] as? [String: Any])?["start"] as? String == "2026-03-01T00:00:00Z")
        #expect((monthly["previousPeriod"] as? [String: Any])?["start"] as? String == "2026-02-01T00:00:00Z")
        #expect(monthly["status"] as? String == "exhausted")
        #expect(monthly["exhaustion"] is NSNull)

        // Timeslices: one-minute slices of the queue gauge.
        let lag = slo("queue-lag")
        let slices = History.slices(at - 30 * 86_400, at)
        Self.checkPeriod(
            lag["period"] as? [String: Any], bad: slices.bad, total: slices.total, budget: 0.01,
            lengthSeconds: 30 * 86_400, "queue-lag")
        #expect(lag["unit"] as? String == "slices")
        let lagDay = History.slices(at - 86_400, at)
        Self.close((lag["burnRates"] as? [String: Any])?["1d"], lagDay.bad / lagDay.total / 0.01, "queue-lag burn 1d")
        #expect(lag["status"] as? String == "healthy")
        #expect(lag["exhaustion"] is NSNull, "no bad slice in the last hour: no projection")

        // No data is said, never shown as 100% or NaN.
        let ghost = slo("ghost")
        #expect(ghost["status"] as? String == "no data")
        #expect((ghost["period"] as? [String: Any])?["sli"] is NSNull)
        #expect(((ghost["period"] as? [String: Any])?["budget"] as? [String: Any])?["remaining"] is NSNull)

        // The SLA: achieved against committed, and the credit owed.
        let sla = json["sla"] as? [String: Any]
        let commitment = (sla?["commitments"] as? [[String: Any]])?.first
        let current = commitment?["current"] as? [String: Any]
        Self.close(current?["achieved"], (1 - march.bad / march.total) * 100, "SLA March")
        #expect(current?["met"] as? Bool == false)
        Self.close(current?["credit"], 10, "SLA March credit")
        let previous = commitment?["previous"] as? [String: Any]
        Self.close(previous?["achieved"], (1 - february.bad / february.total) * 100, "SLA February")
        #expect(previous?["met"] as? Bool == true)
        Self.close(previous?["credit"], 0, "SLA February credit")

        // Markdown and HTML carry the same numbers; the HTML is self-contained with drawn charts.
        let markdown = try String(contentsOfFile: output + "/checkout.md", encoding: .utf8)
        #expect(markdown.contains("| availability | 99.9% | a rolling 30d |"))
        let html = try String(contentsOfFile: output + "/checkout.html", encoding: .utf8)
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("@import"))
        let polylines = html.components(separatedBy: "<polyline").count - 1
        #expect(polylines == 6, "two charts for each SLO with data")
        let drawn = html.matches(of: /data-points="(\d+)"/).compactMap { Int($0.1) }
        #expect(drawn.count == 6 && drawn.allSatisfy { $0 >= 7 }, "every chart draws its points: \(drawn)")
        try await ReportScreenshot.check(page: output + "/checkout.html", scratch: folder.path)

        // SLO_REPORT_SAMPLE=DIR keeps a copy of the reports to look at.
        if let keep = ProcessInfo.processInfo.environment["SLO_REPORT_SAMPLE"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: output, toPath: keep)
        }

        // The server stops: exit 2, a message naming the server, nothing written or lost.
        await server.stop()
        let before = try String(contentsOfFile: output + "/checkout.json", encoding: .utf8)
        let failed = try await SLOProcess.run([
            "report", "--prometheus", server.url, Self.spec, "--at", "2026-03-03T00:00:00Z", "-o", output,
            "--timeout", "5s",
        ])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("cannot reach 127.0.0.1:\(server.port)"), "stderr: \(failed.stderr)")
        #expect(failed.stderr.contains("no report written"))
        #expect(try String(contentsOfFile: output + "/checkout.json", encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/fresh"))
        let fresh = try await SLOProcess.run([
            "report", "--prometheus", server.url, Self.spec, "--at", "2026-03-03T00:00:00Z", "-o",
            folder.path + "/fresh",
            "--timeout", "5s",
        ])
        #expect(fresh.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/fresh"))
    }

    static func seconds(_ window: Any?) -> Int {
        let text = window as? String ?? ""
        let units: [Character: Int] = ["m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()) else { return 0 }
        return count * unit
    }
}

/// Headless Chromium renders a report page: the screenshot must not be blank.
enum ReportScreenshot {
    static func check(page: String, scratch: String) async throws {
        let browser = try #require(
            ScreenshotTests.chromium, "Chromium is not installed: run scripts/test.sh (it installs Debian's chromium)")
        let shot = scratch + "/report.png"
        let (status, _) = try await ScreenshotTests.run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,1400",
                "--screenshot=\(shot)", URL(fileURLWithPath: page).absoluteString,
            ])
        #expect(status == 0)
        let (_, stats) = try await ScreenshotTests.run(
            "/usr/bin/python3",
            [
                ScreenshotTests.repository.appendingPathComponent("Tests/SLOKitTests/Fixtures/tools/png_stats.py").path,
                shot,
            ])
        let fields = stats.split(separator: " ").compactMap {
            Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(fields.count == 4, "png_stats printed `\(stats)`")
        guard fields.count == 4 else { return }
        #expect(fields[2] > 20, "a blank page has a handful of colours (got \(fields[2]))")
        #expect(fields[3] > 0.02, "too little is drawn: \(fields[3]) of pixels differ from the background")
    }
}
