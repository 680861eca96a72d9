/// A decoded value and the span of YAML it came from.
struct Located<Value: Sendable>: Sendable {
    var value: Value
    var range: SourceRange

    init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }

    var location: SourceLocation { range.start }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A label or annotation written in a spec: `name: value`, both located.
struct LabelSpec: Sendable, Hashable {
    var name: Located<String>
    var value: Located<String>
}
