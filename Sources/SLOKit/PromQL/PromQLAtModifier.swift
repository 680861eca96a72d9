/// The `@` modifier of a selector or subquery.
enum PromQLAtModifier: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// `@ <unix seconds>`, stored in milliseconds the way Prometheus does
    /// (`round(seconds * 1000)`).
    case timestamp(milliseconds: Int64)
    /// `@ start()`: the start of the evaluated range.
    case start
    /// `@ end()`: the end of the evaluated range.
    case end

    var description: String {
        switch self {
        case .timestamp(let milliseconds): return "@ " + PromQLPrinter.formatTimestamp(milliseconds)
        case .start: return "@ start()"
        case .end: return "@ end()"
        }
    }
}
