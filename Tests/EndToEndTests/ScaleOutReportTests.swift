// tier: integration
import Foundation
import Testing

/// `slo report` against VictoriaMetrics and against Prometheus, on the same imported history.
///
/// Two SLOs over eight days of one-minute counters with a reset: one scraped exactly on the
/// minute, one with scrape jitter. On the aligned one both engines count the same events
/// (Prometheus does not extrapolate when samples sit on the window's edges; MetricsQL's
/// `increase` takes the sample before the window, which is the one on the edge), so every count,
/// SLI and burn rate must agree to 1e-6. On the jittered one they may not, by MetricsQL's
/// documented behaviour (no extrapolation: docs/SCALING.md); the test bounds the difference.
@Suite(.serialized) struct ScaleOutReportTests {
    static let start: Int64 = 1_793_836_800  // 2026-11-04T00:00:00Z
    static let days: Int64 = 8

    static let spec = """
        version: slo/v1
        service: shop
        slos:
          - name: aligned
            objective: 99.5
            window: 7d
            sli:
              errors: requests_total{family="aligned",code="500"}
              total: requests_total{family="aligned"}
          - name: jittered
            objective: 99.5
            window: 7d
            sli:
              errors: requests_total{family="jittered",code="500"}
              total: requests_total{family="jittered"}

        """

    /// (labels, [(seconds, value)]) for both families: 1,000 requests a minute, errors 0–6 a
    /// minute and a burst on day 5, every counter reset to 0 once on day 3.
    static func history() -> [(labels: String, samples: [(Double, Double)])] {
        var series: [(String, [(Double, Double)])] = []
        for family in ["aligned", "jittered"] {
            for code in ["200", "500"] {
                var value = 0.0
                var samples: [(Double, Double)] = []
                for minute in 0..<(days * 1440) {
                    var time = Double(start + minute * 60)
                    if family == "jittered" { time += Double((minute * 7919) % 23) - 11 + 0.123 }
                    if minute == 3 * 1440 + 17 { value = 0 }
                    let errors = Double(minute % 7) + (minute / 1440 == 5 && minute % 1440 < 90 ? 40 : 0)
                    value += code == "500" ? errors : 1000 - errors
                    samples.append((time, value))
                }
                series.append(("requests_total{code=\"\(code)\",family=\"\(family)\"}", samples))
            }
        }
        return series
    }

    @Test func reportOnVictoriaMetricsEqualsReportOnPrometheus() async throws {
        let folder = try TemporaryFolder()
        let specPath = try folder.write("shop.yaml", Self.spec)
        let history = Self.history()
        var openMetrics = "# TYPE requests_total counter\n"
        var prometheusText = ""
        for (labels, samples) in history {
            for (time, value) in samples {
                openMetrics += "\(labels) \(Int64(value)) \(String(format: "%.3f", time))\n"
                prometheusText += "\(labels) \(Int64(value)) \(Int64((time * 1000).rounded()))\n"
            }
        }
        openMetrics += "# EOF\n"
        let tsdb = folder.path + "/tsdb"
        try await PrometheusServer.backfill(openMetrics, into: tsdb, scratch: folder.path)
        let prometheus = try await PrometheusServer(data: tsdb, scratch: folder.path)
        let victoria = try await VictoriaMetricsServer(data: folder.path + "/vm")
        let at = "2026-11-12T00:00:00Z"
        do {
            try victoria.importPrometheus(prometheusText)
            var reports: [[String: Any]] = []
            for (name, url) in [("prometheus", prometheus.url), ("victoriametrics", victoria.url)] {
                let run = try await SLOProcess.run([
                    "report", "--prometheus", url, specPath, "--at", at, "-o", folder.path + "/\(name)", "--format",
                    "json", "--no-config",
                ])
                #expect(run.status == 0, "\(name): \(run.stderr)")
                let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/\(name)/shop.json"))
                reports.append(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
            }
            let slos = reports.map { ($0["slos"] as? [[String: Any]]) ?? [] }
            #expect(slos[0].count == 2 && slos[1].count == 2)
            for (fromPrometheus, fromVictoria) in zip(slos[0], slos[1]) {
                let name = fromPrometheus["name"] as? String ?? "?"
                let tolerance = name == "aligned" ? 1e-6 : 5e-3
                var compared = 0
                func compare(_ what: String, _ a: Any?, _ b: Any?) {
                    guard let x = (a as? NSNumber)?.doubleValue, let y = (b as? NSNumber)?.doubleValue else {
                        #expect(
                            (a as? NSNumber) == nil && (b as? NSNumber) == nil,
                            "\(name) \(what): \(a ?? "nil") vs \(b ?? "nil")")
                        return
                    }
                    compared += 1
                    let difference = x == 0 ? abs(y) : abs(x - y) / abs(x)
                    #expect(difference <= tolerance, "\(name) \(what): Prometheus \(x), VictoriaMetrics \(y)")
                    if name == "jittered" {
                        print("jittered \(what): Prometheus \(x), VictoriaMetrics \(y), relative \(difference)")
                    }
                }
                let periods = [fromPrometheus["period"], fromVictoria["period"]].map { $0 as? [String: Any] ?? [:] }
                for key in ["total", "bad", "good", "sli"] {
                    compare("period.\(key)", periods[0][key], periods[1][key])
                }
                let burns = [fromPrometheus["burnRates"], fromVictoria["burnRates"]].map { $0 as? [String: Any] ?? [:] }
                for key in ["1h", "6h", "1d", "3d", "window"] {
                    compare("burnRates.\(key)", burns[0][key], burns[1][key])
                }
                #expect(compared == 9, "\(name): \(compared) numbers compared")
                #expect(fromPrometheus["status"] as? String == fromVictoria["status"] as? String)
            }
        } catch {
            await victoria.stop()
            await prometheus.stop()
            throw error
        }
        await victoria.stop()
        await prometheus.stop()
    }
}
