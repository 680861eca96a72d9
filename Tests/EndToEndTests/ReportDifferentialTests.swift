// tier: integration
import Foundation
import Testing

/// `slo report`'s period counts against Prometheus's own answer, on messy data.
///
/// One backfilled TSDB holds one independent series family per case; 20 reports (each with its own
/// `--at`, a few seconds off the minute except in the aligned runs) measure 11 SLOs each. For
/// every period object of every JSON report (rolling windows, calendar periods so far, previous
/// calendar periods) the test asks Prometheus for `sum(increase(x[end - start]))` at `end` and
/// requires the report's total, bad and good to equal it to 1e-9 relative. The histories have
/// scrape jitter, counter resets, gaps of missing scrapes, series that appear and vanish
/// mid-window, bursts of 50,000 errors within one scrape interval and data after `--at`. In the
/// aligned runs (no jitter, samples on the window's edges, no series starting or ending inside
/// it) the counts must also equal the closed-form sum of the increments to 1e-6.
///
/// `SLO_DIFFERENTIAL_BINARY=path` runs another `slo` binary instead (to show an old one fails).
@Suite(.serialized) struct ReportDifferentialTests {
    /// SplitMix64: the same seed gives the same histories on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
            range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    enum Kind: CaseIterable { case errors, good, latency, template, grouped }

    enum Window {
        case rolling(Int64)
        case week, month

        var name: String {
            switch self {
            case .rolling(let seconds):
                seconds % 86_400 == 0 ? "\(seconds / 86_400)d" : "\(seconds / 3600)h"
            case .week: "week"
            case .month: "month"
            }
        }
    }

    /// One series of a case: its labels and its samples (unix milliseconds, counter value).
    struct Series {
        var labels: String
        var samples: [(ms: Int64, value: Int64)] = []
    }

    struct Case {
        var id: Int
        var kind: Kind
        var window: Window
        var series: [Series] = []
        /// Metric and label selectors for the test's own queries: (total, bad) or (total, good).
        var totalSelector: String
        var partSelector: String
        var partIsBad: Bool
        var groupLabel: String?
    }

    struct Run {
        var index: Int
        var at: Int64
        var aligned: Bool
        var cases: [Case]
    }

    static let firstAt = time("2026-04-25T00:00:00Z")

    static func time(_ text: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970)
    }

    static func text(_ time: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }

    /// The scrape interval for a window: fine for short windows, five minutes for month-long ones.
    static func interval(_ window: Window) -> Int64 {
        switch window {
        case .rolling(let seconds) where seconds <= 3600: 15
        case .rolling(let seconds) where seconds <= 21_600: 30
        case .rolling(let seconds) where seconds <= 86_400: 60
        case .rolling(let seconds) where seconds <= 259_200: 120
        default: 300
        }
    }

    /// The periods a report shows for a window at `at`: (start, end) pairs, the current first.
    static func periods(_ window: Window, at: Int64) -> [(Int64, Int64)] {
        switch window {
        case .rolling(let seconds): return [(at - seconds, at)]
        case .week, .month:
            let period: CalendarPeriodName = if case .week = window { .week } else { .month }
            let start = period.start(containing: at)
            return [(start, at), (period.start(containing: start - 1), start)]
        }
    }

    /// Calendar boundaries in UTC without the library: weeks start on Monday, months on the 1st.
    enum CalendarPeriodName {
        case week, month
        func start(containing time: Int64) -> Int64 {
            let day = time / 86_400 * 86_400
            switch self {
            case .week:
                let weekday = (time / 86_400 + 3) % 7  // 1970-01-01 was a Thursday; Monday = 0
                return day - weekday * 86_400
            case .month:
                let date = Date(timeIntervalSince1970: TimeInterval(time))
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "UTC")!
                let parts = calendar.dateComponents([.year, .month], from: date)
                return Int64(calendar.date(from: parts)!.timeIntervalSince1970)
            }
        }
    }

    /// Builds one case's series: its history covers its periods and a little more, ending after
    /// `at` (a report must not read the future).
    static func makeCase(id: Int, run: Run, random: inout Random) -> Case {
        let kind: Kind = id % 11 == 10 ? .grouped : random.pick([.errors, .errors, .good, .latency, .template])
        let windows: [Window] = [
            .rolling(3600), .rolling(21_600), .rolling(86_400), .rolling(86_400), .rolling(259_200),
            .rolling(604_800), .rolling(28 * 86_400), .week, .month,
        ]
        let window = random.pick(windows)
        let step = interval(window)
        let periods = periods(window, at: run.at)
        let earliest = periods.map(\.0).min()!
        let c = "c=\"\(id)\""
        var result: Case
        switch kind {
        case .latency:
            result = Case(
                id: id, kind: kind, window: window, totalSelector: "d_latency_seconds_count{\(c)}",
                partSelector: "d_latency_seconds_bucket{\(c),le=\"0.4\"}", partIsBad: false)
        case .good:
            result = Case(
                id: id, kind: kind, window: window, totalSelector: "d_requests_total{\(c)}",
                partSelector: "d_requests_total{\(c),code=\"200\"}", partIsBad: false)
        default:
            result = Case(
                id: id, kind: kind, window: window, totalSelector: "d_requests_total{\(c)}",
                partSelector: "d_requests_total{\(c),code=\"500\"}", partIsBad: true,
                groupLabel: kind == .grouped ? "i" : nil)
        }
        let instances = kind == .grouped ? 3 : Int(random.int(1...2))
        for instance in 1...instances {
            // Where this instance's samples run: in aligned runs across the whole periods; else
            // sometimes starting or ending inside the window.
            var first = (earliest - step * random.int(2...20)) / step * step
            var last = run.at + step * random.int(0...10)
            if !run.aligned, instance > 1 || random.chance(0.2) {
                let inside = periods[0]
                if random.chance(0.5) { first = random.int(inside.0...(inside.1 - 1)) / step * step }
                if random.chance(0.4) { last = random.int(max(first + 1, inside.0)...inside.1) }
            }
            let gap: ClosedRange<Int64>? =
                random.chance(0.4)
                ? {
                    let (start, end) = periods[0]
                    // Inside the window, off both edges (those are the appearing and vanishing series).
                    let from = random.int((start + 3 * step)...max(start + 3 * step, end - 5 * step))
                    return from...min(end - 2 * step, from + step * random.int(2...max(2, (end - start) / step / 5)))
                }() : nil
            let resetAt = random.chance(0.4) ? random.int(first...last) : nil
            let burstAt = random.chance(0.5) ? random.int(periods[0].0...periods[0].1) : nil
            let rate = random.int(1...60)
            let errorShare = random.int(0...20)  // per mille
            // Latency: le 0.4 counts most requests, le 0.1 fewer, +Inf and _count all.
            let names: [(String, String)] =
                kind == .latency
                ? [
                    ("d_latency_seconds_bucket", "\(c),i=\"\(instance)\",le=\"0.1\""),
                    ("d_latency_seconds_bucket", "\(c),i=\"\(instance)\",le=\"0.4\""),
                    ("d_latency_seconds_count", "\(c),i=\"\(instance)\""),
                ]
                : [
                    ("d_requests_total", "\(c),i=\"\(instance)\",code=\"200\""),
                    ("d_requests_total", "\(c),i=\"\(instance)\",code=\"500\""),
                ]
            var series = names.map { Series(labels: "\($0.0){\($0.1)}") }
            var values = [Int64](repeating: 0, count: names.count)
            var time = first
            var previous: Int64 = .min
            while time <= last {
                // Up to a fifth of the interval early or late, in milliseconds.
                let ms = time * 1000 + (run.aligned ? 0 : random.int(-(step * 200)...(step * 200)))
                defer { time += step }
                if let gap, gap.contains(time) { continue }
                guard ms > previous else { continue }
                previous = ms
                let requests = random.int(0...(rate * step))
                var errors = requests * random.int(0...(2 * errorShare)) / 1000
                if let burstAt, burstAt > time - step, burstAt <= time { errors += 50_000 }
                let all = requests + errors
                let increments: [Int64] =
                    kind == .latency
                    ? [all - errors - random.int(0...(all - errors) / 2), all - errors, all]
                    : [all - errors, errors]
                if let reset = resetAt, reset > time - step, reset <= time {
                    values = increments  // the process restarted: counters start again from 0
                } else {
                    for index in values.indices { values[index] += increments[index] }
                }
                for index in series.indices { series[index].samples.append((ms, values[index])) }
            }
            result.series += series
        }
        return result
    }

    static func makeRuns(seed: UInt64) -> [Run] {
        var random = Random(state: seed)
        var runs: [Run] = []
        var id = 0
        for index in 0..<20 {
            let aligned = index % 5 == 0
            // Runs a day and a bit apart, across a month boundary; off the minute unless aligned.
            var at = firstAt + Int64(index) * 111_600 + (aligned ? 0 : random.int(1...59) + 60 * random.int(0...59))
            if aligned { at = at / 300 * 300 }
            var run = Run(index: index, at: at, aligned: aligned, cases: [])
            for _ in 0..<11 {
                run.cases.append(makeCase(id: id, run: run, random: &random))
                id += 1
            }
            runs.append(run)
        }
        return runs
    }

    /// Writes OpenMetrics text to `path` in chunks (the whole text would take hundreds of MB in
    /// the test process): series of a family together, each series' samples in time order.
    /// Returns the number of samples written.
    static func writeOpenMetrics(_ runs: [Run], extra: [Series], to path: String) throws -> Int {
        var byFamily: [String: [Series]] = [:]
        for series in runs.flatMap({ $0.cases.flatMap(\.series) }) + extra {
            let name = String(series.labels.prefix { $0 != "{" })
            let family =
                name.hasSuffix("_total")
                ? String(name.dropLast(6))
                : name.hasSuffix("_bucket") || name.hasSuffix("_count")
                    ? String(name.dropLast(name.hasSuffix("_bucket") ? 7 : 6)) : name
            byFamily[family, default: []].append(series)
        }
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        var out = ""
        func flush(_ force: Bool = false) throws {
            guard force || out.utf8.count > 4 << 20 else { return }
            try file.write(contentsOf: Data(out.utf8))
            out = ""
        }
        for family in byFamily.keys.sorted() {
            out += "# TYPE \(family) \(family.hasSuffix("_seconds") ? "histogram" : "counter")\n"
            for series in byFamily[family]! {
                for sample in series.samples {
                    out += series.labels
                    out += " "
                    out += String(sample.value)
                    out += " "
                    out += String(sample.ms / 1000)
                    out += "."
                    let fraction = String(sample.ms % 1000)
                    out += String(repeating: "0", count: 3 - fraction.count) + fraction
                    out += "\n"
                }
                try flush()
            }
        }
        out += "# EOF\n"
        try flush(true)
        return byFamily.values.joined().reduce(0) { $0 + $1.samples.count }
    }

    static func spec(_ run: Run) -> String {
        var out = "version: slo/v1\nservice: diff-\(run.index)\nslos:\n"
        for one in run.cases {
            out += "  - name: c\(one.id)\n    objective: 99\n    window: \(one.window.name)\n    sli:\n"
            let c = "c=\"\(one.id)\""
            switch one.kind {
            case .errors:
                out += "      errors: 'd_requests_total{\(c),code=\"500\"}'\n      total: 'd_requests_total{\(c)}'\n"
            case .grouped:
                out += "      groupBy: [i]\n"
                out += "      errors: 'd_requests_total{\(c),code=\"500\"}'\n      total: 'd_requests_total{\(c)}'\n"
            case .good:
                out += "      good: 'd_requests_total{\(c),code=\"200\"}'\n      total: 'd_requests_total{\(c)}'\n"
            case .template:
                out += "      errors: 'sum(rate(d_requests_total{\(c),code=\"500\"}[{{.window}}]))'\n"
                out += "      total: 'sum(rate(d_requests_total{\(c)}[{{.window}}]))'\n"
            case .latency:
                out += "      latency: {metric: d_latency_seconds, selector: '{\(c)}', threshold: 400ms}\n"
            }
        }
        return out
    }

    /// Prometheus's own answer: `sum [by (label)] (increase(selector[range]))` at `end`, by group.
    static func increase(_ selector: String, _ range: Int64, at end: Int64, by label: String?, server: PrometheusServer)
        throws -> [String: Double]
    {
        let by = label.map { " by (\($0))" } ?? ""
        let samples = try query("sum\(by) (increase(\(selector)[\(range)s]))", at: end, server: server)
        var result: [String: Double] = [:]
        for (labels, value) in samples { result[label.flatMap { labels[$0] } ?? ""] = value }
        return result
    }

    /// An instant query over plain HTTP/1.1 (chunked answers included).
    static func query(_ expression: String, at time: Int64, server: PrometheusServer) throws
        -> [([String: String], Double)]
    {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = expression.addingPercentEncoding(withAllowedCharacters: allowed)!
        let response = try #require(
            PrometheusServer.get(port: server.port, path: "/api/v1/query?query=\(encoded)&time=\(time)"))
        let parts = response.components(separatedBy: "\r\n\r\n")
        var body = parts.dropFirst().joined(separator: "\r\n\r\n")
        if parts[0].lowercased().contains("transfer-encoding: chunked") {
            var decoded = ""
            var rest = Substring(body)
            while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16),
                size > 0
            {
                let start = lineEnd.upperBound
                let bytes = rest[start...].utf8.prefix(size)
                decoded += String(decoding: bytes, as: UTF8.self)
                rest = rest[rest.utf8.index(start, offsetBy: size)...].dropFirst(2)
            }
            body = decoded
        }
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "not JSON: \(body.prefix(200))")
        let result = (json["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
        return result.map { item in
            let value = (item["value"] as? [Any])?.last as? String ?? "NaN"
            return (item["metric"] as? [String: String] ?? [:], Double(value) ?? .nan)
        }
    }

    static func close(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
        if expected == 0 { return abs(actual) <= tolerance }
        return abs(actual - expected) / abs(expected) <= tolerance
    }

    /// The closed form of an aligned case: the increments of the series whose labels contain
    /// `matching`, for samples in `(start, end]`, a reset counting the value it restarted to.
    static func closedForm(_ one: Case, matching: String, _ start: Int64, _ end: Int64) -> Double {
        var sum = 0.0
        for series in one.series where series.labels.contains(matching) {
            var previous: Int64?
            for sample in series.samples {
                defer { previous = sample.value }
                guard let before = previous, sample.ms > start * 1000, sample.ms <= end * 1000 else { continue }
                sum += Double(sample.value >= before ? sample.value - before : sample.value)
            }
        }
        return sum
    }

    static func runReport(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let binary = ProcessInfo.processInfo.environment["SLO_DIFFERENTIAL_BINARY"] ?? SLOProcess.executable
        let outcome = try await ChildProcess.run(binary, arguments, combineOutput: true)
        return (outcome.status, outcome.stdout)
    }

    @Test func periodCountsEqualPrometheusOwnIncrease() async throws {
        let started = Date()
        let runs = Self.makeRuns(seed: 15)
        let coverage = CoverageRun.make()
        let folder = try TemporaryFolder()
        let data = folder.path + "/tsdb"
        let history = folder.path + "/history.om"
        let samples = try Self.writeOpenMetrics(runs, extra: coverage.series, to: history)
        let backfill = try await ChildProcess.run(
            try PrometheusServer.tool("promtool"),
            ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=744h", history, data],
            combineOutput: true, cpuSeconds: 10)
        try #require(backfill.status == 0, "promtool backfill failed: \(backfill.stdout)")
        try FileManager.default.removeItem(atPath: history)
        // Stopped at the end; killed when it goes out of scope if a requirement throws first.
        let server = try await PrometheusServer(data: data, scratch: folder.path)
        let prepared = Date().timeIntervalSince(started)

        var compared = 0
        var closedForms = 0
        /// The largest relative difference seen, for the figure the README quotes.
        var worst = 0.0
        var mismatches: [String] = []
        for run in runs {
            let specPath = folder.path + "/diff-\(run.index).yaml"
            try Self.spec(run).write(toFile: specPath, atomically: true, encoding: .utf8)
            let output = folder.path + "/out-\(run.index)"
            let (status, log) = try await Self.runReport([
                "report", "--prometheus", server.url, specPath, "--at", Self.text(run.at), "-o", output,
                "--format", "json",
            ])
            try #require(status == 0, "run \(run.index): \(log)")
            let report = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: "\(output)/diff-\(run.index).json"))) as? [String: Any])
            let slos = report["slos"] as? [[String: Any]] ?? []
            for one in run.cases {
                let rows = slos.filter { $0["name"] as? String == "c\(one.id)" }
                try #require(!rows.isEmpty, "c\(one.id) is missing")
                for row in rows {
                    let group = (row["group"] as? [String: String])?["i"] ?? ""
                    for key in ["period", "previousPeriod"] {
                        guard let period = row[key] as? [String: Any],
                            let start = (period["start"] as? String).map(Self.time),
                            let end = (period["end"] as? String).map(Self.time), end > start
                        else { continue }
                        let total =
                            try Self.increase(
                                one.totalSelector, end - start, at: end, by: one.groupLabel, server: server)[group] ?? 0
                        let part =
                            try Self.increase(
                                one.partSelector, end - start, at: end, by: one.groupLabel, server: server)[group] ?? 0
                        let expected: [(String, Double)] =
                            total == 0
                            ? [("total", .nan)]
                            : one.partIsBad
                                ? [("total", total), ("bad", part), ("good", total - part)]
                                : [("total", total), ("good", part), ("bad", total - part)]
                        let what = "run \(run.index) c\(one.id) \(one.kind) \(one.window.name) \(key) \(group)"
                        for (name, value) in expected {
                            let reported = (period[name] as? NSNumber)?.doubleValue
                            if value.isNaN {
                                if reported != nil { mismatches.append("\(what) \(name): \(reported!) without data") }
                                continue
                            }
                            compared += 1
                            if let reported {
                                worst = max(worst, value == 0 ? abs(reported) : abs(reported - value) / abs(value))
                            }
                            guard let reported, Self.close(reported, value, tolerance: 1e-9) else {
                                mismatches.append(
                                    "\(what) \(name): report \(String(describing: reported)), Prometheus \(value)")
                                continue
                            }
                        }
                        // The chart ends exactly at the period's figure, and starts at 100%.
                        if key == "period",
                            let chart = (row["chart"] as? [String: Any])?["budgetRemaining"] as? [[Double]],
                            let last = chart.last,
                            let remaining = (period["budget"] as? [String: Any])?["remaining"] as? NSNumber
                        {
                            #expect(abs(last[1] - remaining.doubleValue) <= 1e-12, "\(what): chart ends at \(last[1])")
                            #expect(chart.first?[1] == 1, "\(what): chart starts at \(chart.first![1])")
                        }
                        if run.aligned, total > 0, one.groupLabel == nil {
                            let (totalPart, partLabel) =
                                switch one.kind {
                                case .latency: ("_count{", "le=\"0.4\"")
                                case .good: ("d_requests_total{", "code=\"200\"")
                                default: ("d_requests_total{", "code=\"500\"")
                                }
                            let all = Self.closedForm(one, matching: totalPart, start, end)
                            let part = Self.closedForm(one, matching: partLabel, start, end)
                            let closedBad = one.partIsBad ? part : all - part
                            let reportedBad = (period["bad"] as? NSNumber)?.doubleValue ?? .nan
                            let reportedTotal = (period["total"] as? NSNumber)?.doubleValue ?? .nan
                            if !Self.close(reportedTotal, all, tolerance: 1e-6)
                                || !Self.close(reportedBad, closedBad, tolerance: 1e-6)
                            {
                                mismatches.append(
                                    "\(what) closed form: report \(reportedBad)/\(reportedTotal), closed form \(closedBad)/\(all)"
                                )
                            }
                            closedForms += 1
                        }
                    }
                }
            }
        }
        let mismatched = mismatches.count
        #expect(mismatched == 0, "\(mismatched) mismatches:\n\(mismatches.prefix(30).joined(separator: "\n"))")
        let cases = runs.reduce(0) { $0 + $1.cases.count }
        #expect(cases >= 200)
        #expect(compared >= 600, "only \(compared) counts compared")
        #expect(closedForms >= 30, "only \(closedForms) aligned periods checked against the closed form")
        // Coverage, SLA verdicts and the live bucket check on the same server.
        try await coverage.check(server: server, folder: folder.path)
        await server.stop()
        let seconds = Date().timeIntervalSince(started)
        print(
            "report differential: \(cases) cases, \(samples) samples, \(compared) counts compared with Prometheus's own increase (\(mismatched) differ, largest relative difference \(worst)), \(closedForms) aligned periods with the closed form; history \(String(format: "%.1f", prepared)) s, total \(String(format: "%.1f", seconds)) s"
        )
        #expect(seconds < 400, "10× the 40 s budget")
    }
}

/// A 28-day window with 6 hours of history, one whose history starts 10 days back, one with a
/// 2-day gap, and two latency SLOs: one whose threshold is a bucket bound and one whose is not.
struct CoverageRun {
    static let at = ReportDifferentialTests.time("2026-05-16T14:23:37Z")
    var series: [ReportDifferentialTests.Series]

    static func make() -> CoverageRun {
        var series: [ReportDifferentialTests.Series] = []
        func counter(_ labels: String, from: Int64, to: Int64, skipping gap: ClosedRange<Int64>? = nil) {
            var one = ReportDifferentialTests.Series(labels: "cov_requests_total{\(labels)}")
            var value: Int64 = 0
            var time = from
            while time <= to {
                defer { time += 60 }
                if let gap, gap.contains(time) { continue }
                value += labels.contains("500") ? 1 : 999
                one.samples.append(((time + 7) * 1000, value))
            }
            series.append(one)
        }
        for code in ["200", "500"] {
            counter("slo=\"six\",code=\"\(code)\"", from: at - 6 * 3600, to: at + 600)
            counter("slo=\"mid\",code=\"\(code)\"", from: at - 10 * 86_400, to: at)
            counter(
                "slo=\"gap\",code=\"\(code)\"", from: at - 29 * 86_400, to: at,
                skipping: (at - 12 * 86_400)...(at - 10 * 86_400))
        }
        for le in ["0.1", "0.25", "0.4", "0.5", "1", "+Inf"] {
            var one = ReportDifferentialTests.Series(labels: "cov_latency_seconds_bucket{job=\"cov\",le=\"\(le)\"}")
            for minute in 0..<(3 * 1440) {
                one.samples.append(((at - Int64(minute) * 60) * 1000, Int64(1_000_000 - minute)))
            }
            one.samples.reverse()
            series.append(one)
        }
        var count = ReportDifferentialTests.Series(labels: "cov_latency_seconds_count{job=\"cov\"}")
        count.samples = series.last!.samples
        series.append(count)
        return CoverageRun(series: series)
    }

    static let spec = """
        version: slo/v1
        service: coverage
        window: 28d
        slos:
          - name: six-hours
            objective: 99.9
            sli: {errors: 'cov_requests_total{slo="six",code="500"}', total: 'cov_requests_total{slo="six"}'}
          - name: mid-window
            objective: 99.9
            sli: {errors: 'cov_requests_total{slo="mid",code="500"}', total: 'cov_requests_total{slo="mid"}'}
          - name: gap
            objective: 99.9
            sli: {errors: 'cov_requests_total{slo="gap",code="500"}', total: 'cov_requests_total{slo="gap"}'}
          - name: slow-requests
            objective: 99
            window: 1d
            sli:
              latency: {metric: cov_latency_seconds, threshold: 450ms}
          - name: fast-requests
            objective: 99
            window: 1d
            sli:
              latency: {metric: cov_latency_seconds, threshold: 400ms}
        sla:
          title: Coverage
          commitments: [{slo: six-hours, objective: 99.5}]
          credits: [{below: 99.5, credit: 10%}]
          exclusions: [Maintenance.]
        """

    func check(server: PrometheusServer, folder: String) async throws {
        let specPath = folder + "/coverage.yaml"
        try Self.spec.write(toFile: specPath, atomically: true, encoding: .utf8)
        let output = folder + "/coverage-out"
        let run = try await SLOProcess.run([
            "report", "--prometheus", server.url, specPath, "--at", ReportDifferentialTests.text(Self.at), "-o", output,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        // The bucket check: a warning at the threshold, the SLO marked, the others reported.
        #expect(run.stderr.contains("[SLO507]"), "\(run.stderr)")
        #expect(run.stderr.contains(#"no bucket le="0.45"; the histogram has 0.1, 0.25, 0.4, 0.5, 1"#), "\(run.stderr)")
        #expect(run.stderr.contains("coverage.yaml:18:"), "the warning points at the threshold: \(run.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/coverage.json")))
                as? [String: Any])
        #expect(json["version"] as? Int == 2)
        let slos = json["slos"] as? [[String: Any]] ?? []
        func slo(_ name: String) -> [String: Any] { slos.first { $0["name"] as? String == name } ?? [:] }
        func coverage(_ name: String) -> Double {
            (((slo(name)["period"] as? [String: Any])?["coverage"] as? [String: Any])?["seconds"] as? NSNumber)?
                .doubleValue ?? -1
        }
        // Six hours in 28 days: measured, not judged.
        #expect(abs(coverage("six-hours") - 6 * 3600) <= 600, "six hours covered: \(coverage("six-hours"))")
        #expect(slo("six-hours")["status"] as? String == "insufficient data")
        #expect(slo("six-hours")["exhaustion"] is NSNull)
        let sla = ((json["sla"] as? [String: Any])?["commitments"] as? [[String: Any]])?.first
        let current = sla?["current"] as? [String: Any]
        #expect(current?["verdict"] as? String == "insufficient data", "\(String(describing: current))")
        #expect(current?["met"] is NSNull && current?["credit"] is NSNull)
        // A history that starts mid-window, and one with a gap.
        #expect(abs(coverage("mid-window") - 10 * 86_400) <= 600, "\(coverage("mid-window"))")
        #expect(slo("mid-window")["status"] as? String == "insufficient data")
        #expect(abs(coverage("gap") - 26 * 86_400) <= 600, "\(coverage("gap"))")
        #expect(slo("gap")["status"] as? String != "insufficient data")
        // The live bucket check.
        #expect(slo("slow-requests")["status"] as? String == "misconfigured")
        #expect(
            slo("slow-requests")["problem"] as? String
                == #"no bucket le="0.45"; the histogram has 0.1, 0.25, 0.4, 0.5, 1"#)
        #expect(((slo("slow-requests")["period"] as? [String: Any])?["sli"]) is NSNull, "no SLI 0%")
        #expect(slo("fast-requests")["status"] as? String == "healthy")
        // Every format says it.
        let markdown = try String(contentsOfFile: output + "/coverage.md", encoding: .utf8)
        let html = try String(contentsOfFile: output + "/coverage.html", encoding: .utf8)
        for text in [markdown, html] {
            #expect(text.contains("of the 28-day window"))
            #expect(text.contains("insufficient data"))
            #expect(text.contains("misconfigured"))
            #expect(text.contains("no bucket le=") || text.contains("no bucket le=&quot;"))
        }
        let validation = try await ReportTests.validateAgainstSchema(output + "/coverage.json")
        #expect(validation.status == 0, "\(validation.stdout)")
    }
}
