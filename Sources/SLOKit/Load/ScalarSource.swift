/// Where a scalar's value sits in its file, so an offset inside the value maps to a line and column.
struct ScalarSource: Sendable, Hashable {
    var range: SourceRange
    var style: YAMLScalar.Style
}
