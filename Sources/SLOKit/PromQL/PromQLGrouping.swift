/// The `by (…)` or `without (…)` clause of an aggregation.
enum PromQLGrouping: Sendable, Equatable, Hashable {
    case by([String])
    case without([String])

    var labels: [String] {
        switch self {
        case .by(let labels), .without(let labels): return labels
        }
    }
}
