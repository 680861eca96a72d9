/// One GET the Prometheus client needs; the transport owns TLS, credentials and the size limit.
public struct HTTPRequest: Sendable, Hashable {
    /// The full URL, query string included. Never contains credentials.
    public var url: String
    /// Time this attempt may take, connection included.
    public var timeout: Duration

    public init(url: String, timeout: Duration) {
        self.url = url
        self.timeout = timeout
    }
}

/// An HTTP answer: status and the body as read (the transport enforces the size limit).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// Why a request got no HTTP answer. Messages never carry credentials.
public enum TransportFailure: Error, Sendable, Hashable {
    case timeout
    case unreachable(String)
    /// The body was longer than the limit; the transfer was stopped there.
    case tooLarge(limit: Int)
    case tls(String)
    case other(String)

    /// Worth another attempt: the server may answer next time.
    var isTransient: Bool {
        switch self {
        case .timeout, .unreachable: true
        // Malformed URLs, unsupported protocols, decoding errors: the same next time.
        case .tooLarge, .tls, .other: false
        }
    }
}

/// Sends GET requests. The CLI's implementation is libcurl; tests use canned answers.
///
/// Kept this small so every policy (retries, deadlines, decoding, error wording) lives in the
/// library, where it is tested without a network.
public protocol HTTPTransport: Sendable {
    /// Throws `TransportFailure` when there is no HTTP answer.
    func get(_ request: HTTPRequest) async throws -> HTTPResponse
}
