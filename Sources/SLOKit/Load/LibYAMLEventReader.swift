internal import CYAML

/// A libyaml event, copied into Swift values so no C type leaves this file.
enum YAMLEvent {
    struct Mark {
        /// 0-based, as libyaml reports them.
        var line: Int
        var column: Int
    }

    case streamStart
    case streamEnd
    case documentStart(start: Mark)
    case documentEnd
    case alias(anchor: String, start: Mark, end: Mark)
    case scalar(value: String, anchor: String?, tag: String?, style: YAMLScalar.Style, start: Mark, end: Mark)
    case sequenceStart(anchor: String?, tag: String?, flow: Bool, start: Mark)
    case sequenceEnd(end: Mark)
    case mappingStart(anchor: String?, tag: String?, flow: Bool, start: Mark)
    case mappingEnd(end: Mark)
}

/// A syntax error as libyaml describes it.
struct YAMLSyntaxError: Error {
    var problem: String
    var problemMark: YAMLEvent.Mark
    var context: String?
    var contextMark: YAMLEvent.Mark?
}

/// Owns a `yaml_parser_t` and the input buffer it reads.
///
/// The parser points into itself, so it lives at a fixed heap address; the input is copied into a
/// buffer that stays valid for every `yaml_parser_parse` call. After STREAM_END or an error the
/// reader returns nil forever, because libyaml would hand out empty events.
final class LibYAMLEventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var finished = false

    /// `bytes` must not be empty: libyaml aborts on a NULL input pointer.
    init(bytes: [UInt8]) {
        precondition(!bytes.isEmpty, "guard empty input before creating a reader")
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: bytes.count)
        _ = input.initialize(from: bytes)
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, nil after the stream ended; throws the parser's error once.
    func next() throws(YAMLSyntaxError) -> YAMLEvent? {
        guard !finished else { return nil }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            finished = true
            throw currentError()
        }
        defer { yaml_event_delete(&event) }
        let start = Self.mark(event.start_mark)
        let end = Self.mark(event.end_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_STREAM_END_EVENT:
            finished = true
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(start: start)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(event.data.alias.anchor) ?? "", start: start, end: end)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = String(
                decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return .scalar(
                value: value, anchor: Self.string(scalar.anchor), tag: Self.string(scalar.tag),
                style: Self.style(scalar.style), start: start, end: end)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(
                anchor: Self.string(data.anchor), tag: Self.string(data.tag),
                flow: data.style == YAML_FLOW_SEQUENCE_STYLE, start: start)
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd(end: end)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(
                anchor: Self.string(data.anchor), tag: Self.string(data.tag),
                flow: data.style == YAML_FLOW_MAPPING_STYLE, start: start)
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd(end: end)
        default:
            finished = true
            return nil
        }
    }

    private func currentError() -> YAMLSyntaxError {
        let p = parser.pointee
        let problem = Self.string(p.problem) ?? "invalid YAML"
        let context = Self.string(p.context)
        return YAMLSyntaxError(
            problem: problem, problemMark: Self.mark(p.problem_mark), context: context,
            contextMark: context == nil ? nil : Self.mark(p.context_mark))
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLEvent.Mark {
        YAMLEvent.Mark(line: Int(mark.line), column: Int(mark.column))
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
