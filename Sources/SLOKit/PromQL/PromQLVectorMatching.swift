/// The vector matching clause of a binary operation: `on (…)` or
/// `ignoring (…)`, optionally followed by `group_left (…)`/`group_right (…)`.
struct PromQLVectorMatching: Sendable, Equatable, Hashable {
    /// `on` (match only on the listed labels) or `ignoring` (match on all but them).
    enum Kind: String, Sendable, Equatable, Hashable {
        case on, ignoring
    }

    /// Many-to-one / one-to-many matching with the labels to copy from the "one" side.
    /// `group_left` and `group_left ()` are the same and both stored as `.left([])`.
    enum Group: Sendable, Equatable, Hashable {
        case left([String])
        case right([String])

        var labels: [String] {
            switch self {
            case .left(let labels), .right(let labels): return labels
            }
        }
    }

    var kind: Kind
    /// The labels listed after `on`/`ignoring`; `on ()` (empty) matches all series to each other.
    var labels: [String]
    /// `group_left`/`group_right`; `nil` for one-to-one (or set-operator) matching.
    var group: Group?

    init(kind: Kind, labels: [String], group: Group? = nil) {
        self.kind = kind
        self.labels = labels
        self.group = group
    }
}

extension PromQLVectorMatching.Group {
    /// Whether this is `group_left`.
    var isLeft: Bool {
        if case .left = self { return true }
        return false
    }
}
