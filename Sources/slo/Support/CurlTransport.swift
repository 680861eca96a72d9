import CHTTP
import Foundation
import SLOKit

/// `HTTPTransport` over libcurl: TLS verification always on (optionally against `--ca-file`),
/// credentials in a header or basic auth (never in the URL, so never in a message), a body-size
/// limit enforced while receiving.
struct CurlTransport: HTTPTransport {
    var authorization: String?
    var basicAuth: String?
    var caFile: String?
    /// `Name: value` headers sent with every request (`--header`).
    var extraHeaders: [String] = []
    var connectTimeout: Duration = .seconds(10)
    var maxBodyBytes: Int

    func get(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transport = self
        // When the report fails elsewhere its other queries are cancelled: libcurl polls this
        // flag (about once a second, or as data arrives) and stops, so a failure does not wait
        // out every other query's deadline.
        let cancel = CancelFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                // libcurl blocks: give each request its own thread (the reporter bounds how many
                // run). Not Dispatch's global queue: it runs about one blocking item per core, so
                // queued requests would start late and overrun their deadline.
                Thread { continuation.resume(with: Result { try transport.perform(request, cancel: cancel) }) }.start()
            }
        } onCancel: {
            cancel.set()
        }
    }

    /// A C int that another thread may set; freed when the last reference goes.
    private final class CancelFlag: @unchecked Sendable {
        let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        init() { pointer.initialize(to: 0) }
        func set() { slo_http_cancel(pointer) }
        deinit { pointer.deallocate() }
    }

    private func perform(_ request: HTTPRequest, cancel: CancelFlag) throws -> HTTPResponse {
        var response = slo_http_response()
        defer { slo_http_free(&response) }
        let timeout = max(1, Int(request.timeout.wholeMilliseconds))
        request.url.withCString { url in
            withOptionalCString(authorization) { authorization in
                withOptionalCString(basicAuth) { basicAuth in
                    withOptionalCString(caFile) { caFile in
                        withOptionalCString(extraHeaders.isEmpty ? nil : extraHeaders.joined(separator: "\n")) {
                            headers in
                            var options = slo_http_request(
                                url: url, authorization: authorization, basic_auth: basicAuth, ca_file: caFile,
                                extra_headers: headers, timeout_ms: timeout,
                                connect_timeout_ms: min(timeout, Int(connectTimeout.wholeMilliseconds)),
                                max_body_bytes: maxBodyBytes, cancel: cancel.pointer)
                            slo_http_get(&options, &response)
                        }
                    }
                }
            }
        }
        let message = withUnsafeBytes(of: response.message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        switch Int(response.outcome) {
        case Int(SLO_HTTP_OK):
            let body =
                response.body.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: response.body_length)) } ?? []
            return HTTPResponse(status: Int(response.status), body: body)
        case Int(SLO_HTTP_TIMEOUT): throw TransportFailure.timeout
        case Int(SLO_HTTP_UNREACHABLE): throw TransportFailure.unreachable(message)
        case Int(SLO_HTTP_TOO_LARGE): throw TransportFailure.tooLarge(limit: maxBodyBytes)
        case Int(SLO_HTTP_TLS): throw TransportFailure.tls(message)
        default: throw TransportFailure.other(message)
        }
    }
}

private func withOptionalCString<R>(_ value: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let value else { return body(nil) }
    return value.withCString { body($0) }
}
