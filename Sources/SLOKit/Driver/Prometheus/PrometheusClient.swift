import Synchronization

/// A client for the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`), which Thanos
/// and Mimir serve too.
///
/// Each query has one deadline (`timeout`) shared by its attempts: a server that stalls, refuses
/// or answers 5xx is retried with doubling back-off, but the query fails within its timeout.
public struct PrometheusClient: Sendable {
    /// The API root without a trailing slash, e.g. `http://127.0.0.1:9090` or `https://mimir/prometheus`.
    public var baseURL: String
    public var transport: any HTTPTransport
    public var timeout: Duration = .seconds(30)
    public var retries = 2
    public var backoff: Duration = .milliseconds(200)
    /// Where the warnings of successful answers go (partial responses of Thanos and Mimir); one
    /// store shared by every copy of the client.
    let warnings = ServerWarnings()

    /// The distinct warnings servers gave with successful answers, in the order they first came,
    /// each with a query that got it, for the command to show: a report from a partial answer is
    /// short, and must say so.
    public var serverWarnings: [(message: String, query: String)] { warnings.all }

    public init(baseURL: String, transport: any HTTPTransport) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.transport = transport
    }

    func instant(_ query: String, at time: Int64) async throws -> [PrometheusSample] {
        let data = try await call("query", [("query", query), ("time", String(time))], query: query)
        guard data.resultType == "vector" || data.resultType == "scalar" else {
            throw PrometheusError(query: query, message: "expected an instant vector, got a \(data.resultType)")
        }
        return try data.series.map { item in
            guard item.points.count == 1 else {
                throw PrometheusError(query: query, message: "a sample has no single value")
            }
            return PrometheusSample(labels: item.labels, value: try Self.number(item.points[0].value, query: query))
        }
    }

    func range(_ query: String, start: Int64, end: Int64, step: Int64) async throws -> [PrometheusSeries] {
        let parameters = [("query", query), ("start", String(start)), ("end", String(end)), ("step", String(step))]
        let data = try await call("query_range", parameters, query: query)
        guard data.resultType == "matrix" else {
            throw PrometheusError(query: query, message: "expected a range vector, got a \(data.resultType)")
        }
        return try data.series.map { item in
            let points = try item.points.map { point in
                // Points must sit on the requested steps: a query frontend that aligns ranges to
                // their step would shift every step and silently change the counts.
                guard point.time.isFinite, point.time >= Double(start), point.time <= Double(end),
                    (point.time - Double(start)).truncatingRemainder(dividingBy: Double(step)) == 0
                else {
                    throw PrometheusError(
                        query: query,
                        message:
                            "\(host) answered points off the requested steps (a query frontend aligning ranges to their step?); query the querier directly"
                    )
                }
                return (time: point.time, value: try Self.number(point.value, query: query))
            }
            return PrometheusSeries(labels: item.labels, points: points)
        }
    }

    /// The values of `label` among the series `match` selects with samples between `start` and
    /// `end`: an index lookup, no samples read.
    func labelValues(_ label: String, match: String, start: Int64, end: Int64) async throws -> [String] {
        let parameters = [("match[]", match), ("start", String(start)), ("end", String(end))]
        let data = try await call("label/\(label)/values", parameters, query: match)
        guard let values = data.strings else {
            throw PrometheusError(query: match, message: "expected a list of label values")
        }
        return values
    }

    // MARK: - Transport, retries and decoding

    private func call(_ endpoint: String, _ parameters: [(String, String)], query: String) async throws
        -> PrometheusResponse
    {
        let url =
            "\(baseURL)/api/v1/\(endpoint)?"
            + parameters.map { "\(Self.percentEncode($0.0))=\(Self.percentEncode($0.1))" }.joined(separator: "&")
        return try decode(try await body(url, query: query), query: query)
    }

    /// A JSON document from `path` under the base URL (`/api/v1/rules`, or Alertmanager's
    /// `/api/v2/status`), with the same deadline, retries and error wording as the queries.
    func document(_ path: String) async throws -> JSONValue {
        let bytes = try await body(baseURL + path, query: path)
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw PrometheusError(query: path, message: "\(host) did not answer \(path) with JSON")
        }
    }

    /// The body of a 2xx answer to `url`; `query` names the request in errors.
    private func body(_ url: String, query: String) async throws -> [UInt8] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var attempt = 0
        var delay = backoff
        while true {
            attempt += 1
            let remaining = clock.now.duration(to: deadline)
            var failure: PrometheusError
            do {
                let response = try await transport.get(HTTPRequest(url: url, timeout: remaining))
                if (200..<300).contains(response.status) { return response.body }
                failure = describe(status: response.status, body: response.body, query: query)
                guard response.status >= 500 || response.status == 429 else { throw failure }
            } catch let transportFailure as TransportFailure {
                failure = describe(transportFailure, query: query)
                guard transportFailure.isTransient else { throw failure }
            }
            // Retry only while the deadline leaves room for the wait and some of an attempt.
            guard attempt <= retries, clock.now.advanced(by: delay * 2) < deadline else { throw failure }
            try await Task.sleep(for: delay)
            delay *= 2
        }
    }

    private var host: String {
        let afterScheme = baseURL.firstRange(of: "://").map { baseURL[$0.upperBound...] } ?? baseURL[...]
        return String(afterScheme.prefix { $0 != "/" })
    }

    private func describe(_ failure: TransportFailure, query: String) -> PrometheusError {
        let message =
            switch failure {
            case .timeout: "\(host) did not answer within \(Self.seconds(timeout))"
            case .unreachable(let detail): "cannot reach \(host): \(detail)"
            case .tooLarge(let limit): "the answer from \(host) is larger than the limit of \(limit) bytes"
            case .tls(let detail): "TLS with \(host) failed: \(detail)"
            case .other(let detail): "request to \(host) failed: \(detail)"
            }
        return PrometheusError(query: query, message: message)
    }

    private func describe(status: Int, body: [UInt8], query: String) -> PrometheusError {
        // Prometheus explains 4xx/5xx in its JSON envelope; show that, not the raw body.
        if let envelope = try? PrometheusResponse.parse(body), let error = envelope.error {
            return PrometheusError(query: query, message: "\(host) answered HTTP \(status): \(error)")
        }
        return PrometheusError(query: query, message: "\(host) answered HTTP \(status)")
    }

    private func decode(_ body: [UInt8], query: String) throws -> PrometheusResponse {
        let envelope: PrometheusResponse
        do {
            envelope = try PrometheusResponse.parse(body)
        } catch {
            throw PrometheusError(query: query, message: "\(host) did not answer with Prometheus API JSON")
        }
        guard envelope.status == "success" else {
            throw PrometheusError(query: query, message: "\(host) reported an error: \(envelope.error ?? "no detail")")
        }
        for warning in envelope.warnings { warnings.add("\(host) answered with a warning: \(warning)", query: query) }
        return envelope
    }

    private static func number(_ text: String, query: String) throws -> Double {
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            guard let value = Double(text) else {
                throw PrometheusError(query: query, message: "a sample value is not a number")
            }
            return value
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }

    /// RFC 3986 unreserved characters stay; everything else is percent-encoded byte by byte.
    static func percentEncode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 15)])"
            }
        }
        return out
    }
}

/// A query that failed; `message` says why in words a user can act on.
public struct PrometheusError: Error, Sendable, CustomStringConvertible {
    public var query: String
    public var message: String

    public var description: String { message }
}

/// The distinct warnings servers gave with successful answers, and a query that got each.
final class ServerWarnings: Sendable {
    private let seen = Mutex<[(message: String, query: String)]>([])

    init() {}

    func add(_ message: String, query: String) {
        seen.withLock { seen in
            if !seen.contains(where: { $0.message == message }) { seen.append((message, query)) }
        }
    }

    /// In the order they first came.
    var all: [(message: String, query: String)] { seen.withLock { $0 } }
}
