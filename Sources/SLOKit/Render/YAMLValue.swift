/// A YAML tree to emit: mappings keep the order given, so output is deterministic.
indirect enum YAMLValue: Sendable {
    case string(String)
    /// A number, written plain so it reads back as a number.
    case number(Double)
    /// `true` or `false`, written plain so it reads back as a bool.
    case bool(Bool)
    case sequence([YAMLValue])
    case mapping([(String, YAMLValue)])
}
