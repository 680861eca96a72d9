extension JSONValue {
    /// Not JSON, or nested deeper than the limit.
    typealias Malformed = JSONScanner.Malformed

    /// Reads a JSON document (the answers of `/api/v1/rules` and Alertmanager's `/api/v2/status`,
    /// whose shapes are too varied for the report's streaming reader). Nesting is limited, so a
    /// hostile server cannot overflow the stack.
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var reader = Reader(bytes: bytes)
        let value = try reader.value(depth: 0)
        guard reader.scanner.atEnd() else { throw Malformed() }
        return value
    }

    /// The member `key` of an object, nil otherwise.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    var arrayValue: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    /// An object of strings (labels, annotations) as a dictionary; other members are left out.
    var stringMap: [String: String] {
        guard case .object(let members) = self else { return [:] }
        return Dictionary(members.compactMap { key, value in value.stringValue.map { (key, $0) } }) { $1 }
    }

    /// The tree on top of `JSONScanner`'s primitives, with a depth limit.
    private struct Reader {
        var scanner: JSONScanner
        static let maximumDepth = 64

        init(bytes: [UInt8]) { scanner = JSONScanner(bytes: bytes) }

        mutating func value(depth: Int) throws -> JSONValue {
            guard depth <= Self.maximumDepth, let next = scanner.peek() else { throw Malformed() }
            switch next {
            case UInt8(ascii: "{"):
                try scanner.expect(next)
                var members: [(String, JSONValue)] = []
                if scanner.consume(UInt8(ascii: "}")) { return .object(members) }
                repeat {
                    let key = try scanner.string()
                    try scanner.expect(UInt8(ascii: ":"))
                    members.append((key, try value(depth: depth + 1)))
                } while scanner.consume(UInt8(ascii: ","))
                try scanner.expect(UInt8(ascii: "}"))
                return .object(members)
            case UInt8(ascii: "["):
                try scanner.expect(next)
                var items: [JSONValue] = []
                if scanner.consume(UInt8(ascii: "]")) { return .array(items) }
                repeat { items.append(try value(depth: depth + 1)) } while scanner.consume(UInt8(ascii: ","))
                try scanner.expect(UInt8(ascii: "]"))
                return .array(items)
            case UInt8(ascii: "\""): return .string(try scanner.string())
            case UInt8(ascii: "t"):
                try scanner.literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try scanner.literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try scanner.literal("null")
                return .null
            default: return .number(try scanner.number())
            }
        }
    }
}
