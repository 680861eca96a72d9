import Foundation
import Testing

@testable import SLOKit

/// The calendar group's period-to-date recordings in a real Prometheus agree with
/// `slo report --period calendar` on the same data (issue 23).
///
/// History: a month boundary (September → October 2026) with counters scraped about every minute
/// at unaligned, jittered times (see ``history()``) by two instances, one of them restarting (a counter reset) in
/// each month. Prometheus evaluates rules only at "now", so the rules' history is built the way a
/// running server would have written it: each layer of recordings (5-minute rates, then the
/// 1-hour, 6-hour and 1-day levels, then the calendar group's day and hour tiles) is evaluated by
/// the server itself with `query_range` at the rule groups' 5-minute grid over what the layers
/// before it stored, written back with `promtool tsdb create-blocks-from openmetrics`, and the
/// server restarted over it (a layer reads the one below, so they cannot be evaluated at once).
/// The period-to-date expressions are then evaluated at instants before and after the boundary,
/// at and between 5-minute marks, and compared with the report's `period.bad` and `period.total`.
///
/// The recordings count the 5-minute tiles up to the last 5-minute mark, so an instant between
/// marks is compared with the report at that mark. The counters rise linearly and the reset
/// restarts at the last sample, so Prometheus's extrapolation is exact in both the report's one
/// long `increase` and the rules' 5-minute rates: the two agree to float rounding (1e-9 here).
@Suite(.serialized) struct CalendarAgreementTests {
    static let start: Int64 = 1_788_048_000  // 2026-08-30T00:00:00Z
    static let end: Int64 = 1_790_949_600  // 2026-10-02T12:00:00Z
    static let boundary: Int64 = 1_790_812_800  // 2026-10-01T00:00:00Z

    static let spec = """
        version: slo/v1
        service: ledger
        window: month
        slos:
          - name: availability
            objective: 99
            sli:
              errors: ledger_requests_total{job="ledger",code="500"}
              total: ledger_requests_total{job="ledger"}
        """

    /// Counters at `rate` per second from the history's start, scraped every 58–62 s at a phase
    /// of their own; a reset restarts the counter from zero at the last sample before `reset`.
    ///
    /// More jitter than ±2 s makes some 5-minute windows start more than 1.1 average intervals
    /// before their first sample, where `rate` extrapolates only half an interval: the SLO
    /// group's `rate5m` (and so every rolling window and level) then misses up to 0.1% of a
    /// day's events (measured at ±5 s: `increase1d` 0–1,060 events short of the day's 2.7 million
    /// on 16 of 31 days), a property of `rate`, not of the calendar rules.
    static func history() -> String {
        var random: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ range: ClosedRange<Int64>) -> Int64 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int64((random >> 33) % UInt64(range.upperBound - range.lowerBound + 1))
        }
        let series: [(labels: String, rate: Double, reset: Int64?)] = [
            ("code=\"200\",instance=\"a\"", 20, nil),
            ("code=\"500\",instance=\"a\"", 0.3, boundary - 3 * 3600 - 1234),
            ("code=\"200\",instance=\"b\"", 11, boundary + 9 * 3600 + 77),
            ("code=\"500\",instance=\"b\"", 0.15, boundary - 16 * 86400 + 4321),
        ]
        var text = "# TYPE ledger_requests counter\n"
        for one in series {
            var time = start + next(0...59)
            var origin = start
            var previous = start
            while time < end {
                if let reset = one.reset, previous < reset, time >= reset { origin = previous }
                let value = one.rate * Double(time - origin)
                text += "ledger_requests_total{job=\"ledger\",\(one.labels)} \(value) \(time)\n"
                previous = time
                time += 60 + next(-2...2)
            }
        }
        return text + "# EOF\n"
    }

    @Test func periodToDateEqualsTheReport() async throws {
        let folder = try ScratchFolder()
        let specPath = try folder.write("ledger.yaml", Self.spec)
        let checked = Compiler().check([SourceFile(path: specPath, text: Self.spec)])
        try #require(!checked.hasErrors, "\(checked.diagnostics.map(\.message))")
        let groups = planServiceRuleGroups(checked.models[0])
        var rules: [String: RecordingRulePlan] = [:]
        for group in groups {
            for case .record(let record) in group.rules where record.labels[ReservedLabels.period] == nil {
                rules[record.record] = record
            }
        }
        let calendar = try #require(groups.last)
        func calendarRule(_ name: String) throws -> String {
            try #require(
                calendar.rules.compactMap { if case .record(let r) = $0, r.record == name { r.expr } else { nil } }
                    .first)
        }
        let layers: [[String]] = [
            [SeriesNames.errorsRate, SeriesNames.totalRate],
            [SeriesNames.errorsIncrease(.hours(1)), SeriesNames.totalIncrease(.hours(1))],
            [SeriesNames.errorsIncrease(.hours(6)), SeriesNames.totalIncrease(.hours(6))],
            [SeriesNames.errorsIncrease(.days(1)), SeriesNames.totalIncrease(.days(1))],
            [
                SeriesNames.errorsDayTile, SeriesNames.totalDayTile, SeriesNames.errorsHourTile,
                SeriesNames.totalHourTile,
            ],
        ]
        let data = folder.url.appendingPathComponent("data").path
        try await PrometheusServer.backfill(Self.history(), into: data, scratch: folder.path)
        var server = try await PrometheusServer(data: data, scratch: folder.path)
        do {
            for layer in layers {
                var text = ""
                for name in layer {
                    let rule = try #require(rules[name], "\(name) is not recorded")
                    text += "# TYPE \(name) gauge\n"
                    let results = try await Self.rangeQuery(rule.expr, server: server)
                    try #require(!results.isEmpty, "\(name): no samples")
                    for (labels, points) in results {
                        let merged = labels.merging(rule.labels) { $1 }
                        let labelText = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
                            .joined(separator: ",")
                        for (time, value) in points { text += "\(name){\(labelText)} \(value) \(time)\n" }
                    }
                }
                await server.stop()
                try await PrometheusServer.backfill(text + "# EOF\n", into: data, scratch: folder.path)
                server = try await PrometheusServer(data: data, scratch: folder.path)
            }

            let errorsToDate = try calendarRule(SeriesNames.errorsToDate)
            let totalToDate = try calendarRule(SeriesNames.totalToDate)
            let elapsed = try calendarRule(SeriesNames.periodElapsed)
            // Before the boundary (late on the 29th, the last mark of the month), at it, and after
            // it (inside the first hour, whole hours, between marks).
            let boundary = Self.boundary
            let instants: [Int64] = [
                boundary - 86400 - 33300, boundary - 300, boundary - 300 + 137, boundary + 1500, boundary + 3600,
                boundary + 3600 + 299, boundary + 48_900 + 61, boundary + 112_200,
            ]
            var worst = 0.0
            for at in instants {
                let mark = at - at % 300
                let output = folder.path + "/report-\(at)"
                let outcome = try await SLOProcess.run([
                    "report", "--prometheus", server.url, specPath, "--at", UTCTime.format(mark),
                    "--period", "calendar", "-o", output, "--format", "json",
                ])
                try #require(outcome.status == 0, "\(outcome.stdout)")
                let report = try #require(
                    try JSONSerialization.jsonObject(
                        with: Data(contentsOf: URL(fileURLWithPath: output + "/ledger.json")))
                        as? [String: Any])
                let period = try #require(((report["slos"] as? [[String: Any]])?.first)?["period"] as? [String: Any])
                let bad = try #require((period["bad"] as? NSNumber)?.doubleValue)
                let total = try #require((period["total"] as? NSNumber)?.doubleValue)
                let periodStart = at >= boundary ? boundary : boundary - 30 * 86400
                #expect(UTCTime.parse(period["start"] as? String ?? "") == periodStart)
                let rulesBad = try await Self.instant(errorsToDate, at: at, server: server)
                let rulesTotal = try await Self.instant(totalToDate, at: at, server: server)
                #expect(total > 1000, "at \(at): the report counts \(total) events")
                for (name, rule, reported) in [("bad", rulesBad, bad), ("total", rulesTotal, total)] {
                    let difference = abs(rule - reported) / reported
                    worst = max(worst, difference)
                    #expect(difference < 1e-9, "at \(UTCTime.format(at)): \(name) rules \(rule), report \(reported)")
                }
                #expect(try await Self.instant(elapsed, at: at, server: server) == Double(at - periodStart))
            }
            // At the boundary itself the new month has no events yet: zero, not the old month.
            #expect(try await Self.instant(errorsToDate, at: boundary, server: server) == 0)
            #expect(try await Self.instant(totalToDate, at: boundary, server: server) == 0)
            print("calendar agreement: \(instants.count) instants, worst relative difference \(worst)")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// `expr` at the groups' 5-minute grid over the whole history, by series.
    static func rangeQuery(_ expr: String, server: PrometheusServer) async throws -> [(
        [String: String], [(Int64, String)]
    )] {
        let body = try await get(
            server, "/api/v1/query_range", ["query": expr, "start": "\(start)", "end": "\(end)", "step": "300"])
        let result = (body["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
        return result.map { item in
            var labels = item["metric"] as? [String: String] ?? [:]
            labels["__name__"] = nil
            let points = (item["values"] as? [[Any]] ?? []).compactMap { pair -> (Int64, String)? in
                guard let time = pair.first as? NSNumber, let value = pair.last as? String else { return nil }
                return (time.int64Value, value)
            }
            return (labels, points)
        }
    }

    /// The single value of `expr` at `time` (0 when it returns nothing).
    static func instant(_ expr: String, at time: Int64, server: PrometheusServer) async throws -> Double {
        let body = try await get(server, "/api/v1/query", ["query": expr, "time": "\(time)"])
        let result = (body["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
        try #require(result.count <= 1, "\(result)")
        return ((result.first?["value"] as? [Any])?.last as? String).flatMap(Double.init) ?? 0
    }

    static func get(_ server: PrometheusServer, _ path: String, _ parameters: [String: String]) async throws
        -> [String: Any]
    {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let query = parameters.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }
        .joined(separator: "&")
        let response = try #require(PrometheusServer.get(port: server.port, path: path + "?" + query, version: "1.0"))
        let parts = response.components(separatedBy: "\r\n\r\n")
        try #require(
            parts[0].hasPrefix("HTTP/1.1 200") || parts[0].hasPrefix("HTTP/1.0 200"), "\(response.prefix(400))")
        let body = parts.dropFirst().joined(separator: "\r\n\r\n")
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }
}
