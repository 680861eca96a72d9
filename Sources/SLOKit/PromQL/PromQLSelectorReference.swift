/// A vector selector found in a query, with the range it is used with.
public struct PromQLSelectorReference: Sendable, Equatable {
    public var selector: PromQLVectorSelector
    /// The range of a range vector selector (`x[5m]`); `nil` for instant selectors.
    public var range: PromQLDuration?
    /// Scalar offsets of the selector (including range and modifiers) in the query.
    public var sourceRange: Range<Int>

    public init(selector: PromQLVectorSelector, range: PromQLDuration?, sourceRange: Range<Int>) {
        self.selector = selector
        self.range = range
        self.sourceRange = sourceRange
    }

    /// See ``PromQLVectorSelector/metricName``.
    public var metricName: String? { selector.metricName }

    /// Compares selector and range; ignores `sourceRange`.
    public static func == (lhs: PromQLSelectorReference, rhs: PromQLSelectorReference) -> Bool {
        lhs.selector == rhs.selector && lhs.range == rhs.range
    }
}
