/// A decoded value and the span of YAML it came from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var range: SourceRange

    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }

    public var location: SourceLocation { range.start }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A label or annotation written in a spec: `name: value`, both located.
public struct LabelSpec: Sendable, Hashable {
    public var name: Located<String>
    public var value: Located<String>
}
