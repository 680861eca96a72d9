/// A range vector selector such as `x{a="b"}[5m] offset 1h`.
///
/// The selector's `offset` and `at` are printed after the range, which is the
/// only place PromQL allows them on range selectors.
public struct PromQLMatrixSelector: Sendable, Equatable {
    public var selector: PromQLVectorSelector
    /// The range in brackets; always positive for parsed queries.
    public var range: PromQLDuration

    public init(selector: PromQLVectorSelector, range: PromQLDuration) {
        self.selector = selector
        self.range = range
    }
}
