/// Which labels the series produced by an expression can carry, relative to
/// the labels of the series it selects.
///
/// This is a static approximation used to tell SLO authors that, say,
/// `sum(rate(x[5m]))` loses the `service` label they group by.
enum PromQLOutputLabels: Sendable, Equatable {
    /// All labels of the selected series pass through, except these.
    case allExcept(Set<String>)
    /// Only these labels can appear on the output.
    case only(Set<String>)

    /// Whether `label` can still be present on output series.
    func keeps(_ label: String) -> Bool {
        switch self {
        case .allExcept(let removed): return !removed.contains(label)
        case .only(let kept): return kept.contains(label)
        }
    }

    func removing<S: Sequence>(_ labels: S) -> PromQLOutputLabels where S.Element == String {
        switch self {
        case .allExcept(let removed): return .allExcept(removed.union(labels))
        case .only(let kept): return .only(kept.subtracting(labels))
        }
    }

    func restricting<S: Sequence>(to labels: S) -> PromQLOutputLabels where S.Element == String {
        .only(Set(labels.filter(keeps)))
    }

    func adding<S: Sequence>(_ labels: S) -> PromQLOutputLabels where S.Element == String {
        switch self {
        case .allExcept(let removed): return .allExcept(removed.subtracting(labels))
        case .only(let kept): return .only(kept.union(labels))
        }
    }

    /// Labels kept by both (for `or`, whose output mixes series of both sides).
    func intersection(_ other: PromQLOutputLabels) -> PromQLOutputLabels {
        switch (self, other) {
        case let (.allExcept(a), .allExcept(b)): return .allExcept(a.union(b))
        case let (.allExcept(a), .only(b)), let (.only(b), .allExcept(a)): return .only(b.subtracting(a))
        case let (.only(a), .only(b)): return .only(a.intersection(b))
        }
    }

    static let none = PromQLOutputLabels.only([])
    static let all = PromQLOutputLabels.allExcept([])
}
