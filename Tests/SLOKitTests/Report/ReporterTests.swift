import Foundation
import Testing

@testable import SLOKit

/// Report maths from canned Prometheus answers: grouped SLOs, ratio SLIs, the output files.
@Suite struct ReporterTests {
    /// Answers every query from its text: ranges from the `slo_report_range` labels, bad or all
    /// events from the selector, one series per route.
    struct ModelTransport: HTTPTransport {
        /// Errors a minute per route; every route serves 1,000 requests a minute.
        let errorsPerMinute: [String: Double]
        let ratio: Double
        /// Whether the SLI's series have a sample in the 5 minutes up to a time (the coverage).
        var present: @Sendable (Int) -> Bool = { _ in true }

        func get(_ request: HTTPRequest) async throws -> HTTPResponse {
            ReporterTests.expectValidPromQL(request)
            let query = request.url.removingPercentEncoding ?? ""
            let isRange = query.contains("/query_range?")
            let bad = query.contains("code=\"500\"")
            var result: [String] = []
            if query.contains("query=group") {
                // Presence for the coverage: every 5-minute point has a sample, for every route.
                let times = stride(
                    from: ReporterTests.parameter("start", in: query),
                    through: ReporterTests.parameter("end", in: query),
                    by: ReporterTests.parameter("step", in: query))
                let points = times.filter(present).map { "[\($0),\"1\"]" }.joined(separator: ",")
                let labels =
                    query.contains("by (route)") ? errorsPerMinute.keys.sorted().map { #""route":"\#($0)""# } : [""]
                if !points.isEmpty { result = labels.map { #"{"metric":{\#($0)},"values":[\#(points)]}"# } }
            } else if isRange {
                // Steps of `[Ns]` from start to end: each holds N seconds of events (or the ratio).
                let step = Double(query.firstMatch(of: /\[(\d+)s/)!.1)!
                let times = stride(
                    from: Double(ReporterTests.parameter("start", in: query)),
                    through: Double(ReporterTests.parameter("end", in: query)), by: step)
                func series(_ labels: String, _ value: Double) -> String {
                    let points = times.map { "[\(Int($0)),\"\(value)\"]" }.joined(separator: ",")
                    return #"{"metric":{\#(labels)},"values":[\#(points)]}"#
                }
                if query.contains("avg_over_time") {
                    result = [series("", ratio)]
                } else {
                    for (route, errors) in errorsPerMinute.sorted(by: { $0.key < $1.key }) {
                        result.append(series(#""route":"\#(route)""#, step / 60 * (bad ? errors : 1000)))
                    }
                }
            } else {
                let ranges = query.matches(of: /"slo_report_range", "(\d+)"/).map { Double($0.1)! }
                if query.contains("avg_over_time") {
                    result = ranges.map { #"{"metric":{"slo_report_range":"\#(Int($0))"},"value":[0,"\#(ratio)"]}"# }
                } else {
                    for (route, errors) in errorsPerMinute.sorted(by: { $0.key < $1.key }) {
                        for range in ranges {
                            let value = range / 60 * (bad ? errors : 1000)
                            result.append(
                                #"{"metric":{"route":"\#(route)","slo_report_range":"\#(Int(range))"},"value":[0,"\#(value)"]}"#
                            )
                        }
                    }
                }
            }
            let type = isRange ? "matrix" : "vector"
            let body =
                #"{"status":"success","data":{"resultType":"\#(type)","result":[\#(result.joined(separator: ","))]}}"#
            return HTTPResponse(status: 200, body: Array(body.utf8))
        }
    }

    /// A whole-number parameter of a request URL (`start`, `end`, `step`).
    static func parameter(_ name: String, in url: String) -> Int {
        Int(url.firstMatch(of: try! Regex("[?&]\(name)=(\\d+)"))!.output[1].substring!)!
    }

    /// Every query the reporter sends must be PromQL our parser (which agrees with promtool on
    /// the corpus) accepts: a bracket too many once made every `errorRatio` SLO fail with HTTP 400.
    static func expectValidPromQL(_ request: HTTPRequest) {
        guard
            let encoded = request.url.split(separator: "?").last?.split(separator: "&").first(where: {
                $0.hasPrefix("query=")
            }),
            let query = String(encoded.dropFirst("query=".count)).removingPercentEncoding
        else {
            Issue.record("no query in \(request.url)")
            return
        }
        do {
            _ = try PromQLParser.parse(query)
        } catch {
            Issue.record("the reporter sent invalid PromQL (\(error.message)): \(query)")
        }
    }

    /// Answers slice-condition range queries with two series per group: `a` always good, `b`
    /// bad at one minute. A slice is one per minute, bad when any series is.
    struct TwoSeriesSlices: HTTPTransport {
        let badMinute: Int

        func get(_ request: HTTPRequest) async throws -> HTTPResponse {
            ReporterTests.expectValidPromQL(request)
            let url = request.url
            let times = stride(
                from: ReporterTests.parameter("start", in: url), through: ReporterTests.parameter("end", in: url),
                by: ReporterTests.parameter("step", in: url))
            let a = times.map { "[\($0),\"1\"]" }.joined(separator: ",")
            let b = times.map { "[\($0),\"\($0 == badMinute ? 0 : 1)\"]" }.joined(separator: ",")
            let body =
                #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"instance":"a"},"values":[\#(a)]},{"metric":{"instance":"b"},"values":[\#(b)]}]}}"#
            return HTTPResponse(status: 200, body: Array(body.utf8))
        }
    }

    @Test func severalSeriesMakeOneSlicePerMinute() async throws {
        let spec = """
            version: slo/v1
            service: queue
            window: 7d
            slos:
              - name: lag
                objective: 99
                budgeting: timeslices
                sli:
                  timeslice: {query: 'queue_pending', good: '< 1000', slice: 1m}
            """
        let at: Int64 = 1_772_496_000
        let client = PrometheusClient(
            baseURL: "http://127.0.0.1:9", transport: TwoSeriesSlices(badMinute: Int(at) - 3600 * 30))
        var reporter = Reporter(options: LiveOptions(at: at))
        reporter.formats = [.json]
        let result = try await reporter.report(
            [SourceFile(path: "queue.yaml", bytes: Array(spec.utf8))], client: client)
        let period = try #require(result.run?.services.first?.slos.first?.period)
        #expect(period.total == Double(7 * 1440))
        #expect(period.bad == Double(1))
    }

    static let spec = """
        version: slo/v1
        service: shop
        window: 28d
        slos:
          - name: routes
            objective: 99.8
            sli:
              groupBy: [route]
              errors: http_requests_total{code="500"}
              total: http_requests_total
          - name: ratio
            objective: 99.9
            sli:
              errorRatio: sum(rate(bad[{{.window}}])) / sum(rate(all[{{.window}}]))
        """

    @Test func groupedAndRatioSLOs() async throws {
        let transport = ModelTransport(errorsPerMinute: ["/a": 1, "/b": 5], ratio: 0.0005)
        let client = PrometheusClient(baseURL: "http://127.0.0.1:9", transport: transport)
        var reporter = Reporter(options: LiveOptions(at: 1_772_496_000))
        reporter.formats = [.json, .md]
        let result = try await reporter.report(
            [SourceFile(path: "shop.yaml", bytes: Array(Self.spec.utf8))], client: client)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(result.files.map(\.path) == ["shop.json", "shop.md", "index.json", "index.md"])
        let slos = try #require(result.run?.services.first?.slos)
        #expect(slos.map(\.name) == ["routes", "routes", "ratio"])
        let a = slos[0]
        let b = slos[1]
        #expect(a.group.map { "\($0.0)=\($0.1)" } == ["route=/a"])
        #expect(abs(a.period.sli! - 0.999) < 1e-12)
        #expect(abs(a.period.consumed! - 0.5) < 1e-12)
        #expect(abs(a.period.total! - 40_320_000) < 1e-6)
        #expect(a.status == .healthy)
        #expect(abs(a.exhaustion!.inSeconds - 0.5 * 28 * 86_400 / 0.5) < 1e-6)
        #expect(b.status == .exhausted)
        #expect(abs(b.currentBurn! - 2.5) < 1e-12)
        #expect(b.exhaustion == nil)
        let ratio = slos[2]
        #expect(ratio.unit == .ratio)
        #expect(ratio.period.total == nil && ratio.period.budgetUnits == nil)
        #expect(abs(ratio.period.sli! - 0.9995) < 1e-12)
        #expect(ratio.status == .healthy)
        let markdown = try #require(result.files.first { $0.path == "shop.md" }?.contents)
        #expect(
            markdown.contains(
                "| routes {route=/a} | 99.8% | a rolling 28d | 99.9% | 50% | 0.5× | 100% | **healthy** |"),
            "\(markdown)")
        #expect(a.period.coverage == Coverage(seconds: 28 * 86_400, spanSeconds: 28 * 86_400))
        #expect(ratio.period.coverage.share == 1)
    }

    /// The coverage spec: a 28-day window and a monthly SLA, measured at 2026-03-03T00:00:00Z.
    static let coverageSpec = """
        version: slo/v1
        service: shop
        window: 28d
        slos:
          - name: availability
            objective: 99.9
            sli:
              errors: http_requests_total{code="500"}
              total: http_requests_total
        sla:
          title: Shop
          commitments: [{slo: availability, objective: 99.5}]
          credits: [{below: 99.5, credit: 10%}]
          exclusions: [Maintenance.]
        """

    static func coverageRun(
        minCoverage: Double = Reporter.defaultMinCoverage, present: @escaping @Sendable (Int) -> Bool
    ) async throws -> (slo: SLOReport, sla: SLAReport, markdown: String) {
        var transport = ModelTransport(errorsPerMinute: ["/a": 5], ratio: 0)
        transport.present = present
        var reporter = Reporter(options: LiveOptions(at: 1_772_496_000))
        reporter.formats = [.json, .md]
        reporter.minCoverage = minCoverage
        let result = try await reporter.report(
            [SourceFile(path: "shop.yaml", bytes: Array(Self.coverageSpec.utf8))],
            client: PrometheusClient(baseURL: "http://127.0.0.1:9", transport: transport))
        let service = try #require(result.run?.services.first)
        let markdown = result.files.first { $0.path == "shop.md" }?.contents ?? ""
        return (try #require(service.slos.first), try #require(service.sla), markdown)
    }

    /// Six hours of samples in a 28-day window: the numbers are shown for what was measured, but
    /// nothing is judged: no exhausted status, no projection, no SLA verdict or credit.
    @Test func sixHoursInATwentyEightDayWindowIsInsufficientData() async throws {
        let at = 1_772_496_000
        let (slo, sla, markdown) = try await Self.coverageRun { $0 > at - 6 * 3600 }
        #expect(slo.period.coverage == Coverage(seconds: 6 * 3600, spanSeconds: 28 * 86_400))
        #expect(slo.status == .insufficientData)
        #expect(slo.period.consumed! > 1, "the canned counts overspend: the status must still not say exhausted")
        #expect(slo.exhaustion == nil)
        #expect(slo.period.consumedMinutes == nil && slo.period.remainingMinutes == nil)
        for achievement in [sla.commitments[0].current, sla.commitments[0].previous] {
            #expect(achievement.verdict == .insufficientData)
            #expect(achievement.met == nil && achievement.creditPercent == nil)
        }
        #expect(sla.commitments[0].current.coverage == Coverage(seconds: 6 * 3600, spanSeconds: 2 * 86_400))
        #expect(markdown.contains("6 h of the 28-day window (0.893%): under the 90% needed to judge it"), "\(markdown)")
        #expect(markdown.contains("not projected"))
        #expect(markdown.contains("**insufficient data**"))
    }

    /// Samples that start 20 days before the report: 20 of 28 days measured, under 90%; judged
    /// once the threshold is lowered to 50%.
    @Test func historyStartingMidWindow() async throws {
        let at = 1_772_496_000
        let start = at - 20 * 86_400
        let (slo, _, _) = try await Self.coverageRun { $0 > start }
        #expect(slo.period.coverage.seconds == 20 * 86_400)
        #expect(slo.status == .insufficientData)
        let (judged, _, markdown) = try await Self.coverageRun(minCoverage: 0.5) { $0 > start }
        #expect(judged.status == .exhausted)
        #expect(judged.period.consumedMinutes != nil)
        #expect(markdown.contains("20 d of the 28-day window (71.4%)"), "\(markdown)")
    }

    /// Two days without samples in the middle (off the 5-minute grid by 90 s at each end): 26 of 28
    /// days measured to within the 5-minute resolution, above 90%, so the period is judged.
    @Test func aGapInTheMiddle() async throws {
        let at = 1_772_496_000
        let gap = (at - 10 * 86_400 + 90)...(at - 8 * 86_400 + 90)
        // A 5-minute point lacks samples only when all its 5 minutes lie in the gap.
        let (slo, _, _) = try await Self.coverageRun { !(gap.contains($0 - 299) && gap.contains($0)) }
        let missing = 28 * 86_400 - Int(slo.period.coverage.seconds)
        #expect(abs(missing - 2 * 86_400) <= 600, "missing \(missing) s")
        #expect(slo.status == .exhausted)
    }

    @Test func specErrorsStopBeforeAnyQuery() async throws {
        struct Refusing: HTTPTransport {
            func get(_ request: HTTPRequest) async throws -> HTTPResponse {
                Issue.record("no query may be sent for invalid specs")
                throw TransportFailure.other("refused")
            }
        }
        let result = try await Reporter(options: LiveOptions(at: 0)).report(
            [SourceFile(path: "bad.yaml", bytes: Array("version: slo/v1\nservice: x\nslos: 3\n".utf8))],
            client: PrometheusClient(baseURL: "http://127.0.0.1:9", transport: Refusing()))
        #expect(result.hasErrors)
        #expect(result.files.isEmpty)
    }
}
