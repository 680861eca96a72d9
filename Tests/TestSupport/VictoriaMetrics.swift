import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real single-node VictoriaMetrics on 127.0.0.1 and a free port, and `vmalert` replays against it.
public final class VictoriaMetricsServer: Sendable {
    public let port: Int
    let process: RunningChild
    public var url: String { "http://127.0.0.1:\(port)" }

    public static func tool(_ name: String) throws -> String {
        let candidates =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
            + ["/usr/bin/\(name)"]
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "\(name) is not installed: run scripts/test.sh (it installs Debian's victoria-metrics package)")
    }

    public init(data: String) async throws {
        port = LoopbackHTTP.freePort()
        process = try RunningChild([
            try Self.tool("victoria-metrics"), "-storageDataPath=\(data)", "-httpListenAddr=127.0.0.1:\(port)",
            "-retentionPeriod=100y", "-search.disableCache", "-loggerLevel=ERROR",
            // The flat rules inline their windows: the longest query is ~26 KB (docs/SCALING.md).
            "-search.maxQueryLen=65536",
        ])
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if (try? LoopbackHTTP.request(port: port, "GET", "/health"))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        await process.stop()
        Issue.record("VictoriaMetrics did not become ready on 127.0.0.1:\(port) within 30 s")
        throw CancellationError()
    }

    public func stop() async { await process.stop() }

    /// Samples in the Prometheus text format with timestamps (`name{labels} value ms`).
    public func importPrometheus(_ text: String) throws {
        let answer = try LoopbackHTTP.request(port: port, "POST", "/api/v1/import/prometheus", body: text)
        #expect(answer.status == 204, "import: \(answer.status) \(answer.body.prefix(300))")
        try flush()
    }

    /// Makes everything received so far searchable.
    public func flush() throws {
        _ = try LoopbackHTTP.request(port: port, "GET", "/internal/force_flush")
    }

    /// `vmalert` in replay mode over [from, to] (unix ms) with one rule file; fails on a non-zero exit.
    public func replay(rules: String, from: Int64, to: Int64) async throws {
        func time(_ ms: Int64) -> String {
            let formatter = ISO8601DateFormatter()
            return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
        }
        let url = "http://127.0.0.1:\(port)"
        let outcome = try await ChildProcess.run(
            try Self.tool("vmalert"),
            [
                "-rule=\(rules)", "-datasource.url=\(url)", "-remoteWrite.url=\(url)",
                "-replay.timeFrom=\(time(from))", "-replay.timeTo=\(time(to))", "-replay.rulesDelay=0s",
                "-replay.maxDatapointsPerQuery=100000", "-replay.disableProgressBar",
                "-httpListenAddr=127.0.0.1:\(LoopbackHTTP.freePort())", "-loggerLevel=ERROR",
            ], combineOutput: true, cpuSeconds: 2)
        #expect(outcome.status == 0, "vmalert replay of \(rules): \(outcome.stdout.suffix(2000))")
    }

    public struct ExportedSeries {
        public var labels: [String: String]
        public var timestamps: [Int64]
    }

    /// Every series matching `match`, as `/api/v1/export` gives them (one JSON object a line).
    public func export(match: String) throws -> [ExportedSeries] {
        let query = match.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? match
        let answer = try LoopbackHTTP.request(port: port, "GET", "/api/v1/export?match[]=\(query)")
        #expect(answer.status == 200, "export: \(answer.status) \(answer.body.prefix(300))")
        return answer.body.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let metric = object["metric"] as? [String: String], let times = object["timestamps"] as? [NSNumber]
            else { return nil }
            var labels = metric
            labels.removeValue(forKey: "__name__")
            return ExportedSeries(labels: labels, timestamps: times.map(\.int64Value))
        }
    }
}

/// Plain HTTP/1.1 to a server on 127.0.0.1 (one request per connection).
public enum LoopbackHTTP {
    public struct Answer {
        public var status: Int
        public var body: String
    }

    public static func request(port: Int, _ method: String, _ path: String, body: String = "") throws -> Answer {
        let payload = Array(body.utf8)
        let head =
            "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: \(payload.count)\r\n\r\n"
        guard let response = exchange(port: port, Array(head.utf8) + payload) else { throw CancellationError() }
        let text = String(decoding: response, as: UTF8.self)
        let status = Int(text.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") ?? 0
        guard let split = text.range(of: "\r\n\r\n") else { return Answer(status: status, body: "") }
        var bodyText = String(text[split.upperBound...])
        if text[..<split.lowerBound].lowercased().contains("transfer-encoding: chunked") {
            bodyText = dechunk(bodyText)
        }
        return Answer(status: status, body: bodyText)
    }

    /// Sends `request` to 127.0.0.1:`port` and reads the whole answer (the server closes the
    /// connection); nil when nothing listens.
    public static func exchange(port: Int, _ request: [UInt8]) -> [UInt8]? {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(socketFD, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            sent += count
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socketFD, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        return response
    }

    /// A chunked body as one string.
    static func dechunk(_ text: String) -> String {
        var bytes = Substring(text).utf8[...]
        var out: [UInt8] = []
        while let lineEnd = bytes.firstRange(of: "\r\n".utf8) {
            let size = Int(String(decoding: bytes[..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            let end = bytes.index(start, offsetBy: size)
            out += bytes[start..<end]
            bytes = bytes[bytes.index(end, offsetBy: 2)...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A port the kernel just handed out on 127.0.0.1.
    public static func freePort() -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
