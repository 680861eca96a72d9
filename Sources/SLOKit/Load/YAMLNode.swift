/// A YAML node with the exact span it came from.
///
/// Specs are decoded from this tree, never through Codable, so every value keeps its position.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var kind: Kind
    public var range: SourceRange
    /// An explicit tag such as `!!str`, normalised to its short form; nil when none was written.
    public var tag: String?

    public init(kind: Kind, range: SourceRange, tag: String? = nil) {
        self.kind = kind
        self.range = range
        self.tag = tag
    }

    public var location: SourceLocation { range.start }
}

/// A key and its value; keys are always scalars in specs (the loader rejects complex keys).
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public var keyText: String {
        if case .scalar(let scalar) = key.kind { return scalar.value }
        return ""
    }
}

public struct YAMLScalar: Sendable, Hashable {
    public enum Style: String, Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var value: String
    public var style: Style

    public init(value: String, style: Style) {
        self.value = value
        self.style = style
    }
}

/// One `---` document of a file.
public struct YAMLDocument: Sendable {
    public var root: YAMLNode
    public var file: String
}
