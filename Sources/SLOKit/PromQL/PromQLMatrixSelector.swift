/// A range vector selector such as `x{a="b"}[5m] offset 1h`.
///
/// The selector's `offset` and `at` are printed after the range, which is the
/// only place PromQL allows them on range selectors.
struct PromQLMatrixSelector: Sendable, Equatable {
    var selector: PromQLVectorSelector
    /// The range in brackets; always positive for parsed queries.
    var range: PromQLDuration
}
