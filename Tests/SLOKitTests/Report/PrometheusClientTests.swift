import Foundation
import Testing

@testable import SLOKit

/// The client's policies with canned answers: decoding, retries inside one deadline, error wording.
@Suite struct PrometheusClientTests {
    /// Answers from a script, one per request (the last one repeats); counts the requests.
    final class CannedTransport: HTTPTransport, @unchecked Sendable {
        enum Answer {
            case response(Int, String)
            case failure(TransportFailure)
            /// Waits this long, then times out (as libcurl would at the request's timeout).
            case stall
        }

        private let lock = NSLock()
        private var answers: [Answer]
        private(set) var requests: [HTTPRequest] = []

        init(_ answers: [Answer]) { self.answers = answers }

        func get(_ request: HTTPRequest) async throws -> HTTPResponse {
            let answer = lock.withLock {
                requests.append(request)
                return answers.count > 1 ? answers.removeFirst() : answers[0]
            }
            switch answer {
            case .response(let status, let body): return HTTPResponse(status: status, body: Array(body.utf8))
            case .failure(let failure): throw failure
            case .stall:
                try await Task.sleep(for: request.timeout)
                throw TransportFailure.timeout
            }
        }
    }

    static let vector = """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"job":"api"},"value":[1772496000,"42.5"]},
          {"metric":{"job":"web"},"value":[1772496000,"NaN"]}]}}
        """

    static func client(_ transport: CannedTransport, timeout: Duration = .seconds(5)) -> PrometheusClient {
        var client = PrometheusClient(baseURL: "http://prom.example:9090/prefix/", transport: transport)
        client.timeout = timeout
        client.backoff = .milliseconds(10)
        return client
    }

    @Test func decodesVectorsAndEncodesTheQuery() async throws {
        let transport = CannedTransport([.response(200, Self.vector)])
        let samples = try await Self.client(transport).instant("sum(rate(x{a=\"b c\"}[5m])) > 0", at: 1_772_496_000)
        #expect(samples.count == 2)
        #expect(samples[0].labels == ["job": "api"] && samples[0].value == 42.5)
        #expect(samples[1].value.isNaN)
        #expect(
            transport.requests.first?.url
                == "http://prom.example:9090/prefix/api/v1/query?query=sum%28rate%28x%7Ba%3D%22b%20c%22%7D%5B5m%5D%29%29%20%3E%200&time=1772496000"
        )
    }

    @Test func decodesMatricesAndScalars() async throws {
        let matrix = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{},"values":[[1,"1"],[61,"+Inf"],[121,"2e-3"]]}]}}
            """
        let series = try await Self.client(CannedTransport([.response(200, matrix)])).range(
            "up", start: 1, end: 121, step: 60)
        #expect(series.first?.points.map(\.time) == [1, 61, 121])
        #expect(series.first?.points.map(\.value) == [1, .infinity, 0.002])
        let scalar = #"{"status":"success","data":{"resultType":"scalar","result":[5,"3"]}}"#
        let samples = try await Self.client(CannedTransport([.response(200, scalar)])).instant("3", at: 5)
        #expect(samples.map(\.value) == [3])
    }

    /// Label values arrive JSON-escaped: pairs join, unpaired surrogates become U+FFFD (a fuzzer
    /// once crashed the reader with a high surrogate followed by another escape).
    @Test func decodesEscapedLabels() async throws {
        let body = #"""
            {"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"\u00e9\ud83d\ude00 \"q\" \\ \/ \n","b":"\ud83d\u15e9","c":"\ude00x"},"value":[1,"1"]}]}}
            """#
        let samples = try await Self.client(CannedTransport([.response(200, body)])).instant("up", at: 0)
        #expect(samples.first?.labels["a"] == "é😀 \"q\" \\ / \n")
        #expect(samples.first?.labels["b"] == "\u{FFFD}\u{15E9}")
        #expect(samples.first?.labels["c"] == "\u{FFFD}x")
    }

    /// A query frontend that aligns ranges to their step would shift every point: refused, as
    /// are times no clock can hold.
    @Test(arguments: ["[90,\"1\"]", "[1e400,\"1\"]", "[-5,\"1\"]", "[999999,\"1\"]"])
    func rangePointsMustSitOnTheRequestedSteps(point: String) async throws {
        let body =
            #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[60,"1"],\#(point)]}]}}"#
        let error = await #expect(throws: PrometheusError.self) {
            try await Self.client(CannedTransport([.response(200, body)])).range("up", start: 0, end: 600, step: 60)
        }
        #expect(error?.message.contains("off the requested steps") == true)
    }

    @Test func retriesServerErrorsThenSucceeds() async throws {
        let transport = CannedTransport([
            .response(503, #"{"status":"error","errorType":"unavailable","error":"busy"}"#),
            .failure(.unreachable("connection refused")), .response(200, Self.vector),
        ])
        // A deadline no test run can reach: other suites may hold the cooperative pool for minutes,
        // which delays the back-off's wake-up (the binary's timing is tested end to end).
        let samples = try await Self.client(transport, timeout: .seconds(3600)).instant("up", at: 0)
        #expect(samples.count == 2)
        #expect(transport.requests.count == 3)
    }

    @Test func clientErrorsAreNotRetriedAndQuoteThePrometheusError() async throws {
        let transport = CannedTransport([
            .response(400, #"{"status":"error","errorType":"bad_data","error":"parse error at char 3"}"#)
        ])
        let error = await #expect(throws: PrometheusError.self) {
            try await Self.client(transport).instant("up{", at: 0)
        }
        #expect(error?.message == "prom.example:9090 answered HTTP 400: parse error at char 3")
        #expect(error?.query == "up{")
        #expect(transport.requests.count == 1)
    }

    @Test func attemptsShareOneDeadline() async throws {
        let transport = CannedTransport([.stall])
        let error = await #expect(throws: PrometheusError.self) {
            try await Self.client(transport, timeout: .milliseconds(300)).instant("up", at: 0)
        }
        #expect(error?.message == "prom.example:9090 did not answer within 300 ms")
        // Every attempt is given only what is left of the deadline: together they fit in it. (The
        // wall time is checked through the binary in ReportFailureTests: here other suites may
        // hold the cooperative pool and delay wake-ups.)
        let total = transport.requests.map(\.timeout).reduce(Duration.zero, +)
        #expect(total <= .milliseconds(300), "attempts were given \(total) in all")
    }

    @Test(arguments: [
        (CannedTransport.Answer.response(200, "<html>hi</html>"), "did not answer with Prometheus API JSON"),
        (.response(200, #"{"status":"error","error":"query timed out"}"#), "reported an error: query timed out"),
        (.response(200, #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#), "expected an instant"),
        (
            .response(
                200, #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"x"]}]}}"#),
            "not a number"
        ),
        (.failure(.tooLarge(limit: 1024)), "larger than the limit of 1024 bytes"),
        (.failure(.tls("certificate verify failed")), "TLS with prom.example:9090 failed: certificate verify failed"),
    ])
    func malformedAnswersAreClearErrors(answer: CannedTransport.Answer, message: String) async throws {
        let transport = CannedTransport([answer])
        let error = await #expect(throws: PrometheusError.self) {
            try await Self.client(transport).instant("up", at: 0)
        }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(transport.requests.count == 1, "not worth retrying")
    }
}
