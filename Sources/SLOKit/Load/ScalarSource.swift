/// Where a scalar's value sits in its file, so an offset inside the value maps to a line and column.
public struct ScalarSource: Sendable, Hashable {
    public var range: SourceRange
    public var style: YAMLScalar.Style
}
