/// A vector selector found in a query, with the range it is used with.
struct PromQLSelectorReference: Sendable, Equatable {
    var selector: PromQLVectorSelector
    /// The range of a range vector selector (`x[5m]`); `nil` for instant selectors.
    var range: PromQLDuration?
    /// Scalar offsets of the selector (including range and modifiers) in the query.
    var sourceRange: Range<Int>

    init(selector: PromQLVectorSelector, range: PromQLDuration?, sourceRange: Range<Int>) {
        self.selector = selector
        self.range = range
        self.sourceRange = sourceRange
    }

    /// See ``PromQLVectorSelector/metricName``.
    var metricName: String? { selector.metricName }

    /// Compares selector and range; ignores `sourceRange`.
    static func == (lhs: PromQLSelectorReference, rhs: PromQLSelectorReference) -> Bool {
        lhs.selector == rhs.selector && lhs.range == rhs.range
    }
}
