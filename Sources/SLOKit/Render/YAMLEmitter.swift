internal import CYAML

/// Writes YAML with libyaml's emitter, choosing quoting so every string reads back as a string.
///
/// libyaml does no tag resolution when emitting: `10`, `true`, `~` or an empty string written
/// plain would read back as a number, bool or null, so such strings are quoted here. Width is
/// unlimited so long PromQL stays on one line; multi-line strings use literal block style.
enum YAMLEmitter {
    static func emit(_ value: YAMLValue, header: String = "") -> String {
        let writer = YAMLWriter(header: header)
        writer.value(value)
        return writer.finish()
    }
}

/// One YAML document written event by event: owns one `yaml_emitter_t` (at a fixed address: it
/// points to itself) and the bytes it writes.
///
/// Renderers of the large files (rules, tests) write through it directly instead of building a
/// `YAMLValue` tree first: allocating and freeing the tree cost about as much as emitting it.
/// The events are the ones the tree would produce, so the bytes are the same.
final class YAMLWriter {
    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let output: OutputBuffer

    final class OutputBuffer {
        var bytes: [UInt8] = []
    }

    /// `header` (comment lines) goes before the document.
    init(header: String = "") {
        emitter = .allocate(capacity: 1)
        output = OutputBuffer()
        output.bytes.reserveCapacity(16 * 1024)
        output.bytes += header.utf8
        yaml_emitter_initialize(emitter)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
        let context = Unmanaged.passUnretained(output).toOpaque()
        yaml_emitter_set_output(
            emitter,
            { context, buffer, size in
                guard let context, let buffer else { return 0 }
                let output = Unmanaged<OutputBuffer>.fromOpaque(context).takeUnretainedValue()
                output.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                return 1
            }, context)
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        send(&event)
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        send(&event)
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    func value(_ value: YAMLValue) {
        switch value {
        case .string(let text): string(text)
        case .number(let value): number(value)
        case .bool(let value): scalar(value ? "true" : "false", style: YAML_PLAIN_SCALAR_STYLE)
        case .sequence(let items): sequence { for item in items { self.value(item) } }
        case .mapping(let pairs):
            mapping(empty: pairs.isEmpty) {
                for (key, item) in pairs {
                    string(key)
                    self.value(item)
                }
            }
        }
    }

    func string(_ text: String) { scalar(text) }

    /// A number, written plain so it reads back as a number.
    func number(_ value: Double) { scalar(NumberFormat.clean(value), style: YAML_PLAIN_SCALAR_STYLE) }

    /// A key and its string value.
    func pair(_ key: String, _ value: String) {
        scalar(key)
        scalar(value)
    }

    /// A block sequence of the items `body` writes.
    func sequence(_ body: () -> Void) {
        var event = yaml_event_t()
        yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
        send(&event)
        body()
        yaml_sequence_end_event_initialize(&event)
        send(&event)
    }

    /// A mapping of the keys and values `body` writes; `{}` when `empty`.
    func mapping(empty: Bool = false, _ body: () -> Void) {
        var event = yaml_event_t()
        yaml_mapping_start_event_initialize(
            &event, nil, nil, 1, empty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE)
        send(&event)
        body()
        yaml_mapping_end_event_initialize(&event)
        send(&event)
    }

    /// `key:` and a block sequence of an entry per item, each written by `body`.
    func sequence<Item>(_ key: String, _ items: [Item], _ body: (Item) -> Void) {
        string(key)
        sequence {
            for item in items { body(item) }
        }
    }

    /// `key:` and a mapping from a dictionary, keys sorted (labels, annotations).
    func sorted(_ key: String, _ dictionary: [String: String]) {
        string(key)
        sorted(dictionary)
    }

    /// A mapping from a dictionary, keys sorted (labels, annotations).
    func sorted(_ dictionary: [String: String]) {
        mapping(empty: dictionary.isEmpty) {
            for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) { pair(key, value) }
        }
    }

    func finish() -> String {
        var event = yaml_event_t()
        yaml_document_end_event_initialize(&event, 1)
        send(&event)
        yaml_stream_end_event_initialize(&event)
        send(&event)
        yaml_emitter_flush(emitter)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    private func scalar(_ text: String, style chosen: yaml_scalar_style_t? = nil) {
        var event = yaml_event_t()
        // libyaml copies the value, so the string's own bytes can be lent for the call (it rejects
        // a NULL value, hence a byte to point at when the string is empty).
        var bytes = text
        var empty: UInt8 = 0
        bytes.withUTF8 { buffer in
            let style = chosen ?? ScalarStyle.choose(for: text, bytes: buffer)
            withUnsafeMutablePointer(to: &empty) { fallback in
                let value = UnsafeMutablePointer(mutating: buffer.baseAddress) ?? fallback
                _ = yaml_scalar_event_initialize(&event, nil, nil, value, Int32(buffer.count), 1, 1, style)
            }
        }
        send(&event)
    }

    /// The emitter takes ownership of the event and frees it; never delete it here.
    private func send(_ event: inout yaml_event_t) {
        let ok = yaml_emitter_emit(emitter, &event)
        precondition(ok == 1, "libyaml refused an event: \(emitter.pointee.problem.map { String(cString: $0) } ?? "?")")
    }
}

/// Which libyaml style keeps a string a string.
private enum ScalarStyle {
    /// One pass over the UTF-8 bytes: every output scalar goes through here, so it must not walk
    /// Characters (`String.contains` does, many times slower).
    static func choose(for text: String, bytes: UnsafeBufferPointer<UInt8>) -> yaml_scalar_style_t {
        var unusual = false
        var start = 0
        // Eight bytes at a time while all are printable ASCII (0x20...0x7E), the usual case: a
        // word with a byte below 0x20 or at or above 0x7F has a high bit set in `low` or `high`.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while start + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)
                let low = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                let high = ((word &+ 0x0101_0101_0101_0101) | word) & 0x8080_8080_8080_8080
                if low | high != 0 { break }
                start += 8
            }
        }
        for index in start..<bytes.count {
            let byte = bytes[index]
            if byte >= 0x20, byte < 0x7F { continue }
            // A `\n` Character: a line feed not part of a `\r\n` grapheme.
            if byte == UInt8(ascii: "\n"), index == 0 || bytes[index - 1] != UInt8(ascii: "\r") {
                // Literal style cannot carry trailing spaces on a line or a leading-space first line
                // faithfully in every case; libyaml falls back to double quotes by itself then.
                return YAML_LITERAL_SCALAR_STYLE
            }
            // U+0000-001F, U+007F, U+0085 (C2 85) and U+FEFF (EF BB BF) must be escaped.
            if byte < 0x20 || byte == 0x7F
                || (byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0x85)
                || (byte == 0xEF && index + 2 < bytes.count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF)
            {
                unusual = true
            }
        }
        if unusual || readsAsOther(text, bytes: bytes) { return YAML_DOUBLE_QUOTED_SCALAR_STYLE }
        return YAML_ANY_SCALAR_STYLE
    }

    private static let special: Set<String> = [
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf", ".nan",
    ]

    /// Plain scalars that YAML 1.1 or 1.2 would read as something other than this string.
    private static func readsAsOther(_ text: String, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        if bytes.count <= 6, special.contains(text.lowercased()) { return true }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        {
            // Numbers in any YAML version: ints, floats, hex, octal, sexagesimal (1:30), dates.
            let numeric = bytes.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                    UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "x"),
                    UInt8(ascii: "X"), UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "b"), UInt8(ascii: "B"),
                    UInt8(ascii: "a"), UInt8(ascii: "A"), UInt8(ascii: "c"), UInt8(ascii: "C"), UInt8(ascii: "d"),
                    UInt8(ascii: "D"), UInt8(ascii: "f"), UInt8(ascii: "F"):
                    true
                default: false
                }
            }
            if numeric { return true }
        }
        return false
    }
}
