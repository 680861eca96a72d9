extension JSONValue {
    /// Not JSON, or nested deeper than the limit.
    struct Malformed: Error {}

    /// Reads a JSON document (the answers of `/api/v1/rules` and Alertmanager's `/api/v2/status`,
    /// whose shapes are too varied for the report's streaming reader). Nesting is limited, so a
    /// hostile server cannot overflow the stack.
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var reader = Reader(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == bytes.count else { throw Malformed() }
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

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        static let maximumDepth = 64

        mutating func value(depth: Int) throws -> JSONValue {
            guard depth <= Self.maximumDepth else { throw Malformed() }
            skipSpace()
            guard index < bytes.count else { throw Malformed() }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(String, JSONValue)] = []
                if consume(UInt8(ascii: "}")) { return .object(members) }
                repeat {
                    skipSpace()
                    let key = try string()
                    guard consume(UInt8(ascii: ":")) else { throw Malformed() }
                    members.append((key, try value(depth: depth + 1)))
                } while consume(UInt8(ascii: ","))
                guard consume(UInt8(ascii: "}")) else { throw Malformed() }
                return .object(members)
            case UInt8(ascii: "["):
                index += 1
                var items: [JSONValue] = []
                if consume(UInt8(ascii: "]")) { return .array(items) }
                repeat { items.append(try value(depth: depth + 1)) } while consume(UInt8(ascii: ","))
                guard consume(UInt8(ascii: "]")) else { throw Malformed() }
                return .array(items)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            default:
                let start = index
                while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
                guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                    throw Malformed()
                }
                return .number(number)
            }
        }

        mutating func string() throws -> String {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed() }
            index += 1
            var out: [UInt8] = []
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
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar), index + 6 <= bytes.count,
                            bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        {
                            index += 2
                            let low = try hex4()
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                        }
                        out += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
                    default: out.append(escaped)
                    }
                default: out.append(byte)
                }
            }
            throw Malformed()
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count,
                let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw Malformed() }
            index += 4
            return value
        }

        mutating func literal(_ word: String) throws {
            let utf8 = Array(word.utf8)
            guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
                throw Malformed()
            }
            index += utf8.count
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpace() {
            while index < bytes.count, [32, 9, 10, 13].contains(bytes[index]) { index += 1 }
        }
    }
}
