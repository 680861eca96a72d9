/// A YAML node with the exact span it came from.
///
/// Specs are decoded from this tree, never through Codable, so every value keeps its position.
struct YAMLNode: Sendable {
    enum Kind: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    var kind: Kind
    var range: SourceRange
    /// An explicit tag such as `!!str`, normalised to its short form; nil when none was written.
    var tag: String?

    init(kind: Kind, range: SourceRange, tag: String? = nil) {
        self.kind = kind
        self.range = range
        self.tag = tag
    }

    var location: SourceLocation { range.start }
}

/// A key and its value; keys are always scalars in specs (the loader rejects complex keys).
struct YAMLPair: Sendable {
    var key: YAMLNode
    var value: YAMLNode

    var keyText: String {
        if case .scalar(let scalar) = key.kind { return scalar.value }
        return ""
    }
}

struct YAMLScalar: Sendable, Hashable {
    enum Style: String, Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    var value: String
    var style: Style
}

/// One `---` document of a file.
struct YAMLDocument: Sendable {
    var root: YAMLNode
    var file: String
}
