/// A YAML tree to emit: mappings keep the order given, so output is deterministic.
public indirect enum YAMLValue: Sendable {
    case string(String)
    /// A number, written plain so it reads back as a number.
    case number(Double)
    /// `true` or `false`, written plain so it reads back as a bool.
    case bool(Bool)
    case sequence([YAMLValue])
    case mapping([(String, YAMLValue)])

    /// A mapping from a dictionary, keys sorted (labels, annotations).
    static func sorted(_ dictionary: [String: String]) -> YAMLValue {
        .mapping(dictionary.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }
}
