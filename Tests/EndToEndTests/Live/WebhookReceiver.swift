// tier: integration
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The person at the end of the fire drill: an HTTP server inside the test, on 127.0.0.1, that
/// records every notification Alertmanager's webhook integration posts to it (with the moment it
/// arrived) and answers 200. One thread blocks in `accept`, so it costs nothing while it waits.
final class WebhookReceiver: @unchecked Sendable {
    /// One POST: the path (the receiver name, as `LiveTools.mergedAlertmanagerConfig` writes the
    /// URLs), Alertmanager's payload, and when it arrived.
    struct Notification: @unchecked Sendable {
        var path: String
        var payload: [String: Any]
        var receivedAt: Date

        var receiver: String { payload["receiver"] as? String ?? "" }
        var status: String { payload["status"] as? String ?? "" }
        var alerts: [[String: Any]] { payload["alerts"] as? [[String: Any]] ?? [] }
        var commonLabels: [String: String] { payload["commonLabels"] as? [String: String] ?? [:] }
    }

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var received: [Notification] = []

    var url: String { "http://127.0.0.1:\(port)" }

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            Issue.record("the webhook receiver could not listen on 127.0.0.1")
            throw CancellationError()
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = listener
        let thread = Thread { [listener, weak self] in
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 { return }
                self?.serve(connection)
                close(connection)
            }
        }
        thread.start()
    }

    deinit {
        // Wakes the thread blocked in accept, which then ends.
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Every notification so far, in arrival order.
    var notifications: [Notification] { lock.withLock { received } }

    /// Waits (sleeping, polling every 0.2 s) for the first notification `matches` accepts; nil
    /// after `seconds`.
    func first(within seconds: Double, where matches: (Notification) -> Bool) async throws -> Notification? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let found = notifications.first(where: matches) { return found }
            try await Task.sleep(for: .milliseconds(200))
        }
        return notifications.first(where: matches)
    }

    /// Reads one request (headers, then `Content-Length` bytes of body), records it, answers 200.
    private func serve(_ connection: Int32) {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var headerEnd: Int?
        var bodyLength = 0
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data += buffer[0..<count]
            if headerEnd == nil, let end = Self.find([13, 10, 13, 10], in: data) {
                headerEnd = end + 4
                let head = String(decoding: data[0..<end], as: UTF8.self).lowercased()
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    bodyLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headerEnd, data.count >= headerEnd + bodyLength { break }
        }
        guard let headerEnd else { return }
        let requestLine = String(decoding: data.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        let path = requestLine.count > 1 ? String(requestLine[1]) : ""
        let body = Data(data[headerEnd..<min(data.count, headerEnd + bodyLength)])
        let payload = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        lock.withLock { received.append(Notification(path: path, payload: payload, receivedAt: Date())) }
        let answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        _ = answer.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            return start
        }
        return nil
    }
}
