internal import CYAML

/// Writes YAML with libyaml's emitter, choosing quoting so every string reads back as a string.
///
/// libyaml does no tag resolution when emitting: `10`, `true`, `~` or an empty string written
/// plain would read back as a number, bool or null, so such strings are quoted here. Width is
/// unlimited so long PromQL stays on one line; multi-line strings use literal block style.
public enum YAMLEmitter {
    public static func emit(_ value: YAMLValue, header: String = "") -> String {
        let emitter = EmitterSession()
        emitter.emit(value)
        return header + emitter.finish()
    }
}

/// Owns one `yaml_emitter_t` (at a fixed address: it points to itself) and the bytes it writes.
private final class EmitterSession {
    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let output: OutputBuffer

    final class OutputBuffer {
        var bytes: [UInt8] = []
    }

    init() {
        emitter = .allocate(capacity: 1)
        output = OutputBuffer()
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

    func emit(_ value: YAMLValue) {
        var event = yaml_event_t()
        switch value {
        case .string(let text):
            scalar(text)
        case .number(let value):
            scalar(NumberFormat.clean(value), style: YAML_PLAIN_SCALAR_STYLE)
        case .bool(let value):
            scalar(value ? "true" : "false", style: YAML_PLAIN_SCALAR_STYLE)
        case .sequence(let items):
            yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
            send(&event)
            for item in items { emit(item) }
            yaml_sequence_end_event_initialize(&event)
            send(&event)
        case .mapping(let pairs):
            let style = pairs.isEmpty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE
            yaml_mapping_start_event_initialize(&event, nil, nil, 1, style)
            send(&event)
            for (key, item) in pairs {
                scalar(key)
                emit(item)
            }
            yaml_mapping_end_event_initialize(&event)
            send(&event)
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
        let style = chosen ?? ScalarStyle.choose(for: text)
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            _ = yaml_scalar_event_initialize(
                &event, nil, nil, buffer.baseAddress, Int32(buffer.count), 1, 1, style)
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
    static func choose(for text: String) -> yaml_scalar_style_t {
        if text.contains("\n") {
            // Literal style cannot carry trailing spaces on a line or a leading-space first line
            // faithfully in every case; libyaml falls back to double quotes by itself then.
            return YAML_LITERAL_SCALAR_STYLE
        }
        if needsQuotes(text) { return YAML_DOUBLE_QUOTED_SCALAR_STYLE }
        return YAML_ANY_SCALAR_STYLE
    }

    private static let special: Set<String> = [
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf", ".nan",
    ]

    /// Plain scalars that YAML 1.1 or 1.2 would read as something other than this string.
    static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty { return true }
        if text.utf8.count <= 6, special.contains(text.lowercased()) { return true }
        if let first = text.unicodeScalars.first,
            first == "-" || first == "+" || first == "." || ("0"..."9").contains(first)
        {
            // Numbers in any YAML version: ints, floats, hex, octal, sexagesimal (1:30), dates.
            let numeric = text.utf8.allSatisfy { byte in
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
        if text.unicodeScalars.contains(where: {
            $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x85 || $0.value == 0xFEFF
        }) {
            return true
        }
        return false
    }
}
