/// A reader for the Prometheus API's JSON envelope, straight from bytes to samples.
///
/// Reports fetch up to millions of points (timeslice conditions at one-minute steps); a generic
/// decoder spent most of the report's CPU building and tearing down containers, so this reads
/// exactly the envelope's shape, skips what it does not know, and limits nesting.
struct PrometheusResponse {
    var status = ""
    var resultType = ""
    var error: String?
    /// One entry per series: its labels and its (time, value text) points.
    var series: [(labels: [String: String], points: [(time: Double, value: String)])] = []
    /// Metadata endpoints (`/api/v1/label/<name>/values`): `data` is a list of strings.
    var strings: [String]?
    /// `warnings`: what the server says may be wrong with a successful answer (Thanos and
    /// Mimir: a store or ingester did not answer, the result is partial).
    var warnings: [String] = []

    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 64

    static func parse(_ bytes: [UInt8]) throws -> PrometheusResponse {
        var reader = PrometheusResponse(bytes: bytes)
        try reader.readEnvelope()
        return reader
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func readEnvelope() throws {
        try object { reader, key in
            switch key {
            case "status": reader.status = try reader.string()
            case "error": reader.error = try reader.string()
            case "data": try reader.readData()
            case "warnings":
                reader.skipSpace()
                if reader.peek() == UInt8(ascii: "n") { return try reader.literal("null") }
                var warnings: [String] = []
                try reader.array { reader in warnings.append(try reader.string()) }
                reader.warnings = warnings
            default: try reader.skipValue()
            }
        }
        skipSpace()
        guard index == bytes.count else { throw Malformed() }
    }

    private mutating func readData() throws {
        if peek() == UInt8(ascii: "n") { return try literal("null") }
        if peek() == UInt8(ascii: "[") {
            var strings: [String] = []
            try array { reader in strings.append(try reader.string()) }
            self.strings = strings
            return
        }
        var scalar: (Double, String)?
        var items: [(labels: [String: String], points: [(time: Double, value: String)])] = []
        try object { reader, key in
            switch key {
            case "resultType": reader.resultType = try reader.string()
            case "result":
                // A scalar result is one point; vectors and matrices are arrays of series.
                reader.skipSpace()
                var probe = reader
                try probe.expect(UInt8(ascii: "["))
                probe.skipSpace()
                if let next = probe.peek(), next != UInt8(ascii: "{"), next != UInt8(ascii: "]") {
                    scalar = try reader.point()
                } else {
                    try reader.array { reader in items.append(try reader.item()) }
                }
            default: try reader.skipValue()
            }
        }
        if let scalar { items = [([:], [(time: scalar.0, value: scalar.1)])] }
        series = items
    }

    private mutating func item() throws -> (labels: [String: String], points: [(time: Double, value: String)]) {
        var labels: [String: String] = [:]
        var points: [(time: Double, value: String)] = []
        try object { reader, key in
            switch key {
            case "metric":
                try reader.object { reader, name in labels[name] = try reader.string() }
            case "value":
                let (time, value) = try reader.point()
                points.append((time, value))
            case "values":
                try reader.array { reader in
                    let (time, value) = try reader.point()
                    points.append((time, value))
                }
            default: try reader.skipValue()
            }
        }
        return (labels, points)
    }

    /// `[1435781451.781, "1"]`
    private mutating func point() throws -> (Double, String) {
        try expect(UInt8(ascii: "["))
        let time = try number()
        try expect(UInt8(ascii: ","))
        let value = try string()
        try expect(UInt8(ascii: "]"))
        return (time, value)
    }

    // MARK: - JSON primitives

    private mutating func object(_ member: (inout PrometheusResponse, String) throws -> Void) throws {
        try nest {
            try $0.expect(UInt8(ascii: "{"))
            if $0.consume(UInt8(ascii: "}")) { return }
            repeat {
                let key = try $0.string()
                try $0.expect(UInt8(ascii: ":"))
                try member(&$0, key)
            } while $0.consume(UInt8(ascii: ","))
            try $0.expect(UInt8(ascii: "}"))
        }
    }

    private mutating func array(_ element: (inout PrometheusResponse) throws -> Void) throws {
        try nest {
            try $0.expect(UInt8(ascii: "["))
            if $0.consume(UInt8(ascii: "]")) { return }
            repeat { try element(&$0) } while $0.consume(UInt8(ascii: ","))
            try $0.expect(UInt8(ascii: "]"))
        }
    }

    private mutating func nest(_ body: (inout PrometheusResponse) throws -> Void) throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw Malformed() }
        try body(&self)
        depth -= 1
    }

    private mutating func skipValue() throws {
        skipSpace()
        switch peek() {
        case UInt8(ascii: "{")?: try object { reader, _ in try reader.skipValue() }
        case UInt8(ascii: "[")?: try array { reader in try reader.skipValue() }
        case UInt8(ascii: "\"")?: _ = try string()
        case UInt8(ascii: "t")?: try literal("true")
        case UInt8(ascii: "f")?: try literal("false")
        case UInt8(ascii: "n")?: try literal("null")
        default: _ = try number()
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Malformed() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Malformed() }
        index += count
    }

    private mutating func number() throws -> Double {
        skipSpace()
        let start = index
        while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
        guard index > start, let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
            throw Malformed()
        }
        return value
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E")
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            index += 1
        }
        guard index < bytes.count else { throw Malformed() }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: bytes[start..<index - 1], as: UTF8.self)
        }
        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw Malformed() }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "u"):
                    out += Array(String(Character(try unicodeEscape())).utf8)
                default: out.append(escaped)
                }
            default: out.append(byte)
            }
        }
        throw Malformed()
    }

    /// The scalar of a `\\uXXXX` escape (after the `u`), joining a surrogate pair; an unpaired
    /// surrogate becomes U+FFFD, as JSON decoders commonly do.
    private mutating func unicodeEscape() throws -> Unicode.Scalar {
        let first = try hex4()
        if (0xD800..<0xDC00).contains(first), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
        {
            let resume = index
            index += 2
            let second = try hex4()
            if (0xDC00..<0xE000).contains(second) {
                return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? "\u{FFFD}"
            }
            index = resume  // not a pair: the second escape is read on its own
        }
        return Unicode.Scalar(first) ?? "\u{FFFD}"
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw Malformed() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Malformed()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard consume(byte) else { throw Malformed() }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private func peek() -> UInt8? {
        var at = index
        while at < bytes.count, [32, 9, 10, 13].contains(bytes[at]) { at += 1 }
        return at < bytes.count ? bytes[at] : nil
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 10 || bytes[index] == 13 || bytes[index] == 9 {
            index += 1
        }
    }
}
