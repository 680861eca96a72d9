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

    typealias Malformed = JSONScanner.Malformed

    private var scanner: JSONScanner
    private var depth = 0
    private static let maximumDepth = 64

    static func parse(_ bytes: [UInt8]) throws -> PrometheusResponse {
        var reader = PrometheusResponse(bytes: bytes)
        try reader.readEnvelope()
        return reader
    }

    private init(bytes: [UInt8]) { scanner = JSONScanner(bytes: bytes) }

    private mutating func readEnvelope() throws {
        try object { reader, key in
            switch key {
            case "status": reader.status = try reader.scanner.string()
            case "error": reader.error = try reader.scanner.string()
            case "data": try reader.readData()
            case "warnings":
                reader.scanner.skipSpace()
                if reader.scanner.peek() == UInt8(ascii: "n") { return try reader.scanner.literal("null") }
                var warnings: [String] = []
                try reader.array { reader in warnings.append(try reader.scanner.string()) }
                reader.warnings = warnings
            default: try reader.skipValue()
            }
        }
        guard scanner.atEnd() else { throw Malformed() }
    }

    private mutating func readData() throws {
        if scanner.peek() == UInt8(ascii: "n") { return try scanner.literal("null") }
        if scanner.peek() == UInt8(ascii: "[") {
            var strings: [String] = []
            try array { reader in strings.append(try reader.scanner.string()) }
            self.strings = strings
            return
        }
        var scalar: (Double, String)?
        var items: [(labels: [String: String], points: [(time: Double, value: String)])] = []
        try object { reader, key in
            switch key {
            case "resultType": reader.resultType = try reader.scanner.string()
            case "result":
                // A scalar result is one point; vectors and matrices are arrays of series.
                reader.scanner.skipSpace()
                var probe = reader
                try probe.scanner.expect(UInt8(ascii: "["))
                probe.scanner.skipSpace()
                if let next = probe.scanner.peek(), next != UInt8(ascii: "{"), next != UInt8(ascii: "]") {
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
                try reader.object { reader, name in labels[name] = try reader.scanner.string() }
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
        try scanner.expect(UInt8(ascii: "["))
        let time = try scanner.number()
        try scanner.expect(UInt8(ascii: ","))
        let value = try scanner.string()
        try scanner.expect(UInt8(ascii: "]"))
        return (time, value)
    }

    // MARK: - JSON primitives

    private mutating func object(_ member: (inout PrometheusResponse, String) throws -> Void) throws {
        try nest {
            try $0.scanner.expect(UInt8(ascii: "{"))
            if $0.scanner.consume(UInt8(ascii: "}")) { return }
            repeat {
                let key = try $0.scanner.string()
                try $0.scanner.expect(UInt8(ascii: ":"))
                try member(&$0, key)
            } while $0.scanner.consume(UInt8(ascii: ","))
            try $0.scanner.expect(UInt8(ascii: "}"))
        }
    }

    private mutating func array(_ element: (inout PrometheusResponse) throws -> Void) throws {
        try nest {
            try $0.scanner.expect(UInt8(ascii: "["))
            if $0.scanner.consume(UInt8(ascii: "]")) { return }
            repeat { try element(&$0) } while $0.scanner.consume(UInt8(ascii: ","))
            try $0.scanner.expect(UInt8(ascii: "]"))
        }
    }

    private mutating func nest(_ body: (inout PrometheusResponse) throws -> Void) throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw Malformed() }
        try body(&self)
        depth -= 1
    }

    private mutating func skipValue() throws {
        scanner.skipSpace()
        switch scanner.peek() {
        case UInt8(ascii: "{")?: try object { reader, _ in try reader.skipValue() }
        case UInt8(ascii: "[")?: try array { reader in try reader.skipValue() }
        case UInt8(ascii: "\"")?: _ = try scanner.string()
        case UInt8(ascii: "t")?: try scanner.literal("true")
        case UInt8(ascii: "f")?: try scanner.literal("false")
        case UInt8(ascii: "n")?: try scanner.literal("null")
        default: _ = try scanner.number()
        }
    }
}
